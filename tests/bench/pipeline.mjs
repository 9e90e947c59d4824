#!/usr/bin/env node
// Pipeline benchmark (issue 12): the module as users run it, against the official SDK, on ONE
// emulator, the same files, in one run. Three modes:
//
//   small    (default) folders of small files: `Get-ChildItem -File DIR | Send-OssFile` in a fresh pwsh 7.6
//            (the real pwsh.dll process, importing out/OssResumable) at the default and chosen -Threads,
//            against ali-oss `put` in a loop with 1 (sequential), the same, and 8 in parallel. Prints
//            files/s, client CPU ms per file, peak RSS (and RSS at quarters of the run), the emulator's
//            CPU per file, and the ratios against ali-oss.
//   large    one big file: the driver, Send-OssFile in pwsh, ali-oss multipartUpload (parts of 8 MiB, 4 in
//            parallel) and curl's single PUT: client CPU s per GiB, MiB/s, peak RSS.
//   startup  a fresh pwsh: start-up, `Import-Module OssResumable`, the first small upload (wall and CPU).
//
//   node tests/bench/pipeline.mjs [--mode small|large|startup] [--runs 3] [--warmup 1]
//        [--sets 2000x32k,20000x4k,mixed] [--clients pwsh,pwsh:16,ali-oss:1,ali-oss:4,ali-oss:8,ali-oss:16]
//        [--size-mib 1024] [--seed 12] [--work-dir DIR] [--module DIR] [--pwsh-dll PATH]
//        [--no-build] [--build-module] [--json FILE] [--wrap "COMMAND ... {tag} ..."]
//
// Clients (small mode): pwsh[:THREADS][+noprogress][+nockpt][+host][+module=DIR][+pwsh=PWSH.DLL][+NAME=VALUE...] and ali-oss:PARALLEL.
// `pwsh` passes no -Threads (the default, 4); `+noprogress` sets $ProgressPreference = 'SilentlyContinue';
// `+nockpt` adds -NoCheckpoint (no checkpoint probing for small files); `+host` sends the results to Out-Default (the table a console user sees) instead of Measure-Object;
// `+paths` pipes the folder's file paths as strings ([IO.Directory]::EnumerateFiles, bound to -Path) instead of Get-ChildItem's FileInfo objects
// (Get-ChildItem keeps every FileInfo and its PowerShell note properties alive for the whole pipeline: its own RSS growth);
// `+module=DIR` imports another build of the module (an experiment, compared in the same run);
// `+pwsh=PATH` runs another pwsh.dll (e.g. a ReadyToRun copy from tests/bench/profile/r2r-copy.sh);
// `+NAME=VALUE` sets an environment variable (e.g. +DOTNET_TieredPGO=0). An idle client (the same
// process that imports/loads and uploads nothing) runs in every round, so start-up can be subtracted.
// Every figure is printed with the 1-minute load average: the machine may be shared.
// --wrap puts a command in front of every client run (a profiler), {tag} becoming the client and run, e.g.
// --wrap "perf record -e cpu-clock -F 999 -g -o /tmp/prof/{tag}.data --" (timings then include the profiler).
// Not part of CI. See tests/bench/README.md and docs/performance.md ("Pipeline of small files").
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { emulatorAdmin, startEmulator, stopEmulator } from './lib/emulator.mjs';
import { ensureFileSet } from './lib/filesets.mjs';
import { clockTicks, loadAverage, runTimed } from './lib/proc.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

