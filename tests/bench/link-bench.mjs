#!/usr/bin/env node
// Link benchmark (issue 13): uploads across the emulator's link model (a far region: per-connection
// bandwidth, round trip, total bandwidth; see docs/emulator.md "Link model"), so that what makes a
// client fast on a real long fat pipe — parts in flight — shows here too. For every link shape and
// workload (one big file, many small files) it times each row (client and settings) and prints
// throughput, % of the link's total, the ratio to ali-oss with its defaults, how fast the upload got
// to 80 % of the total, and how throughput and requests in flight evolved (the emulator's timeline).
// Not part of CI. See tests/bench/README.md and docs/performance.md ("Link benchmark").
//
//   node tests/bench/link-bench.mjs [--link SPEC ...] [--size-mib 1024] [--small-files 2000] [--small-kib 64]
//        [--workloads big,small] [--rows ali-oss,ali-oss:p16,driver,driver:t4,driver:t16,driver:t64]
//        [--part-size-mib 8] [--runs 1] [--work-dir DIR] [--no-build] [--json FILE]
//
// --link (repeatable): emulator link SPECs; default the two shapes of issue 13,
//   per-connection=16MB/s,rtt=40ms,total=400MB/s and per-connection=4MB/s,rtt=150ms,total=400MB/s.
// Rows:
//   ali-oss        ali-oss with its defaults: multipartUpload (1 MiB parts, 5 in parallel); small
//                  files one after the other (a plain loop: ali-oss has no multi-file upload)
//   ali-oss:pN     ali-oss matched: parts of --part-size-mib (our default, 8 MiB), N in parallel;
//                  small files N at once
//   driver         our engine with its defaults (tests/OssResumable.Driver: upload / upload-many
//                  without --threads or --part-size)
//   driver:tN      our engine with --threads N (small files: N at once, N requests in all, as
//                  Send-OssFile -Threads N)
//   driver:auto    our engine with --threads auto (adaptive concurrency; small files: 64 at once,
//                  requests in flight adaptive)
//   driver:auto:sN --threads auto --auto-max-start N (a multipart upload starts with at most N parts
//                  in flight instead of 128; N = 8 is the start of the first version of Auto)
//   base, base:tN, base:auto   the same rows with another build of the driver (--baseline-driver DLL,
//                  e.g. main's), to measure before and after a change in one run
// Rows still to come, see rowCommand(): pwsh, pwsh:auto.
// Throughput is MB/s (10^6 bytes, the unit of the link SPECs) over the client's own upload time
// (process start-up excluded); "wall" includes start-up. "other CPU" is what the rest of the
// machine used meanwhile: when it is not near zero, the run shared the cores.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  MiB, admin, build, createFile, deleteObject, dotnet, driverDll, here, listObjects, log, machine, median, run, runBenchmark, startEmulator, stopEmulator, timed,
  warmCache,
} from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    link: { type: 'string', multiple: true, default: ['per-connection=16MB/s,rtt=40ms,total=400MB/s', 'per-connection=4MB/s,rtt=150ms,total=400MB/s'] },
    'size-mib': { type: 'string', default: '1024' },
    'small-files': { type: 'string', default: '2000' },
    'small-kib': { type: 'string', default: '64' },
    workloads: { type: 'string', default: 'big,small' },
    rows: { type: 'string', default: 'ali-oss,ali-oss:p16,driver,driver:t4,driver:t16,driver:t64' },
    'part-size-mib': { type: 'string', default: '8' },
    runs: { type: 'string', default: '1' },
    'work-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'baseline-driver': { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (opt.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter(l => l.startsWith('//')).join('\n'));
  process.exit(0);
}

const MB = 1e6;
const bigSize = Math.round(Number(opt['size-mib']) * MiB);
const smallCount = Number(opt['small-files']);
const smallSize = Math.round(Number(opt['small-kib']) * 1024);
const partSize = Number(opt['part-size-mib']) * MiB;
const runs = Number(opt.runs);
const workloads = opt.workloads.split(',').map(w => w.trim()).filter(Boolean);
const rows = opt.rows.split(',').map(r => r.trim()).filter(Boolean);
const rowPattern = /^(ali-oss(:p[1-9]\d*)?|(driver|base)(:t[1-9]\d*|:auto(:s[1-9]\d*)?)?)$/;
const plannedRows = ['pwsh', 'pwsh:auto'];
const badRow = rows.find(r => !rowPattern.test(r));
if (badRow) {
  console.error(plannedRows.includes(badRow)
    ? `row '${badRow}' is not available yet: it comes with issue 13 items 2-3 (add it in rowCommand())`
    : `unknown row '${badRow}'; rows are ali-oss, ali-oss:pN, driver, driver:tN, driver:auto, driver:auto:sN, and base... (with --baseline-driver)`);
  process.exit(2);
}
if (rows.some(r => r.startsWith('base')) && !opt['baseline-driver']) {
  console.error('rows base... need --baseline-driver DLL');
  process.exit(2);
}
if (!(bigSize > 0) || !(smallCount >= 1) || !(smallSize >= 1) || !(partSize >= 100 * 1024) || !(runs >= 1)
  || workloads.some(w => !['big', 'small'].includes(w))) {
  console.error('bad arguments; run with --help');
  process.exit(2);
}

