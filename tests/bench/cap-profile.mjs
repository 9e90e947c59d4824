#!/usr/bin/env node
// Where a capped upload's CPU goes (issue 13): runs the driver under --max-bytes-per-second (and once
// uncapped) on plain loopback and samples its CPU per thread from /proc every second, so that start-up
// (the first seconds) and the steady per-second cost are told apart, and which runtime thread spends it
// (thread pool workers, the timer thread, the sockets' epoll thread, the tiered JIT, the GC).
// Not part of CI. See docs/performance.md ("Bandwidth cap").
//
//   node tests/bench/cap-profile.mjs [--cap-mb 20] [--seconds 30] [--threads 4] [--work-dir DIR] [--no-build]
//        [--env K=V ...] [--driver DLL] [--rows capped,uncapped] [--timeline SECONDS]
//
// --timeline S also prints each thread's CPU per S-second slice (ms of CPU per second of the slice),
// to see when a cost is paid (start-up, tier-1 JIT spread over the run, or every second).
// --env adds environment variables to the driver (e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0);
// --driver runs another build of the driver (e.g. main's, to compare). The process's CPU (every thread,
// also those that ended: the runtime's tiered-JIT thread exits when idle) is sampled every 250 ms, so
// the last quarter second of a run may be missing; cap-bench.mjs gives exact totals.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, clockTicks, createFile, deleteObject, dotnet, driverDll, envAssignments, log, machine, runBenchmark, startEmulator, stopEmulator, warmCache } from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    'cap-mb': { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    threads: { type: 'string', default: '4' },
    'work-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
    driver: { type: 'string' },
    rows: { type: 'string', default: 'capped,uncapped' },
    timeline: { type: 'string' },
  },
});
const MB = 1e6;
const cap = Math.round(Number(opt['cap-mb']) * MB);
const size = Math.round(cap * Number(opt.seconds));
const workDir = resolve(opt['work-dir'] ?? join(tmpdir(), `ossr-cap-profile-${process.pid}`));
const dataDir = join(workDir, 'data');
const bucket = 'bench';
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: randomBytes(18).toString('base64url') };
const extraEnv = envAssignments(opt.env);

// CPU seconds per thread name (runtime threads are named ".NET TP Worker", ".NET Timer", ...).
function threadCpu(pid) {
  const byName = {};
  const own = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const ownFields = own.slice(own.lastIndexOf(')') + 2).split(' ');
  const processTotal = (Number(ownFields[11]) + Number(ownFields[12])) / clockTicks;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / clockTicks;
    } catch {
      // the thread ended
    }
  }
  const live = Object.values(byName).reduce((a, b) => a + b, 0);
  byName['(threads that ended)'] = Math.max(0, processTotal - live);
  return byName;
}

async function profile(server, row, extra) {
  const key = `cap-profile/${row}.bin`;
  const child = spawn(dotnet, [opt.driver ? resolve(opt.driver) : driverDll, 'upload', '--endpoint', `http://127.0.0.1:${server.port}`, '--region', 'cn-hangzhou', '--bucket', bucket,
    '--key', key, '--file', join(workDir, `source-${size}.bin`), '--no-checkpoint', '--threads', opt.threads, '--quiet', ...extra],
  { env: { ...process.env, ...extraEnv, OSS_ACCESS_KEY_ID: credentials.accessKeyId, OSS_ACCESS_KEY_SECRET: credentials.accessKeySecret }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', d => { stdout += d; });
  const samples = [];
  let last = {};
  const timer = setInterval(() => {
    try {
      last = threadCpu(child.pid);
      samples.push(last);
    } catch {
      // exited
    }
  }, 250);
  await new Promise(r => child.once('exit', r));
  clearInterval(timer);
  await deleteObject(server, credentials, bucket, key);
  const total = s => Object.values(s).reduce((a, b) => a + b, 0);
  const uploadS = JSON.parse(stdout).durationMs / 1000;
  // Steady rate: from 3 s on (start-up over) to the last sample.
  const from = 12;
  const span = (samples.length - 1 - from) / 4;
  const steady = span >= 2 ? (total(samples.at(-1)) - total(samples[from])) / span : NaN;
  const names = Object.keys(last).sort((a, b) => last[b] - last[a]).filter(n => last[n] >= 0.005);
  const perThread = names.map(n => {
    const d = span >= 2 ? ((last[n] ?? 0) - (samples[from][n] ?? 0)) / span : NaN;
    return `${n} ${last[n].toFixed(2)} s (${(d * 1000).toFixed(1)} ms/s)`;
  }).join('; ');
  console.log(`${row}: ${(size / MB / uploadS).toFixed(2)} MB/s over ${uploadS.toFixed(1)} s; CPU ${total(last).toFixed(2)} s by the last sample`
    + ` (${(total(last) * 1024 ** 3 / size).toFixed(2)} s per GiB), in the first 3 s ${samples.length > from ? total(samples[from]).toFixed(2) : '-'} s, after that ${(steady * 1000).toFixed(1)} ms per second`);
  console.log(`  per thread (total, steady): ${perThread}`);
  if (opt.timeline) {
    const step = Math.max(1, Math.round(Number(opt.timeline) * 4));
    for (let i = 0; i + 1 < samples.length; i += step) {
      const j = Math.min(i + step, samples.length - 1);
      const ms = n => (((samples[j][n] ?? 0) - (samples[i][n] ?? 0)) * 1000 / ((j - i) / 4)).toFixed(1);
      console.log(`  ${(i / 4).toFixed(1)}-${(j / 4).toFixed(1)} s: total ${((total(samples[j]) - total(samples[i])) * 1000 / ((j - i) / 4)).toFixed(1)} ms/s; ${names.map(n => `${n} ${ms(n)}`).join('; ')}`);
    }
  }
}

async function main() {
  if (!opt['no-build']) {
    build({ driver: true, aliOss: false });
  }
  const file = join(workDir, `source-${size}.bin`);
  createFile(file, size);
  await warmCache(file);
  const server = await startEmulator({ dataDir, ...credentials, bucket });
  try {
    console.log(`cap ${(cap / MB).toFixed(1)} MB/s, ${(size / MB).toFixed(0)} MB, --threads ${opt.threads}, env ${JSON.stringify(extraEnv)}, load ${machine().loadAverage}`);
    for (const row of opt.rows.split(',')) {
      await profile(server, row, row === 'capped' ? ['--max-bytes-per-second', String(cap)] : []);
    }
    console.log(`load ${machine().loadAverage}`);
  } finally {
    await stopEmulator(server);
  }
}

runBenchmark(main, { workDir, keep: Boolean(opt['work-dir']), remove: [dataDir], scratch: /^time-/ });