const { values: opt } = parseArgs({
  options: {
    mode: { type: 'string', default: 'small' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    sets: { type: 'string', default: '2000x32k' },
    clients: { type: 'string' },
    'size-mib': { type: 'string', default: '1024' },
    'part-size-mib': { type: 'string', default: '8' },
    threads: { type: 'string', default: '4' },
    seed: { type: 'string', default: '12' },
    'work-dir': { type: 'string' },
    module: { type: 'string', default: join(repoRoot, 'out/OssResumable') },
    'pwsh-dll': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'build-module': { type: 'boolean', default: false },
    json: { type: 'string' },
    wrap: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (opt.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter(l => l.startsWith('//')).join('\n'));
  process.exit(0);
}

const defaultClients = {
  small: 'pwsh,pwsh:16,ali-oss:1,ali-oss:4,ali-oss:8,ali-oss:16',
  large: 'driver,pwsh,ali-oss,put',
  startup: 'pwsh',
};
const mode = opt.mode;
const runs = Number(opt.runs);
const warmupRounds = Number(opt.warmup);
const seed = Number(opt.seed);
const partSize = Number(opt['part-size-mib']) * MiB;
const largeThreads = Number(opt.threads);
if (!defaultClients[mode] || !(runs >= 1) || !(warmupRounds >= 0) || !Number.isInteger(seed) || !(partSize >= 100 * 1024)) {
  console.error('bad arguments; run with --help');
  process.exit(2);
}

const dotnet = process.env.DOTNET_HOST_PATH ?? 'dotnet';
const workDir = resolve(opt['work-dir'] ?? join(tmpdir(), 'ossr-pipeline-bench'));
const accessKeyId = 'bench-ak';
const accessKeySecret = randomBytes(18).toString('base64url'); // fresh per run, never printed
const bucket = 'bench';
const region = 'cn-hangzhou';
const driverDll = join(repoRoot, 'tests/OssResumable.Driver/bin/Release/net10.0/OssResumable.Driver.dll');
const pwshScript = join(here, 'pipeline-send.ps1');
// This run's own scratch: the emulator's data, GNU time's outputs, checkpoints, the signed PUT header.
const runDir = join(workDir, `run-${process.pid}`);

function log(message) {
  process.stderr.write(`[pipeline] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
}

// ---------- clients ----------

/** Parses a client spec: pwsh[:T][+flag...], pwsh-idle, ali-oss[:P], ali-oss-idle, driver, put. */
function parseClient(spec) {
  const [head, ...modifiers] = spec.split('+');
  const [kind, count] = head.split(':');
  const client = { spec, kind, count: count === undefined ? null : Number(count), env: {}, noProgress: false, sink: 'Count', module: opt.module };
  if (!['pwsh', 'pwsh-idle', 'ali-oss', 'ali-oss-idle', 'driver', 'put'].includes(kind) || (count !== undefined && !(client.count >= 1))) {
    throw new Error(`unknown client "${spec}"`);
  }
  for (const modifier of modifiers) {
    if (modifier === 'noprogress') {
      client.noProgress = true;
    } else if (modifier === 'nockpt') {
      client.sendParameters = { ...client.sendParameters, NoCheckpoint: true };
    } else if (modifier === 'host') {
      client.sink = 'Host';
    } else if (modifier === 'paths') {
      client.source = 'Paths';
    } else if (modifier.startsWith('pwsh=')) {
      client.pwshDll = resolve(modifier.slice('pwsh='.length));
    } else if (modifier.startsWith('module=')) {
      client.module = resolve(modifier.slice('module='.length));
    } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(modifier)) {
      client.env[modifier.slice(0, modifier.indexOf('='))] = modifier.slice(modifier.indexOf('=') + 1);
    } else {
      throw new Error(`unknown modifier "${modifier}" in client "${spec}"`);
    }
  }
  if (kind === 'ali-oss' && mode === 'small' && client.count === null) {
    client.count = 1;
  }
  return client;
}

function label(client) {
  const modifiers = client.spec.includes('+') ? ` [${client.spec.split('+').slice(1).join(' ')}]` : '';
  return baseLabel(client) + (client.kind === 'pwsh' ? '' : modifiers);
}

function baseLabel(client) {
  switch (client.kind) {
    case 'pwsh': return `Send-OssFile${client.count ? ` -Threads ${client.count}` : ' (default)'}${client.spec.includes('+') ? ` [${client.spec.split('+').slice(1).join(' ')}]` : ''}`;
    case 'pwsh-idle': return 'pwsh + Import-Module, no upload (idle)';
    case 'ali-oss': return mode === 'small' ? (client.count === 1 ? 'ali-oss put, sequential loop' : `ali-oss put, ${client.count} in parallel`) : 'ali-oss multipartUpload';
    case 'ali-oss-idle': return 'node + ali-oss client, no upload (idle)';
    case 'driver': return 'driver (OssResumable engine)';
    case 'put': return 'single PUT (curl)';
    default: return client.spec;
  }
}

let pwshDllPath = null;

/** The real PowerShell (pwsh.dll of the repository's tool manifest), started as `dotnet pwsh.dll`. */
function pwshDll() {
  if (opt['pwsh-dll']) {
    return resolve(opt['pwsh-dll']);
  }
  if (!pwshDllPath) {
    const result = spawnSync(dotnet, ['pwsh', '-NoProfile', '-NonInteractive', '-Command', '[System.Reflection.Assembly]::GetEntryAssembly().Location'],
      { cwd: repoRoot, encoding: 'utf8' });
    pwshDllPath = result.stdout.trim().split('\n').pop();
    if (result.status !== 0 || !pwshDllPath.endsWith('pwsh.dll') || !existsSync(pwshDllPath)) {
      throw new Error(`cannot find pwsh.dll through \`dotnet pwsh\` (run \`dotnet tool restore\`): ${result.stderr}`);
    }
  }
  return pwshDllPath;
}

function signV1(method, key, date, contentType) {
  const stringToSign = `${method}\n\n${contentType}\n${date}\n/${bucket}/${key}`;
  return `OSS ${accessKeyId}:${createHmac('sha1', accessKeySecret).update(stringToSign).digest('base64')}`;
}

/** argv and environment of one client run; `target` is { folder } or { path }, uploaded under `prefix`. */
function clientCommand(client, emulator, target, prefix) {
  const credentials = { OSS_ACCESS_KEY_ID: accessKeyId, OSS_ACCESS_KEY_SECRET: accessKeySecret };
  const base = { ...process.env, ...credentials, ...client.env };
  switch (client.kind) {
    case 'pwsh':
    case 'pwsh-idle': {
      const argv = [dotnet, client.pwshDll ?? pwshDll(), '-NoProfile', '-NonInteractive', '-File', pwshScript, '-ModulePath', client.module,
        '-Phase', client.kind === 'pwsh' ? 'Pipeline' : 'Idle', '-Bucket', bucket, '-KeyPrefix', prefix, '-Sink', client.sink,
        '-ClockTicks', String(clockTicks), ...(target.folder ? ['-Folder', target.folder] : ['-Path', target.path])];
      if (client.count) {
        argv.push('-Threads', String(client.count));
      }
      if (client.noProgress) {
        argv.push('-NoProgress');
      }
      if (client.source) {
        argv.push('-Source', client.source);
      }
      if (client.sendParameters) {
        argv.push('-SendParametersJson', JSON.stringify(client.sendParameters));
      }
      const env = {
        ...base, OSS_ENDPOINT: emulator.endpoint, OSS_REGION: region,
        // Checkpoints (multipart files) go to the run's own state directory, the default location's parent.
        XDG_STATE_HOME: join(runDir, 'state'),
        POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off',
      };
      return { argv, env, report: 'json' };
    }
    case 'ali-oss':
    case 'ali-oss-idle':
      if (mode === 'large') {
        return {
          argv: [process.execPath, join(here, 'ali-oss-upload.mjs'), '--port', String(emulator.port), '--bucket', bucket, '--key', `${prefix}${target.name}`,
            '--file', target.path, '--part-size', String(partSize), '--parallel', String(largeThreads)],
          env: base, report: null,
        };
      }
      return {
        argv: [process.execPath, join(here, 'ali-oss-put-many.mjs'), '--port', String(emulator.port), '--bucket', bucket, '--prefix', prefix,
          '--phase', client.kind === 'ali-oss' ? 'put' : 'idle', '--parallel', String(client.count ?? 1), '--clock-ticks', String(clockTicks),
          '--folder', target.folder ?? dirname(target.path)],
        env: base, report: 'json',
      };
    case 'driver':
      return {
        argv: [dotnet, driverDll, 'upload', '--endpoint', emulator.endpoint, '--region', region, '--bucket', bucket, '--key', `${prefix}${target.name}`,
          '--file', target.path, '--threads', String(largeThreads), '--part-size', String(partSize), '--checkpoint-dir', join(runDir, 'checkpoints')],
        env: base, report: null,
      };
    case 'put': {
      const key = `${prefix}${target.name}`;
      const date = new Date().toUTCString();
      const contentType = 'application/octet-stream';
      // The signature goes into a header file (mode 0600), never onto curl's command line.
      const headerFile = join(runDir, 'put-headers.txt');
      writeFileSync(headerFile, `Date: ${date}\nContent-Type: ${contentType}\nAuthorization: ${signV1('PUT', key, date, contentType)}\nExpect:\n`, { mode: 0o600 });
      return { argv: ['curl', '-sS', '--fail', '-o', '/dev/null', '-T', target.path, '-H', `@${headerFile}`, `${emulator.endpoint}/${bucket}/${key}`], env: base, report: null };
    }
    default:
      throw new Error(client.kind);
  }
}

// ---------- measuring one run ----------

const median = values => {
  const sorted = values.filter(v => v !== null && v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) {
    return null;
  }
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** RSS at the end of each quarter of the run (from the samples), in MiB: flat means no per-file growth. */
function rssQuarters(samples) {
  if (samples.length < 4) {
    return null;
  }
  return [1, 2, 3, 4].map(q => samples[Math.min(samples.length - 1, Math.ceil(samples.length * q / 4) - 1)] / 1024);
}

async function measure(client, emulator, target, prefix, tag) {
  const { argv: command, env, report } = clientCommand(client, emulator, target, prefix);
  const wrapTag = `${client.spec}-${tag}`.replace(/[^a-z0-9.=-]/gi, '_');
  const argv = [...(opt.wrap ?? '').split(' ').filter(Boolean).map(t => t.replaceAll('{tag}', wrapTag)), ...command];
  const startedMs = Date.now();
  const result = await runTimed({ argv, env, cwd: workDir, timeFile: join(runDir, `time-${tag}.txt`), watchPids: [emulator.pid] });
  let reported = null;
  if (report === 'json') {
    const last = result.stdout.trim().split('\n').pop();
    try {
      reported = JSON.parse(last);
    } catch {
      reported = null;
    }
  }
  if (result.code !== 0 || (report === 'json' && !reported)) {
    const detail = reported?.firstErrors?.join('\n') ?? `${result.stdout.slice(-2000)}\n${result.stderr}`;
    throw new Error(`${client.spec} (${tag}) exited with ${result.code}:\n${detail}`);
  }
  const clientCpuS = result.gnu.userS + result.gnu.sysS;
  const m = reported?.marks;
  return {
    wallS: result.wallS,
    clientCpuS,
    userS: result.gnu.userS,
    sysS: result.gnu.sysS,
    peakRssMiB: result.gnu.maxRssKiB / 1024,
    rssQuartersMiB: rssQuarters(result.rssSamplesKiB),
    emulatorCpuS: result.watchedCpuS[0],
    otherCpuS: Math.max(0, result.busyS - result.watchedCpuS[0] - clientCpuS),
    load: result.loadBefore,
    // Phases reported by the client itself (pwsh and ali-oss-put-many): start-up, import, work.
    startupWallS: m ? (m.scriptStart.unixMs - startedMs) / 1000 : null,
    startupCpuS: m ? m.scriptStart.cpuS : null,
    importWallS: m ? (m.imported.unixMs - m.scriptStart.unixMs) / 1000 : null,
    importCpuS: m ? m.imported.cpuS - m.scriptStart.cpuS : null,
    workWallS: m ? (m.done.unixMs - m.imported.unixMs) / 1000 : null,
    workCpuS: m ? m.done.cpuS - m.imported.cpuS : null,
    reportedResults: reported?.results ?? null,
    marks: m ?? null,
    // The runtime's counters over the work phase (pwsh only): allocations, GCs, GC pauses, JIT.
    workAllocatedMiB: m?.done.allocatedBytes !== undefined ? (m.done.allocatedBytes - m.imported.allocatedBytes) / 2 ** 20 : null,
    workGcCount: m?.done.gcCount !== undefined ? m.done.gcCount - m.imported.gcCount : null,
    workGcPauseMs: m?.done.gcPauseMs !== undefined ? m.done.gcPauseMs - m.imported.gcPauseMs : null,
    workJitMethods: m?.done.jitMethods !== undefined ? m.done.jitMethods - m.imported.jitMethods : null,
    workJitMs: m?.done.jitMs !== undefined ? m.done.jitMs - m.imported.jitMs : null,
    startJitMethods: m?.imported.jitMethods ?? null,
  };
}

// ---------- checking and clearing what a run stored ----------

let adminClient = null;
function ossClient(emulator) {
  if (!adminClient) {
    const OSS = createRequire(join(repoRoot, 'tests/compat/ali-oss/package.json'))('ali-oss');
    adminClient = new OSS({ endpoint: `http://localhost:${emulator.port}`, sldEnable: true, bucket, accessKeyId, accessKeySecret, region: 'oss-cn-hangzhou' });
  }
  return adminClient;
}

const referenceCrc = new Map();

/** Every expected object is there with its size and the same CRC-64 as the first upload of that file; then all are deleted. */
async function verifyAndClear(emulator, prefix, files, what) {
  const stored = (await emulatorAdmin(emulator, `objects?bucket=${bucket}`)).filter(o => o.key.startsWith(prefix));
  const byKey = new Map(stored.map(o => [o.key, o]));
  for (const file of files) {
    const object = byKey.get(`${prefix}${file.name}`);
    if (!object || object.size !== file.size) {
      throw new Error(`${what}: ${prefix}${file.name} is missing or has the wrong size (${object?.size} instead of ${file.size})`);
    }
    const first = referenceCrc.get(file.path) ?? object.crc64;
    referenceCrc.set(file.path, first);
    if (object.crc64 !== first) {
      throw new Error(`${what}: ${prefix}${file.name} has CRC-64 ${object.crc64}, the first upload of that file had ${first}`);
    }
  }
  if (stored.length !== files.length) {
    throw new Error(`${what}: ${stored.length} objects under ${prefix}, expected ${files.length}`);
  }
  const keys = stored.map(o => o.key);
  for (let i = 0; i < keys.length; i += 1000) {
    await ossClient(emulator).deleteMulti(keys.slice(i, i + 1000), { quiet: true });
  }
}

// ---------- the modes ----------

/** Runs every client `runs` times (after warm-up), rotating the order each round; returns rows by client spec. */
async function runRounds(emulator, clients, target, files, name) {
  const rows = Object.fromEntries(clients.map(c => [c.spec, []]));
  const warm = clients.filter(c => !c.kind.endsWith('-idle'));
  for (let w = 0; w < warmupRounds; w++) {
    for (const client of warm) {
      const prefix = `warmup${w}/${client.spec.replace(/[^a-z0-9]/gi, '_')}/`;
      await measure(client, emulator, target, prefix, `warmup-${w}`);
      await verifyAndClear(emulator, prefix, files, `${client.spec} warm-up`);
    }
    log(`${name}: warm-up round ${w + 1} done`);
  }
  for (let r = 0; r < runs; r++) {
    const order = clients.map((_, i) => clients[(i + r) % clients.length]);
    for (const client of order) {
      const prefix = `r${r}/${client.spec.replace(/[^a-z0-9]/gi, '_')}/`;
      spawnSync('sync');
      const row = await measure(client, emulator, target, prefix, `${r}`);
      if (!client.kind.endsWith('-idle')) {
        if (row.reportedResults !== null && row.reportedResults !== files.length) {
          throw new Error(`${client.spec} run ${r + 1}: ${row.reportedResults} results for ${files.length} files`);
        }
        await verifyAndClear(emulator, prefix, files, `${client.spec} run ${r + 1}`);
      }
      rows[client.spec].push(row);
      log(`${name} ${label(client)} run ${r + 1}: wall ${row.wallS.toFixed(2)} s, work ${row.workWallS?.toFixed(2) ?? '-'} s, `
        + `CPU ${row.clientCpuS.toFixed(2)} s (work ${row.workCpuS?.toFixed(2) ?? '-'} s), RSS ${row.peakRssMiB.toFixed(0)} MiB, `
        + `emulator ${row.emulatorCpuS.toFixed(2)} s, other ${row.otherCpuS.toFixed(2)} s, load ${row.load.toFixed(2)}`);
    }
  }
  return rows;
}

const f = (value, digits = 2) => (value === null || value === undefined ? '–' : value.toFixed(digits));

function summarize(rows) {
  const pick = key => median(rows.map(r => r[key]));
  const quarters = rows.map(r => r.rssQuartersMiB).filter(Boolean);
  return {
    runs: rows.length,
    wallS: pick('wallS'), clientCpuS: pick('clientCpuS'), userS: pick('userS'), sysS: pick('sysS'),
    peakRssMiB: pick('peakRssMiB'), maxPeakRssMiB: Math.max(...rows.map(r => r.peakRssMiB)),
    rssQuartersMiB: quarters.length ? [0, 1, 2, 3].map(i => median(quarters.map(q => q[i]))) : null,
    emulatorCpuS: pick('emulatorCpuS'), otherCpuS: pick('otherCpuS'), load: pick('load'), maxLoad: Math.max(...rows.map(r => r.load)),
    startupWallS: pick('startupWallS'), startupCpuS: pick('startupCpuS'), importWallS: pick('importWallS'), importCpuS: pick('importCpuS'),
    workWallS: pick('workWallS'), workCpuS: pick('workCpuS'),
    workAllocatedMiB: pick('workAllocatedMiB'), workGcCount: pick('workGcCount'), workGcPauseMs: pick('workGcPauseMs'),
    workJitMethods: pick('workJitMethods'), workJitMs: pick('workJitMs'), startJitMethods: pick('startJitMethods'),
  };
}

async function smallMode(emulator, clientSpecs) {
  const clients = clientSpecs.map(parseClient);
  for (const idle of ['pwsh', 'ali-oss']) {
    if (clients.some(c => c.kind === idle) && !clients.some(c => c.kind === `${idle}-idle`)) {
      clients.push(parseClient(`${idle}-idle`));
    }
  }
  const sets = opt.sets.split(',').map(s => s.trim()).filter(Boolean);
  const output = { sets: {} };
  const lines = [];
  for (const name of sets) {
    const set = ensureFileSet(join(workDir, 'sets'), name, seed);
    await warmCache(set.files);
    log(`set ${name}: ${set.files.length} files, ${(set.totalBytes / MiB).toFixed(1)} MiB in ${set.directory}`);
    const rows = await runRounds(emulator, clients, { folder: set.directory }, set.files, name);
    const n = set.files.length;
    const summary = Object.fromEntries(clients.map(c => [c.spec, summarize(rows[c.spec])]));
    const idleOf = c => summary[clients.find(x => x.kind === (c.kind.startsWith('pwsh') ? 'pwsh-idle' : 'ali-oss-idle'))?.spec];
    lines.push('', `### ${name}: ${n} files, ${(set.totalBytes / MiB).toFixed(1)} MiB, ${runs} run(s) after ${warmupRounds} warm-up round(s), medians`, '');
    lines.push('| client | files/s | work wall s | process wall s | client CPU ms/file (work) | client CPU ms/file (process − idle) | process CPU s (user+sys) | peak RSS MiB (max) | RSS at ¼ ½ ¾ end MiB | emulator CPU ms/file | other CPU s | load 1 min |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of clients) {
      const s = summary[c.spec];
      const idle = c.kind.endsWith('-idle');
      s.filesPerS = idle ? null : n / s.workWallS;
      s.cpuMsPerFileWork = idle ? null : s.workCpuS / n * 1000;
      s.cpuMsPerFileNet = idle || !idleOf(c) ? null : (s.clientCpuS - idleOf(c).clientCpuS) / n * 1000;
      s.emulatorCpuMsPerFile = idle ? null : s.emulatorCpuS / n * 1000;
      lines.push(`| ${label(c)} | ${f(s.filesPerS, 0)} | ${f(s.workWallS)} | ${f(s.wallS)} | ${f(s.cpuMsPerFileWork, 3)} | ${f(s.cpuMsPerFileNet, 3)} | `
        + `${f(s.clientCpuS)} (${f(s.userS)}+${f(s.sysS)}) | ${f(s.peakRssMiB, 0)} (${f(s.maxPeakRssMiB, 0)}) | `
        + `${s.rssQuartersMiB ? s.rssQuartersMiB.map(v => v.toFixed(0)).join(' ') : '–'} | ${f(s.emulatorCpuMsPerFile, 3)} | ${f(s.otherCpuS)} | ${f(s.load)} (max ${f(s.maxLoad)}) |`);
    }
    lines.push('');
    const ours = clients.filter(c => c.kind === 'pwsh');
    if (ours.some(c => summary[c.spec].workAllocatedMiB !== null)) {
      lines.push('Runtime counters of the pwsh process over the Send-OssFile phase (medians; JIT ms is the runtime\'s own clock, all threads, wall time: inflated by load):', '');
      lines.push('| client | allocated KiB/file | GCs | GC pause ms | methods JIT-compiled (before: start-up + import) | JIT ms |');
      lines.push('|---|---:|---:|---:|---:|---:|');
      for (const c of ours) {
        const s = summary[c.spec];
        lines.push(`| ${label(c)} | ${f(s.workAllocatedMiB * 1024 / n, 1)} | ${f(s.workGcCount, 0)} | ${f(s.workGcPauseMs, 0)} | ${f(s.workJitMethods, 0)} (${f(s.startJitMethods, 0)}) | ${f(s.workJitMs, 0)} |`);
      }
      lines.push('');
    }
    const theirs = clients.filter(c => c.kind === 'ali-oss');
    for (const c of ours) {
      const s = summary[c.spec];
      const threads = c.count ?? 4;
      const same = theirs.find(t => t.count === threads);
      const eight = theirs.find(t => t.count === 8);
      const parts = [];
      if (eight) {
        const ratio = s.filesPerS / summary[eight.spec].filesPerS;
        parts.push(`files/s ${ratio.toFixed(2)}x ali-oss 8-parallel${c.spec === 'pwsh' ? ` (target >= 2x: ${ratio >= 2 ? 'met' : 'MISSED'})` : ''}`);
      }
      if (same && same !== eight) {
        parts.push(`${(s.filesPerS / summary[same.spec].filesPerS).toFixed(2)}x ali-oss ${threads}-parallel`);
      }
      if (same) {
        parts.push(`CPU/file (work) ${(s.cpuMsPerFileWork / summary[same.spec].cpuMsPerFileWork).toFixed(2)}x ali-oss ${threads}-parallel's`);
      }
      parts.push(`CPU ${f(s.cpuMsPerFileWork, 3)} ms/file${c.spec === 'pwsh' ? ` (target <= 0.3: ${s.cpuMsPerFileWork <= 0.3 ? 'met' : 'MISSED'})` : ''}`);
      lines.push(`- ${label(c)}: ${parts.join('; ')}`);
    }
    const pi = idleOf({ kind: 'pwsh' });
    const ai = idleOf({ kind: 'ali-oss' });
    if (pi) {
      lines.push(`- idle pwsh (start-up + Import-Module, no upload): ${f(pi.clientCpuS)} CPU s, ${f(pi.wallS)} s wall, peak RSS ${f(pi.peakRssMiB, 0)} MiB`);
    }
    if (ai) {
      lines.push(`- idle node + ali-oss: ${f(ai.clientCpuS)} CPU s, ${f(ai.wallS)} s wall, peak RSS ${f(ai.peakRssMiB, 0)} MiB`);
    }
    output.sets[name] = { files: n, bytes: set.totalBytes, summary, rows };
    console.log(lines.splice(0).join('\n'));
  }
  return output;
}

async function largeMode(emulator, clientSpecs) {
  const clients = clientSpecs.map(parseClient);
  if (clients.some(c => c.kind === 'pwsh') && !clients.some(c => c.kind === 'pwsh-idle')) {
    clients.push(parseClient('pwsh-idle'));
  }
  const sizeMiB = Number(opt['size-mib']);
  const set = ensureFileSet(join(workDir, 'sets'), `1x${sizeMiB}m`, seed);
  const [file] = set.files;
  await warmCache(set.files);
  const gib = file.size / GiB;
  log(`large file: ${sizeMiB} MiB, parts of ${partSize / MiB} MiB, ${largeThreads} in parallel`);
  const rows = await runRounds(emulator, clients, { path: file.path, name: file.name, folder: null }, set.files, `${sizeMiB} MiB`);
  const summary = Object.fromEntries(clients.map(c => [c.spec, summarize(rows[c.spec])]));
  const lines = ['', `### one file of ${sizeMiB} MiB, parts of ${partSize / MiB} MiB, ${largeThreads} in parallel, ${runs} run(s) after ${warmupRounds} warm-up round(s), medians`, ''];
  lines.push('| client | MiB/s | wall s | client CPU s/GiB (user+sys) | upload-phase CPU s/GiB | peak RSS MiB (max) | emulator CPU s/GiB | other CPU s | load 1 min |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of clients) {
    const s = summary[c.spec];
    const idle = c.kind.endsWith('-idle');
    s.mibPerS = idle ? null : file.size / MiB / (s.workWallS ?? s.wallS);
    s.cpuSPerGiB = s.clientCpuS / gib;
    s.workCpuSPerGiB = s.workCpuS === null || idle ? null : s.workCpuS / gib;
    lines.push(`| ${label(c)} | ${f(s.mibPerS, 0)} | ${f(s.wallS)} | ${idle ? `${f(s.clientCpuS)} s` : `${f(s.cpuSPerGiB)} (${f(s.userS / gib)}+${f(s.sysS / gib)})`} | ${f(s.workCpuSPerGiB)} | `
      + `${f(s.peakRssMiB, 0)} (${f(s.maxPeakRssMiB, 0)}) | ${f(s.emulatorCpuS / gib)} | ${f(s.otherCpuS)} | ${f(s.load)} (max ${f(s.maxLoad)}) |`);
  }
  lines.push('', '(MiB/s of pwsh: the Send-OssFile phase only; the others: process wall. Idle rows: CPU s, not per GiB.)');
  const ali = summary['ali-oss'];
  const curl = summary.put;
  for (const ours of ['driver', 'pwsh']) {
    const s = summary[ours];
    if (s && ali) {
      lines.push(`- ${ours}: client CPU/GiB ${(s.cpuSPerGiB / ali.cpuSPerGiB).toFixed(2)}x ali-oss's (target <= 0.5x: ${s.cpuSPerGiB / ali.cpuSPerGiB <= 0.5 ? 'met' : 'MISSED'})`
        + (curl ? `; ${(s.cpuSPerGiB / curl.cpuSPerGiB).toFixed(2)}x curl's single PUT (target <= 2x: ${s.cpuSPerGiB / curl.cpuSPerGiB <= 2 ? 'met' : 'MISSED'})` : ''));
    }
  }
  console.log(lines.join('\n'));
  return { file: { size: file.size }, summary, rows };
}

async function startupMode(emulator, clientSpecs) {
  const clients = clientSpecs.map(parseClient).filter(c => c.kind === 'pwsh');
  if (!clients.length) {
    throw new Error('startup mode measures pwsh clients (e.g. --clients pwsh,pwsh+DOTNET_TieredPGO=0)');
  }
  clients.push(parseClient('pwsh-idle'));
  const set = ensureFileSet(join(workDir, 'sets'), '1x4k', seed);
  const [file] = set.files;
  const rows = await runRounds(emulator, clients, { path: file.path, name: file.name, folder: null }, set.files, 'startup');
  const summary = Object.fromEntries(clients.map(c => [c.spec, summarize(rows[c.spec])]));
  const lines = ['', `### a fresh pwsh: start-up, Import-Module OssResumable, first upload of a 4 KiB file; ${runs} run(s), medians`, ''];
  lines.push('| client | pwsh start-up wall s (CPU s) | Import-Module wall s (CPU s) | first upload wall s (CPU s) | process wall s | process CPU s | peak RSS MiB | load 1 min |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of clients) {
    const s = summary[c.spec];
    lines.push(`| ${label(c)} | ${f(s.startupWallS)} (${f(s.startupCpuS)}) | ${f(s.importWallS)} (${f(s.importCpuS)}) | ${c.kind === 'pwsh' ? `${f(s.workWallS)} (${f(s.workCpuS)})` : '–'} | `
      + `${f(s.wallS)} | ${f(s.clientCpuS)} | ${f(s.peakRssMiB, 0)} | ${f(s.load)} (max ${f(s.maxLoad)}) |`);
  }
  lines.push('', 'Methods JIT-compiled (medians): before the script starts / by Import-Module / by the first upload');
  for (const c of clients) {
    const marks = rows[c.spec].map(r => r.marks).filter(m => m?.scriptStart?.jitMethods !== undefined);
    if (marks.length) {
      const pick = fn => median(marks.map(fn));
      lines.push(`- ${label(c)}: ${pick(m => m.scriptStart.jitMethods)} / ${pick(m => m.imported.jitMethods - m.scriptStart.jitMethods)} / ${pick(m => m.done.jitMethods - m.imported.jitMethods)}`);
    }
  }
  console.log(lines.join('\n'));
  return { summary, rows };
}

// Read every file once so no client pays for the first disk read.
async function warmCache(files) {
  for (const file of files) {
    for await (const _ of createReadStream(file.path, { highWaterMark: 4 * MiB })) {
      // discard
    }
  }
}

function build(clientSpecs) {
  if (opt['no-build']) {
    return;
  }
  log('building the emulator (Release)');
  run(dotnet, ['build', join(repoRoot, 'src/OssResumable.Emulator'), '-c', 'Release', '-v', 'q', '-nologo']);
  if (clientSpecs.some(s => s.startsWith('driver'))) {
    run(dotnet, ['build', join(repoRoot, 'tests/OssResumable.Driver'), '-c', 'Release', '-v', 'q', '-nologo']);
  }
  if (opt['build-module'] || !existsSync(join(opt.module, 'OssResumable.psd1'))) {
    log('building the module (./build.ps1 -Task Build)');
    run(dotnet, ['pwsh', '-NoProfile', './build.ps1', '-Task', 'Build'], { cwd: repoRoot });
  }
  if (!existsSync(join(repoRoot, 'tests/compat/ali-oss/node_modules/ali-oss'))) {
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: join(repoRoot, 'tests/compat/ali-oss') });
  }
}

