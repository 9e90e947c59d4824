#!/usr/bin/env node
// Upload throughput benchmark (issue 3): on ONE emulator and ONE file, times
//   1. our driver (tests/OssResumable.Driver, the engine with its defaults: checkpoint on, CRC-64 verified),
//   2. ali-oss multipartUpload with the same part size and parallelism,
//   3. one streaming PUT of the same bytes with curl (the loopback limit),
// and the same clients over HTTPS (driver-https, ali-oss-https, put-https: a second emulator with
// --https, its own certificate trusted through SSL_CERT_FILE / NODE_EXTRA_CA_CERTS / curl --cacert),
// each under GNU time (`/usr/bin/time -v`: user+system CPU seconds, peak RSS), and prints
// throughput, client CPU seconds per GiB, peak RSS, the emulator's CPU per GiB, and the ratios.
// Not part of CI. See tests/bench/README.md and docs/performance.md.
//
//   node tests/bench/bench.mjs --size-gib 1 [--runs 3] [--part-size-mib 8] [--threads 4]
//        [--work-dir DIR] [--data-dir DIR] [--clients driver,ali-oss,put,driver-https] [--driver-args "..."]
//        [--driver-variant NAME=ARGS ...] [--no-build] [--json FILE] [--max-put-gib 5]
// --driver-variant adds another driver row with extra arguments, e.g. --driver-variant "t8=--threads 8"
// or --driver-variant "nockpt=--no-checkpoint" or --driver-variant "tc0=DOTNET_TieredCompilation=0" (NAME=VALUE
// tokens are environment variables); the ratios are always those of the plain driver row.
// "other CPU" is the CPU time the rest of the machine used during a run (from /proc/stat): when it
// is not near zero, something else competed for the cores and the run is not representative.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  GiB, MiB, build as buildAll, createFile as createRandomFile, deleteObject as deleteStored, dotnet, driverDll, envAssignments, here, listObjects, log, machine, median,
  runBenchmark, signV1 as sign, startEmulator as startServer, stopEmulator, timed as timedIn, warmCache,
} from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    'size-gib': { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    'part-size-mib': { type: 'string', default: '8' },
    threads: { type: 'string', default: '4' },
    'work-dir': { type: 'string' },
    'data-dir': { type: 'string' },
    clients: { type: 'string', default: 'driver,ali-oss,put,driver-https' },
    'driver-args': { type: 'string', default: '' },
    'driver-variant': { type: 'string', multiple: true, default: [] },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'string' },
    'max-put-gib': { type: 'string', default: '5' },
    help: { type: 'boolean', default: false },
  },
});

if (opt.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter(l => l.startsWith('//')).join('\n'));
  process.exit(0);
}

const size = Math.round(Number(opt['size-gib']) * GiB);
const runs = Number(opt.runs);
const partSize = Number(opt['part-size-mib']) * MiB;
const threads = Number(opt.threads);
const maxPutSize = Math.round(Number(opt['max-put-gib']) * GiB); // OSS takes at most 5 GiB in one PutObject
const baseClients = opt.clients.split(',').map(c => c.trim()).filter(Boolean);
const driverExtra = opt['driver-args'].split(' ').filter(Boolean);
const variants = Object.fromEntries(opt['driver-variant'].map(v => {
  const at = v.indexOf('=');
  return [`driver[${v.slice(0, at)}]`, v.slice(at + 1).split(' ').filter(Boolean)];
}));
const clients = [...baseClients, ...Object.keys(variants)];
const knownClients = ['driver', 'ali-oss', 'put', 'driver-https', 'ali-oss-https', 'put-https'];
if (!(size > 0) || !(runs >= 1) || !(partSize >= 100 * 1024) || !(threads >= 1) || baseClients.some(c => !knownClients.includes(c))
  || opt['driver-variant'].some(v => v.indexOf('=') < 1)) {
  console.error('bad arguments; run with --help');
  process.exit(2);
}

const workDir = resolve(opt['work-dir'] ?? join(tmpdir(), `ossr-bench-${process.pid}`));
const dataDir = resolve(opt['data-dir'] ?? join(workDir, 'data'));
const accessKeyId = 'bench-ak';
const accessKeySecret = randomBytes(18).toString('base64url'); // fresh per run, never printed
const bucket = 'bench';
const credentials = { accessKeyId, accessKeySecret };

// One emulator per scheme (HTTPS: --https with its own certificate, whose path it prints next).
function startEmulator(https) {
  return startServer({ dataDir: https ? `${dataDir}-https` : dataDir, accessKeyId, accessKeySecret, bucket, https });
}

function signV1(method, key, date, contentType = '') {
  return sign(credentials, method, `/${bucket}/${key}`, date, contentType);
}