const workDir = resolve(opt['work-dir'] ?? join(tmpdir(), `ossr-link-bench-${process.pid}`));
const dataDir = join(workDir, 'data');
const bucket = 'bench';
const credentials = { accessKeyId: 'bench-ak', accessKeySecret: randomBytes(18).toString('base64url') }; // fresh per run, never printed
const clientEnv = { OSS_ACCESS_KEY_ID: credentials.accessKeyId, OSS_ACCESS_KEY_SECRET: credentials.accessKeySecret };

// The command of one row on one workload. Hooks still to fill:
//   pwsh, pwsh:auto -> Send-OssFile (our module's defaults / -Threads Auto) through the local
//                  `dotnet pwsh`, files piped in for the small-files workload; its result objects
//                  give the duration.
function rowCommand(row, workload, server, target) {
  const endpoint = `http://127.0.0.1:${server.port}`;
  const [client, setting, start] = row.split(':');
  const count = setting && setting !== 'auto' ? Number(setting.slice(1)) : null;
  if (client === 'driver' || client === 'base') {
    const dll = client === 'base' ? resolve(opt['baseline-driver']) : driverDll;
    const threads = setting === 'auto' ? ['--threads', 'auto', ...(start ? ['--auto-max-start', start.slice(1)] : [])]
      : count ? ['--threads', String(count)] : [];
    return workload === 'big'
      ? [dotnet, dll, 'upload', '--endpoint', endpoint, '--region', 'cn-hangzhou', '--bucket', bucket, '--key', target.key,
        '--file', target.file, '--checkpoint-dir', join(workDir, 'checkpoints'), ...threads]
      : [dotnet, dll, 'upload-many', '--endpoint', endpoint, '--region', 'cn-hangzhou', '--bucket', bucket, '--dir', target.dir,
        '--prefix', target.prefix, ...threads];
  }
  const matched = count ? ['--part-size', String(partSize), '--parallel', String(count)] : [];
  return workload === 'big'
    ? [process.execPath, join(here, 'ali-oss-upload.mjs'), '--port', String(server.port), '--bucket', bucket, '--key', target.key, '--file', target.file, ...matched]
    : [process.execPath, join(here, 'ali-oss-upload.mjs'), '--port', String(server.port), '--bucket', bucket, '--dir', target.dir, '--prefix', target.prefix,
      '--files-at-once', String(count ?? 1), ...matched];
}

const rowLabel = row => {
  const [client, setting, start] = row.split(':');
  if (client === 'ali-oss') {
    return setting ? `ali-oss matched, ${setting.slice(1)} in parallel` : 'ali-oss, its defaults';
  }
  const name = client === 'base' ? 'baseline driver' : 'driver';
  return !setting ? `${name}, our defaults`
    : setting === 'auto' ? `${name}, --threads auto${start ? ` (start at most ${start.slice(1)})` : ''}`
      : `${name}, --threads ${setting.slice(1)}`;
};

function createSmallFiles(directory) {
  const existing = (() => {
    try {
      return readdirSync(directory).filter(name => statSync(join(directory, name)).size === smallSize).length;
    } catch {
      return 0;
    }
  })();
  if (existing === smallCount && readdirSync(directory).length === smallCount) {
    return false;
  }
  rmSync(directory, { recursive: true, force: true });
  for (let i = 0; i < smallCount; i++) {
    createFile(join(directory, `f${String(i).padStart(5, '0')}.bin`), smallSize);
  }
  return true;
}

// "80 % reached" for a row: the median run's moment and share of the file, the share at the end of
// its half second, and every run's share when there were several.
function describeReached(t80, t80Runs) {
  const percent = f => `${(f * 100).toFixed(0)} %`;
  const text = t80 ? `at ${t80.seconds.toFixed(1)} s, ${percent(t80.fraction)} uploaded (held to ${percent(t80.heldThroughFraction)})` : 'never';
  return t80Runs.length > 1 ? `${text}; runs: ${t80Runs.map(r => (r ? percent(r.fraction) : 'never')).join(', ')}` : text;
}