function machine() {
  const version = (command, args) => {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    return result.status === 0 ? result.stdout.split('\n')[0].trim() : 'unknown';
  };
  const moduleDll = join(opt.module, 'OssResumable.PowerShell.dll');
  return {
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / GiB),
    kernel: version('uname', ['-r']),
    dotnet: version(dotnet, ['--version']),
    node: process.version,
    aliOss: JSON.parse(readFileSync(join(repoRoot, 'tests/compat/ali-oss/node_modules/ali-oss/package.json'), 'utf8')).version,
    commit: version('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD']),
    module: existsSync(moduleDll) ? `${opt.module} (built ${statSync(moduleDll).mtime.toISOString()})` : opt.module,
  };
}

async function main() {
  const clientSpecs = (opt.clients ?? defaultClients[mode]).split(',').map(c => c.trim()).filter(Boolean);
  clientSpecs.forEach(parseClient); // reject a bad spec before building anything
  build(clientSpecs);
  mkdirSync(runDir, { recursive: true });
  const dataDir = join(runDir, 'data');
  const emulator = await startEmulator({ dotnet, dataDir, accessKeyId, accessKeySecret, bucket, region });
  const env = machine();
  console.log(`Pipeline benchmark, mode ${mode}: ${env.cpu}, ${env.memoryGiB} GiB, Linux ${env.kernel}; .NET SDK ${env.dotnet}, Node ${env.node}, `
    + `ali-oss ${env.aliOss}; commit ${env.commit}; module ${env.module}; load average at start ${loadAverage().toFixed(2)}`);
  let output;
  try {
    log(`emulator ${emulator.endpoint}, pid ${emulator.pid}`);
    if (clientSpecs.some(s => s.startsWith('pwsh'))) {
      log(`pwsh: dotnet ${pwshDll()}`);
    }
    output = mode === 'small' ? await smallMode(emulator, clientSpecs)
      : mode === 'large' ? await largeMode(emulator, clientSpecs)
        : await startupMode(emulator, clientSpecs);
  } finally {
    await stopEmulator(emulator);
    rmSync(runDir, { recursive: true, force: true });
  }
  console.log(`load average at end ${loadAverage().toFixed(2)}`);
  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ mode, runs, warmupRounds, seed, machine: env, ...output }, null, 2));
  }
}

main().catch(error => {
  console.error(`[pipeline] ${error.stack ?? error}`);
  process.exitCode = 1;
});