async function objectInfo(server, key) {
  return (await listObjects(server, bucket)).find(o => o.key === key) ?? null;
}

function timed(label, argv, env, emulatorPid) {
  return timedIn(label, argv, env, emulatorPid, workDir);
}

// A variant's options replace the base command's (same option name); --no-checkpoint drops --checkpoint-dir.
function mergeDriverOptions(argv, extra) {
  const flags = new Set(['--no-checkpoint', '--path-style', '--verbose', '--quiet']);
  const merged = [...argv];
  for (let i = 0; i < extra.length; i++) {
    const name = extra[i];
    const hasValue = !flags.has(name);
    const at = merged.indexOf(name);
    if (at >= 0) {
      merged.splice(at, hasValue ? 2 : 1);
    }
    if (name === '--no-checkpoint' && merged.includes('--checkpoint-dir')) {
      merged.splice(merged.indexOf('--checkpoint-dir'), 2);
    }
    merged.push(...(hasValue ? [name, extra[++i]] : [name]));
  }
  return merged;
}

// HTTPS clients: the same command against the HTTPS emulator, its certificate trusted the way each
// client takes a private CA (validation stays on).
function clientCommand(client, server, file, key) {
  if (client.endsWith('-https')) {
    const base = clientCommand(client.slice(0, -'-https'.length), server, file, key);
    return { ...base, env: { ...base.env, SSL_CERT_FILE: server.certificate, NODE_EXTRA_CA_CERTS: server.certificate } };
  }
  const port = server.port;
  const scheme = server.https ? 'https' : 'http';
  const credentials = { OSS_ACCESS_KEY_ID: accessKeyId, OSS_ACCESS_KEY_SECRET: accessKeySecret };
  if (variants[client]) {
    const base = clientCommand('driver', server, file, key);
    // Tokens like DOTNET_TieredPGO=0 are environment variables for the driver, the rest are options.
    const isEnv = token => /^[A-Z_][A-Z0-9_]*=/i.test(token) && !token.startsWith('--');
    const env = envAssignments(variants[client].filter(isEnv));
    return { ...base, argv: mergeDriverOptions(base.argv, variants[client].filter(t => !isEnv(t))), env: { ...base.env, ...env } };
  }
  switch (client) {
    case 'driver':
      return {
        argv: [dotnet, driverDll, 'upload', '--endpoint', `${scheme}://127.0.0.1:${port}`, '--region', 'cn-hangzhou', '--bucket', bucket,
          '--key', key, '--file', file, '--threads', String(threads), '--part-size', String(partSize),
          '--checkpoint-dir', join(workDir, 'checkpoints'), ...driverExtra],
        env: credentials,
        objects: [{ key, size }],
      };
    case 'ali-oss':
      return {
        argv: [process.execPath, join(here, 'ali-oss-upload.mjs'), '--port', String(port), '--bucket', bucket, '--key', key,
          '--file', file, '--part-size', String(partSize), '--parallel', String(threads), ...(server.https ? ['--https'] : [])],
        env: credentials,
        objects: [{ key, size }],
      };
    case 'put': {
      // The signature goes into header files (mode 0600), not onto curl's command line. OSS takes
      // at most 5 GiB in one PutObject, so a larger file goes as consecutive PUTs of equal pieces
      // (one connection at a time: still the single-stream rate), each piece streamed by dd.
      const pieces = Math.ceil(size / maxPutSize);
      const contentType = 'application/octet-stream';
      const date = new Date().toUTCString();
      const url = k => `${scheme}://127.0.0.1:${port}/${bucket}/${k}`;
      const tls = server.https ? ['--cacert', server.certificate] : [];
      if (pieces === 1) {
        const headerFile = join(workDir, 'put-headers.txt');
        writeFileSync(headerFile, `Date: ${date}\nContent-Type: ${contentType}\nAuthorization: ${signV1('PUT', key, date, contentType)}\nExpect:\n`, { mode: 0o600 });
        return {
          argv: ['curl', '-sS', '--fail', ...tls, '-o', '/dev/null', '-T', file, '-H', `@${headerFile}`, url(key)],
          env: {},
          objects: [{ key, size }],
        };
      }
      const objects = [];
      const commands = [];
      for (let i = 0, offset = 0; i < pieces; i++) {
        const length = Math.min(Math.ceil(size / pieces), size - offset);
        const pieceKey = `${key}.${i}`;
        const headerFile = join(workDir, `put-headers-${i}.txt`);
        writeFileSync(headerFile, `Date: ${date}\nContent-Type: ${contentType}\nAuthorization: ${signV1('PUT', pieceKey, date, contentType)}\n`
          + `Expect:\nTransfer-Encoding:\nContent-Length: ${length}\n`, { mode: 0o600 });
        commands.push(`dd if='${file}' bs=1M iflag=skip_bytes,count_bytes skip=${offset} count=${length} status=none`
          + ` | curl -sS --fail ${tls.map(t => `'${t}'`).join(' ')} -o /dev/null -T - -H '@${headerFile}' '${url(pieceKey)}' || exit 1`);
        objects.push({ key: pieceKey, size: length });
        offset += length;
      }
      return { argv: ['sh', '-c', commands.join('\n')], env: {}, objects };
    }
    default:
      throw new Error(client);
  }
}