// Rates from the emulator's timeline (cumulative samples every 100 ms): when the upload reached 80 %
// of the link's total — the start of the first half second over which it carried at least that on
// average and whose first 100 ms slice did too — with how much of the file was uploaded then and at
// the end of that half second, and a coarse series of throughput and the most requests in flight, in
// at most 24 buckets. The moment is the window's start: its end lies half a second later, after at
// least 0.8 × total × 0.5 s more bytes (160 MB, 15 % of a 1 GiB file, at 400 MB/s) — not when the rate
// was reached but when the average over it could first be read.
function analyseTimeline(samples, totalBytesPerSecond, bytes) {
  const active = samples.findIndex(s => s.bodyBytesRead > 0);
  if (active < 0) {
    return { t80: null, series: [] };
  }
  const start = active > 0 ? samples[active - 1] : { t: 0, bodyBytesRead: 0 };
  const points = [start, ...samples.slice(active)];
  const lastActive = points.findIndex(s => s.bodyBytesRead >= bytes);
  const used = lastActive > 0 ? points.slice(0, lastActive + 1) : points;
  let t80 = null;
  for (let i = 5; i < used.length && totalBytesPerSecond > 0 && t80 === null; i++) {
    const rate = (used[i].bodyBytesRead - used[i - 5].bodyBytesRead) / (used[i].t - used[i - 5].t);
    const firstSlice = (used[i - 4].bodyBytesRead - used[i - 5].bodyBytesRead) / (used[i - 4].t - used[i - 5].t);
    if (rate >= 0.8 * totalBytesPerSecond && firstSlice >= 0.8 * totalBytesPerSecond) {
      t80 = {
        seconds: used[i - 5].t - start.t,
        fraction: used[i - 5].bodyBytesRead / bytes,
        heldThroughFraction: used[i].bodyBytesRead / bytes,
      };
    }
  }
  const duration = used[used.length - 1].t - start.t;
  const width = Math.max(0.5, Math.ceil(duration / 24 / 0.5) * 0.5);
  const series = [];
  for (let from = 0; from < duration - 1e-9; from += width) {
    const inBucket = used.filter(s => s.t - start.t > from + 1e-9 && s.t - start.t <= from + width + 1e-9);
    if (inBucket.length === 0) {
      continue;
    }
    const before = used.filter(s => s.t - start.t <= from + 1e-9).at(-1) ?? start;
    const last = inBucket.at(-1);
    series.push({
      from,
      to: last.t - start.t,
      mbPerS: (last.bodyBytesRead - before.bodyBytesRead) / (last.t - before.t) / MB,
      maxInFlight: Math.max(...inBucket.map(s => s.maxRequestsInProgress)),
      connections: Math.max(...inBucket.map(s => s.connectionsOpen)),
    });
  }
  return { t80, series };
}

async function deleteAll(server, keys) {
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < keys.length) {
      await deleteObject(server, credentials, bucket, keys[next++]);
    }
  }));
}

async function runRow(server, linkSpec, workload, row, run, inputs) {
  const tag = `${row.replace(/[^a-z0-9]/g, '_')}-${run}`;
  const target = workload === 'big'
    ? { key: `link/${tag}.bin`, file: inputs.bigFile }
    : { dir: inputs.smallDir, prefix: `link/${tag}/` };
  const bytes = workload === 'big' ? bigSize : smallCount * smallSize;
  const link = await admin(server, 'PUT', 'link', linkSpec);
  await admin(server, 'DELETE', 'stats');
  const measured = await timed(`${workload}-${tag}`, rowCommand(row, workload, server, target), clientEnv, server.child.pid, workDir);

  // Inspection and clean-up on plain loopback: they are not part of the measurement.
  await admin(server, 'DELETE', 'link');
  const [timeline, stats] = [await admin(server, 'GET', 'timeline'), await admin(server, 'GET', 'stats')];
  const stored = (await listObjects(server, bucket)).filter(o => o.key.startsWith(workload === 'big' ? target.key : target.prefix));
  const expectedCount = workload === 'big' ? 1 : smallCount;
  if (stored.length !== expectedCount || stored.reduce((sum, o) => sum + o.size, 0) !== bytes) {
    throw new Error(`${row} on ${workload}: expected ${expectedCount} object(s) of ${bytes} bytes in all, found ${stored.length}`);
  }
  if (workload === 'big') {
    inputs.bigCrc ??= stored[0].crc64;
    if (stored[0].crc64 !== inputs.bigCrc) {
      throw new Error(`${row}: CRC-64 ${stored[0].crc64} differs from the first upload's ${inputs.bigCrc}`);
    }
  }
  await deleteAll(server, stored.map(o => o.key));
  const reported = JSON.parse(measured.stdout.trim().split('\n').pop());
  const { t80, series } = analyseTimeline(timeline.samples, link.totalBytesPerSecond, bytes);
  return {
    ...measured,
    bytes,
    clientS: reported.durationMs / 1000,
    mbPerS: bytes / MB / (reported.durationMs / 1000),
    maxRequestsInProgress: stats.maxRequestsInProgress,
    connectionsAccepted: stats.connectionsAccepted,
    totalBytesPerSecond: link.totalBytesPerSecond,
    t80,
    series,
  };
}

