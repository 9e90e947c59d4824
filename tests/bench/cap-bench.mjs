#!/usr/bin/env node
// Bandwidth-cap benchmark (issue 13): one upload through our engine (tests/OssResumable.Driver) under
// --max-bytes-per-second for about --seconds, and the same file uncapped, on plain loopback. Prints the
// achieved rate against the cap (bytes over the engine's own upload time) and the client's CPU per GiB
// with and without the cap. Not part of CI. See docs/performance.md ("Bandwidth cap").
//
//   node tests/bench/cap-bench.mjs [--cap-mb 20] [--seconds 60] [--short-seconds S] [--threads 4|auto]
//        [--baseline-driver DLL] [--env K=V ...] [--work-dir DIR] [--no-build] [--json FILE]
//
// The file is cap × seconds bytes (20 MB/s × 60 s = 1.2 GB by default). MB = 10^6 bytes.
// --short-seconds S also uploads a file of cap × S bytes, capped and uncapped, so that the CPU of each
// row splits into a fixed part (start-up, the runtime's tier-1 JIT of the code that runs hot) and a
// marginal part per GiB (the slope between the two sizes): what a cap costs per byte, apart from what
// a process costs once.
// --baseline-driver DLL runs every row also with another build of the driver (e.g. main's, built from a
// `git archive` copy in a scratch directory), alternating with this one, and prints both side by side:
// before and after in one run, under the same load.
// --env K=V adds environment variables to every driver run (e.g. DOTNET_TieredCompilation=0, so that
// both runs compile each method once and the whole-run figures compare the per-byte work alone).
// --threads auto runs the driver's default (-Threads Auto) and prints how many parts it put in flight.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, createFile, deleteObject, dotnet, driverDll, envAssignments, log, machine, runBenchmark, startEmulator, stopEmulator, timed, warmCache } from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    'cap-mb': { type: 'string', default: '20' },
    seconds: { type: 'string', default: '60' },
    'short-seconds': { type: 'string' },
    threads: { type: 'string', default: '4' },
    'baseline-driver': { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    'work-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log('node tests/bench/cap-bench.mjs [--cap-mb 20] [--seconds 60] [--short-seconds S] [--threads 4|auto] [--baseline-driver DLL] [--env K=V ...] [--work-dir DIR] [--no-build] [--json FILE]');
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
const shortSeconds = opt['short-seconds'] === undefined ? null : Number(opt['short-seconds']);
if (shortSeconds !== null && !(shortSeconds > 0 && shortSeconds < seconds)) {
  console.error('--short-seconds must be above 0 and below --seconds');
  process.exit(2);
}
const shortSize = shortSeconds === null ? null : Math.round(cap * shortSeconds);
const workDir = resolve(opt['work-dir'] ?? join(tmpdir(), `ossr-cap-bench-${process.pid}`));
const dataDir = join(workDir, 'data');
const bucket = 'bench';
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: randomBytes(18).toString('base64url') }; // fresh per run, never printed
const extraEnv = envAssignments(opt.env);
const clientEnv = { ...extraEnv, OSS_ACCESS_KEY_ID: credentials.accessKeyId, OSS_ACCESS_KEY_SECRET: credentials.accessKeySecret };

// The drivers compared: this build, and with --baseline-driver another one (rows alternate between them).
const drivers = [
  ...(opt['baseline-driver'] ? [{ name: 'baseline', dll: resolve(opt['baseline-driver']) }] : []),
  { name: opt['baseline-driver'] ? 'this build' : 'driver', dll: driverDll },
];
const auto = opt.threads.toLowerCase() === 'auto';

// "auto: 0.395 s: 48 in flight (goodput ...)" lines of the driver (stderr): the limits Auto took.
const autoLimits = stderr => [...stderr.matchAll(/auto: [0-9.]+ s: (\d+) in flight/g)].map(m => Number(m[1]));