const labels = {
  driver: 'driver (OssResumable)',
  'ali-oss': 'ali-oss multipartUpload',
  put: size > maxPutSize ? `single PUT (curl; ${Math.ceil(size / maxPutSize)} consecutive PUTs of at most ${maxPutSize / GiB} GiB)` : 'single PUT (curl)',
};
for (const name of ['driver', 'ali-oss', 'put']) {
  labels[`${name}-https`] = `${labels[name]} over HTTPS`;
}

async function main() {
  if (!opt['no-build']) {
    buildAll({ driver: clients.some(c => c.startsWith('driver')), aliOss: clients.some(c => c.startsWith('ali-oss')) });
  }
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, `source-${opt['size-gib']}gib.bin`);
  log(`${createRandomFile(file, size) ? 'wrote' : 'reusing'} ${(size / GiB).toFixed(2)} GiB of random bytes in ${file}`);
  await warmCache(file);
  const servers = { http: await startEmulator(false) };
  if (clients.some(c => c.endsWith('-https'))) {
    servers.https = await startEmulator(true);
  }
  const results = Object.fromEntries(clients.map(c => [c, []]));
  let referenceCrc = null;
  try {
    log(`emulator on port ${servers.http.port}, pid ${servers.http.child.pid}${servers.https ? `; HTTPS emulator on port ${servers.https.port}, pid ${servers.https.child.pid}` : ''}; `
      + `${runs} run(s) of ${clients.join(', ')}; ${(size / GiB).toFixed(2)} GiB, parts of ${partSize / MiB} MiB, ${threads} in parallel`);
    for (let r = 0; r < runs; r++) {
      // Rotate the order each round so no client always runs first (or right after another's disk writes).
      const order = clients.map((_, i) => clients[(i + r) % clients.length]);
      for (const client of order) {
        const key = `bench/${client.replace(/[^a-z0-9-]/g, '_')}-${r}.bin`;
        const server = client.endsWith('-https') ? servers.https : servers.http;
        const { argv, env, objects } = clientCommand(client, server, file, key);
        spawnSync('sync');
        const measured = await timed(`${client}-${r}`, argv, env, server.child.pid);
        let info = null;
        for (const expected of objects) {
          info = await objectInfo(server, expected.key);
          if (!info || info.size !== expected.size) {
            throw new Error(`${client} run ${r}: the object ${expected.key} is missing or has the wrong size (${info?.size})`);
          }
        }
        if (objects.length === 1) {
          // Every whole-file upload must have stored the same bytes as the first one.
          referenceCrc ??= info.crc64;
          if (info.crc64 !== referenceCrc) {
            throw new Error(`${client} run ${r}: CRC-64 ${info.crc64} differs from the first upload's ${referenceCrc}`);
          }
        }
        if (client.startsWith('driver')) {
          const last = measured.stdout.trim().split('\n').pop();
          const reported = JSON.parse(last);
          if (reported.crc64 !== info.crc64) {
            throw new Error(`driver run ${r}: reported CRC-64 ${reported.crc64}, the emulator has ${info.crc64}`);
          }
          measured.engineMs = reported.durationMs;
        }
        for (const { key: stored } of objects) {
          await deleteStored(server, credentials, bucket, stored);
        }
        results[client].push(measured);
        log(`${labels[client] ?? client} run ${r + 1}: ${measured.wallS.toFixed(2)} s, ${(size / MiB / measured.wallS).toFixed(0)} MiB/s, `
          + `CPU ${(measured.userS + measured.sysS).toFixed(2)} s, RSS ${(measured.maxRssKiB / 1024).toFixed(0)} MiB, emulator CPU ${measured.emulatorCpuS.toFixed(2)} s, `
          + `other CPU ${measured.otherCpuS.toFixed(2)} s`);
      }
    }
  } finally {
    for (const server of Object.values(servers)) {
      await stopEmulator(server);
    }
  }

  const gib = size / GiB;
  const summary = {};
  for (const client of clients) {
    const rows = results[client];
    const wallS = median(rows.map(x => x.wallS));
    summary[client] = {
      runs: rows.length,
      wallS,
      mibPerS: size / MiB / wallS,
      cpuSPerGiB: median(rows.map(x => (x.userS + x.sysS) / gib)),
      userSPerGiB: median(rows.map(x => x.userS / gib)),
      sysSPerGiB: median(rows.map(x => x.sysS / gib)),
      peakRssMiB: median(rows.map(x => x.maxRssKiB / 1024)),
      maxPeakRssMiB: Math.max(...rows.map(x => x.maxRssKiB / 1024)),
      emulatorCpuSPerGiB: median(rows.map(x => x.emulatorCpuS / gib)),
      otherCpuS: median(rows.map(x => x.otherCpuS)),
      engineMs: rows[0]?.engineMs !== undefined ? median(rows.map(x => x.engineMs)) : undefined,
    };
  }

  const env = machine();
  const lines = [];
  lines.push(`Upload throughput: ${gib.toFixed(2)} GiB file, parts of ${partSize / MiB} MiB, ${threads} in parallel, ${runs} run(s), medians`);
  lines.push(`machine: ${env.cpu}, ${env.memoryGiB} GiB RAM, Linux ${env.kernel}; .NET SDK ${env.dotnet}, Node ${env.node}, ${env.curl}, ali-oss ${env.aliOss}`);
  if (driverExtra.length) {
    lines.push(`driver extra arguments: ${driverExtra.join(' ')}`);
  }
  lines.push('');
  lines.push('| client | wall s | MiB/s | client CPU s/GiB (user+sys) | peak RSS MiB (max) | emulator CPU s/GiB | other CPU s |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const client of clients) {
    const s = summary[client];
    lines.push(`| ${labels[client] ?? `driver ${variants[client].join(' ')}`} | ${s.wallS.toFixed(2)} | ${s.mibPerS.toFixed(0)} | ${s.cpuSPerGiB.toFixed(2)} (${s.userSPerGiB.toFixed(2)}+${s.sysSPerGiB.toFixed(2)}) | ${s.peakRssMiB.toFixed(0)} (${s.maxPeakRssMiB.toFixed(0)}) | ${s.emulatorCpuSPerGiB.toFixed(2)} | ${s.otherCpuS.toFixed(2)} |`);
  }
  lines.push('');
  const d = summary.driver;
  if (d && summary['ali-oss']) {
    const ratio = d.mibPerS / summary['ali-oss'].mibPerS;
    lines.push(`driver / ali-oss throughput: ${ratio.toFixed(2)}x (target >= 2x: ${ratio >= 2 ? 'met' : 'MISSED'}); CPU per GiB ${(d.cpuSPerGiB / summary['ali-oss'].cpuSPerGiB).toFixed(2)}x`);
  }
  if (d && summary.put) {
    const ratio = d.mibPerS / summary.put.mibPerS;
    lines.push(`driver / single PUT throughput: ${(ratio * 100).toFixed(0)} % (target >= 80 %: ${ratio >= 0.8 ? 'met' : 'MISSED'})`);
  }
  for (const name of ['driver', 'ali-oss', 'put']) {
    const plain = summary[name];
    const tls = summary[`${name}-https`];
    if (plain && tls) {
      lines.push(`${name} HTTPS vs HTTP: throughput ${(tls.mibPerS / plain.mibPerS * 100).toFixed(0)} %, client CPU ${tls.cpuSPerGiB.toFixed(2)} vs ${plain.cpuSPerGiB.toFixed(2)} s/GiB `
        + `(${tls.cpuSPerGiB >= plain.cpuSPerGiB ? '+' : ''}${(tls.cpuSPerGiB - plain.cpuSPerGiB).toFixed(2)} s/GiB with TLS), emulator CPU ${tls.emulatorCpuSPerGiB.toFixed(2)} vs ${plain.emulatorCpuSPerGiB.toFixed(2)} s/GiB`);
    }
  }
  if (d) {
    lines.push(`driver peak RSS: ${d.maxPeakRssMiB.toFixed(0)} MiB (target < 150 MB = 143 MiB: ${d.maxPeakRssMiB * MiB < 150e6 ? 'met' : 'MISSED'}); engine-reported duration ${(d.engineMs / 1000).toFixed(2)} s of ${d.wallS.toFixed(2)} s wall`);
  }
  console.log(lines.join('\n'));
  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ size, partSize, threads, runs, machine: env, driverExtra, summary, results }, null, 2));
  }
}

// Keep the generated file for the next run; drop the stored objects, signed headers, GNU time outputs and checkpoints.
runBenchmark(main, { workDir, keep: Boolean(opt['work-dir']), remove: [dataDir, `${dataDir}-https`], scratch: /^(put-headers.*\.txt|time-.*\.txt|checkpoints)$/ });