// The emulator's first requests compile its own code (JIT), which a warm OSS never does, and the runtime
// recompiles what runs hot (tier 1) over the next seconds: a row that meets either measures the
// emulator's JIT, not the link (Auto's start is scaled by how long its first Initiate waited for the
// network, and the first row of a run used to be the slowest of its kind). So before the rows the driver
// uploads 96 parts of 1 MiB on plain loopback and 32 across the first link shape (the shaping code
// runs only there), then the run waits a second for the runtime's background recompilation.
async function warmEmulator(server) {
  const dll = rows.some(r => r.startsWith('driver')) ? driverDll : opt['baseline-driver'] ? resolve(opt['baseline-driver']) : null;
  if (!dll) {
    return;
  }
  const key = 'link/warm-up.bin';
  const upload = async (file, spec) => {
    await admin(server, 'PUT', 'link', spec);
    run(dotnet, [dll, 'upload', '--endpoint', `http://127.0.0.1:${server.port}`, '--region', 'cn-hangzhou', '--bucket', bucket, '--key', key,
      '--file', file, '--no-checkpoint', '--multipart-threshold', String(MiB), '--part-size', String(MiB), '--threads', '16', '--quiet'],
    { env: { ...process.env, ...clientEnv }, stdio: ['ignore', 'ignore', 'inherit'] });
    await admin(server, 'DELETE', 'link');
    await deleteObject(server, credentials, bucket, key);
  };
  const large = join(workDir, 'warm-up-96mib.bin');
  const small = join(workDir, 'warm-up-32mib.bin');
  createFile(large, 96 * MiB);
  createFile(small, 32 * MiB);
  await upload(large, 'none');
  if (opt.link[0] !== 'none') {
    await upload(small, opt.link[0]);
  }
  await new Promise(done => setTimeout(done, 1000));
}

function describeSeries(series) {
  return series.map(b => `${b.from.toFixed(1)}-${b.to.toFixed(1)}s ${b.mbPerS.toFixed(0)} MB/s x${b.maxInFlight}`).join(' | ');
}

