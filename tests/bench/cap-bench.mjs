#!/usr/bin/env node
// Bandwidth-cap benchmark (issue 13): one upload through our engine (tests/OssResumable.Driver) under
// --max-bytes-per-second for about --seconds, and the same file uncapped, on plain loopback. Prints the
// achieved rate against the cap (bytes over the engine's own upload time) and the client's CPU per GiB
// with and without the cap. Not part of CI. See docs/performance.md ("Bandwidth cap").
//
//   node tests/bench/cap-bench.mjs [--cap-mb 20] [--seconds 60] [--threads 4] [--work-dir DIR] [--no-build] [--json FILE]
//
// The file is cap × seconds bytes (20 MB/s × 60 s = 1.2 GB by default). MB = 10^6 bytes.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, createFile, deleteObject, dotnet, driverDll, log, machine, runBenchmark, startEmulator, stopEmulator, timed, warmCache } from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    'cap-mb': { type: 'string', default: '20' },
    seconds: { type: 'string', default: '60' },
    threads: { type: 'string', default: '4' },
    'work-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log('node tests/bench/cap-bench.mjs [--cap-mb 20] [--seconds 60] [--threads 4] [--work-dir DIR] [--no-build] [--json FILE]');
  process.exit(0);
}

const MB = 1e6;
const GiB = 1024 ** 3;
const cap = Math.round(Number(opt['cap-mb']) * MB);
const seconds = Number(opt.seconds);
if (!(cap >= 1024) || !(seconds > 0)) {
  console.error('bad arguments; run with --help');
  process.exit(2);
}

const size = Math.round(cap * seconds);
const workDir = resolve(opt['work-dir'] ?? join(tmpdir(), `ossr-cap-bench-${process.pid}`));
const dataDir = join(workDir, 'data');
const bucket = 'bench';
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: randomBytes(18).toString('base64url') }; // fresh per run, never printed
const clientEnv = { OSS_ACCESS_KEY_ID: credentials.accessKeyId, OSS_ACCESS_KEY_SECRET: credentials.accessKeySecret };

async function main() {
  if (!opt['no-build']) {
    build({ driver: true, aliOss: false });
  }
  const file = join(workDir, `source-${size}.bin`);
  if (createFile(file, size)) {
    log(`wrote ${file}`);
  }
  await warmCache(file);
  const server = await startEmulator({ dataDir, ...credentials, bucket });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const results = {};
  try {
    for (const [row, extra] of [['uncapped', []], ['capped', ['--max-bytes-per-second', String(cap)]]]) {
      const key = `cap-bench/${row}.bin`;
      const argv = [dotnet, driverDll, 'upload', '--endpoint', endpoint, '--region', 'cn-hangzhou', '--bucket', bucket, '--key', key,
        '--file', file, '--no-checkpoint', '--threads', opt.threads, '--quiet', ...extra];
      const measured = await timed(row, argv, clientEnv, server.child.pid, workDir);
      const uploadS = JSON.parse(measured.stdout).durationMs / 1000;
      const cpuS = measured.userS + measured.sysS;
      results[row] = { uploadS, rate: size / uploadS, cpuS, cpuPerGiB: cpuS * GiB / size, emulatorCpuS: measured.emulatorCpuS, otherCpuS: measured.otherCpuS };
      log(`${row}: ${(size / uploadS / MB).toFixed(2)} MB/s over ${uploadS.toFixed(2)} s, client CPU ${cpuS.toFixed(2)} s, other CPU ${measured.otherCpuS.toFixed(1)} s`);
      await deleteObject(server, credentials, bucket, key);
    }
  } finally {
    await stopEmulator(server);
  }

  const { capped, uncapped } = results;
  const env = machine();
  console.log(`Bandwidth cap: ${(size / MB).toFixed(0)} MB with --threads ${opt.threads}, cap ${(cap / MB).toFixed(2)} MB/s (load average ${env.loadAverage})`);
  console.log(`  capped:   ${(capped.rate / MB).toFixed(3)} MB/s over ${capped.uploadS.toFixed(2)} s = ${(100 * capped.rate / cap).toFixed(2)} % of the cap`);
  console.log(`  uncapped: ${(uncapped.rate / MB).toFixed(1)} MB/s over ${uncapped.uploadS.toFixed(2)} s`);
  console.log(`  client CPU per GiB: capped ${capped.cpuPerGiB.toFixed(2)} s, uncapped ${uncapped.cpuPerGiB.toFixed(2)} s (ratio ${(capped.cpuPerGiB / uncapped.cpuPerGiB).toFixed(2)}; includes the driver's start-up)`);
  console.log(`  other CPU meanwhile: capped ${capped.otherCpuS.toFixed(1)} s, uncapped ${uncapped.otherCpuS.toFixed(1)} s`);
  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ machine: env, cap, size, threads: Number(opt.threads), results }, null, 2));
  }
}

runBenchmark(main, { workDir, keep: Boolean(opt['work-dir']), remove: [dataDir], scratch: /^time-/ });