async function main() {
  if (!opt['no-build']) {
    build({ driver: true, aliOss: false });
  }
  const sizes = shortSize === null ? [size] : [shortSize, size];
  for (const bytes of sizes) {
    const file = join(workDir, `source-${bytes}.bin`);
    if (createFile(file, bytes)) {
      log(`wrote ${file}`);
    }
  }
  const server = await startEmulator({ dataDir, ...credentials, bucket });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const results = Object.fromEntries(drivers.map(d => [d.name, {}]));
  try {
    for (const bytes of sizes) {
      const file = join(workDir, `source-${bytes}.bin`);
      await warmCache(file);
      for (const [mode, extra] of [['uncapped', []], ['capped', ['--max-bytes-per-second', String(cap)]]]) {
        for (const driver of drivers) {
          const row = bytes === size ? mode : `${mode}-short`;
          const key = `cap-bench/${row}.bin`;
          // Auto's limits are printed on stderr unless --quiet.
          const argv = [dotnet, driver.dll, 'upload', '--endpoint', endpoint, '--region', 'cn-hangzhou', '--bucket', bucket, '--key', key,
            '--file', file, '--no-checkpoint', '--threads', opt.threads, ...(auto ? [] : ['--quiet']), ...extra];
          const measured = await timed(`${driver.name}-${row}`, argv, clientEnv, server.child.pid, workDir);
          const uploadS = JSON.parse(measured.stdout).durationMs / 1000;
          const cpuS = measured.userS + measured.sysS;
          const limits = autoLimits(measured.stderr ?? '');
          results[driver.name][row] = {
            bytes, uploadS, rate: bytes / uploadS, cpuS, cpuPerGiB: cpuS * GiB / bytes, emulatorCpuS: measured.emulatorCpuS, otherCpuS: measured.otherCpuS,
            ...(auto ? { autoLimits: limits } : {}),
          };
          log(`${driver.name}, ${row}: ${(bytes / uploadS / MB).toFixed(2)} MB/s over ${uploadS.toFixed(2)} s, client CPU ${cpuS.toFixed(2)} s, other CPU ${measured.otherCpuS.toFixed(1)} s`
            + (auto ? `, Auto's limits ${limits.join(',') || 'unchanged'}` : ''));
          await deleteObject(server, credentials, bucket, key);
        }
      }
    }
  } finally {
    await stopEmulator(server);
  }

  const env = machine();
  console.log(`Bandwidth cap: ${(size / MB).toFixed(0)} MB with --threads ${opt.threads}, cap ${(cap / MB).toFixed(2)} MB/s, env ${JSON.stringify(extraEnv)} (load average ${env.loadAverage})`);
  for (const driver of drivers) {
    const r = results[driver.name];
    const { capped, uncapped } = r;
    console.log(`${driver.name} (${driver.dll}):`);
    console.log(`  capped:   ${(capped.rate / MB).toFixed(3)} MB/s over ${capped.uploadS.toFixed(2)} s = ${(100 * capped.rate / cap).toFixed(2)} % of the cap`);
    console.log(`  uncapped: ${(uncapped.rate / MB).toFixed(1)} MB/s over ${uncapped.uploadS.toFixed(2)} s`);
    console.log(`  client CPU per GiB: capped ${capped.cpuPerGiB.toFixed(2)} s, uncapped ${uncapped.cpuPerGiB.toFixed(2)} s (ratio ${(capped.cpuPerGiB / uncapped.cpuPerGiB).toFixed(2)}; includes the driver's start-up)`);
    console.log(`  other CPU meanwhile: capped ${capped.otherCpuS.toFixed(1)} s, uncapped ${uncapped.otherCpuS.toFixed(1)} s`);
    if (auto) {
      console.log(`  Auto's limits: capped ${capped.autoLimits.join(',') || 'unchanged'}, uncapped ${uncapped.autoLimits.join(',') || 'unchanged'}`);
    }
    if (shortSize !== null) {
      // Two sizes per row: CPU = fixed + marginal × bytes.
      const split = (long, short) => {
        const marginal = (long.cpuS - short.cpuS) / (long.bytes - short.bytes);
        return { marginalPerGiB: marginal * GiB, fixedS: short.cpuS - marginal * short.bytes };
      };
      const c = split(capped, r['capped-short']);
      const u = split(uncapped, r['uncapped-short']);
      console.log(`  short run (${(shortSize / MB).toFixed(0)} MB): capped ${r['capped-short'].cpuS.toFixed(2)} s CPU over ${r['capped-short'].uploadS.toFixed(2)} s `
        + `(${(100 * r['capped-short'].rate / cap).toFixed(2)} % of the cap), uncapped ${r['uncapped-short'].cpuS.toFixed(2)} s; other CPU ${r['capped-short'].otherCpuS.toFixed(1)} / ${r['uncapped-short'].otherCpuS.toFixed(1)} s`);
      console.log(`  marginal client CPU per GiB (slope between the sizes): capped ${c.marginalPerGiB.toFixed(2)} s, uncapped ${u.marginalPerGiB.toFixed(2)} s (ratio ${(c.marginalPerGiB / u.marginalPerGiB).toFixed(2)}); `
        + `fixed part: capped ${c.fixedS.toFixed(2)} s, uncapped ${u.fixedS.toFixed(2)} s`);
      r.split = { capped: c, uncapped: u };
    }
  }
  if (drivers.length > 1) {
    const cell = (x, y) => `${x.toFixed(2)} / ${y.toFixed(2)} s (${(x / y).toFixed(2)}x)`;
    console.log('Side by side (capped / uncapped CPU per GiB, ratio):');
    console.log('| driver | capped rate, % of the cap | whole run | marginal | fixed part, capped / uncapped | other CPU, capped run |');
    console.log('| --- | ---: | --- | --- | --- | ---: |');
    for (const { name } of drivers) {
      const r = results[name];
      console.log(`| ${name} | ${(r.capped.rate / MB).toFixed(3)} MB/s, ${(100 * r.capped.rate / cap).toFixed(2)} % | ${cell(r.capped.cpuPerGiB, r.uncapped.cpuPerGiB)} | `
        + `${r.split ? cell(r.split.capped.marginalPerGiB, r.split.uncapped.marginalPerGiB) : '-'} | ${r.split ? `${r.split.capped.fixedS.toFixed(2)} / ${r.split.uncapped.fixedS.toFixed(2)} s` : '-'} | ${r.capped.otherCpuS.toFixed(1)} s |`);
    }
  }
  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ machine: env, cap, size, shortSize, threads: opt.threads, env: extraEnv, drivers, results }, null, 2));
  }
}

runBenchmark(main, { workDir, keep: Boolean(opt['work-dir']), remove: [dataDir], scratch: /^time-/ });