async function main() {
  if (!opt['no-build']) {
    build({ driver: rows.some(r => r.startsWith('driver')), aliOss: rows.some(r => r.startsWith('ali-oss')) });
  }
  mkdirSync(workDir, { recursive: true });
  const inputs = { bigFile: join(workDir, `source-${opt['size-mib']}mib.bin`), smallDir: join(workDir, `small-${smallCount}x${opt['small-kib']}kib`) };
  if (workloads.includes('big')) {
    log(`${createFile(inputs.bigFile, bigSize) ? 'wrote' : 'reusing'} ${inputs.bigFile}`);
    await warmCache(inputs.bigFile);
  }
  if (workloads.includes('small')) {
    log(`${createSmallFiles(inputs.smallDir) ? 'wrote' : 'reusing'} ${smallCount} files of ${opt['small-kib']} KiB in ${inputs.smallDir}`);
  }

  // The CLI flag sets the first shape; the admin API switches between shapes (and to plain
  // loopback for the checks between rows).
  const server = await startEmulator({ dataDir, ...credentials, bucket, extraArgs: ['--link', opt.link[0]] });
  const results = [];
  try {
    log(`emulator on port ${server.port}, pid ${server.child.pid}; links: ${opt.link.join(' ; ')}; rows: ${rows.join(', ')}; ${runs} run(s)`);
    await warmEmulator(server);
    for (const linkSpec of opt.link) {
      for (const workload of workloads) {
        for (let run = 0; run < runs; run++) {
          // Rotate the order each round so no row always runs first.
          for (const row of rows.map((_, i) => rows[(i + run) % rows.length])) {
            const result = await runRow(server, linkSpec, workload, row, run, inputs);
            results.push({ link: linkSpec, workload, row, run, ...result });
            log(`${linkSpec} ${workload} ${row} run ${run + 1}: ${result.mbPerS.toFixed(1)} MB/s (${result.clientS.toFixed(2)} s, wall ${result.wallS.toFixed(2)} s), `
              + `peak ${result.maxRequestsInProgress} requests in flight, ${result.connectionsAccepted} connections, other CPU ${result.otherCpuS.toFixed(1)} s`);
          }
        }
      }
    }
  } finally {
    await stopEmulator(server);
  }

  const env = machine();
  const lines = [];
  lines.push(`Link benchmark: big file ${(bigSize / MiB).toFixed(0)} MiB, ${smallCount} small files of ${opt['small-kib']} KiB, ${runs} run(s) per row (medians)`);
  lines.push(`machine: ${env.cpu}, ${env.memoryGiB} GiB RAM, Linux ${env.kernel}, load ${env.loadAverage}; .NET SDK ${env.dotnet}, Node ${env.node}, ali-oss ${env.aliOss}`);
  const summary = [];
  for (const linkSpec of opt.link) {
    for (const workload of workloads) {
      const group = rows.map(row => {
        const rowRuns = results.filter(r => r.link === linkSpec && r.workload === workload && r.row === row);
        const middle = rowRuns.find(r => r.mbPerS === median(rowRuns.map(x => x.mbPerS))) ?? rowRuns[0];
        return {
          row,
          runs: rowRuns.length,
          mbPerS: median(rowRuns.map(r => r.mbPerS)),
          clientS: median(rowRuns.map(r => r.clientS)),
          wallS: median(rowRuns.map(r => r.wallS)),
          cpuS: median(rowRuns.map(r => r.userS + r.sysS)),
          emulatorCpuS: median(rowRuns.map(r => r.emulatorCpuS)),
          otherCpuS: median(rowRuns.map(r => r.otherCpuS)),
          maxRequestsInProgress: Math.max(...rowRuns.map(r => r.maxRequestsInProgress)),
          connectionsAccepted: median(rowRuns.map(r => r.connectionsAccepted)),
          totalBytesPerSecond: rowRuns[0].totalBytesPerSecond,
          t80: middle.t80,
          t80Runs: rowRuns.map(r => r.t80),
          series: middle.series,
        };
      });
      const baseline = group.find(g => g.row === 'ali-oss');
      lines.push('');
      lines.push(`### ${linkSpec} — ${workload === 'big' ? `one ${(bigSize / MiB).toFixed(0)} MiB file` : `${smallCount} files of ${opt['small-kib']} KiB`}`);
      lines.push('');
      lines.push('| row | MB/s | % of total | vs ali-oss defaults | s (wall) | peak in flight | connections | 80 % of total reached | client CPU s | emulator CPU s | other CPU s |');
      lines.push('|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|');
      for (const g of group) {
        const pct = g.totalBytesPerSecond > 0 ? `${(g.mbPerS * MB / g.totalBytesPerSecond * 100).toFixed(0)} %` : '-';
        const ratio = baseline ? `${(g.mbPerS / baseline.mbPerS).toFixed(2)}x` : '-';
        const t80 = g.totalBytesPerSecond > 0 ? describeReached(g.t80, g.t80Runs) : '-';
        lines.push(`| ${rowLabel(g.row)} | ${g.mbPerS.toFixed(1)} | ${pct} | ${ratio} | ${g.clientS.toFixed(2)} (${g.wallS.toFixed(2)}) | ${g.maxRequestsInProgress} | ${g.connectionsAccepted} | ${t80} | ${g.cpuS.toFixed(2)} | ${g.emulatorCpuS.toFixed(2)} | ${g.otherCpuS.toFixed(2)} |`);
      }
      lines.push('');
      lines.push('Throughput and requests in flight over time (MB/s xN = most requests in flight in that slice):');
      for (const g of group) {
        lines.push(`- ${rowLabel(g.row)}: ${describeSeries(g.series)}`);
      }
      summary.push({ link: linkSpec, workload, rows: group });
    }
  }
  console.log(lines.join('\n'));
  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ bigSize, smallCount, smallSize, partSize, runs, machine: env, summary, results }, null, 2));
  }
}

// Keep the generated files for the next run; drop the stored objects, GNU time outputs and checkpoints.
runBenchmark(main, { workDir, keep: Boolean(opt['work-dir']), remove: [dataDir], scratch: /^(time-.*\.txt|checkpoints)$/ });
