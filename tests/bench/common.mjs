// Helpers shared by the benchmarks in this folder (bench.mjs, link-bench.mjs): building, test data,
// starting the emulator, signed and admin HTTP calls, timing a client under GNU time, CPU accounting.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
export const emulatorDll = join(repoRoot, 'src/OssResumable.Emulator/bin/Release/net10.0/OssResumable.Emulator.dll');
export const driverDll = join(repoRoot, 'tests/OssResumable.Driver/bin/Release/net10.0/OssResumable.Driver.dll');
export const dotnet = process.env.DOTNET_HOST_PATH ?? 'dotnet';

export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
}

// Release builds of the emulator (and the driver), and ali-oss's node_modules when a client needs them.
export function build({ driver, aliOss }) {
  log('building the emulator and the driver (Release)');
  run(dotnet, ['build', join(repoRoot, 'src/OssResumable.Emulator'), '-c', 'Release', '-v', 'q', '-nologo']);
  if (driver) {
    run(dotnet, ['build', join(repoRoot, 'tests/OssResumable.Driver'), '-c', 'Release', '-v', 'q', '-nologo']);
  }
  if (aliOss && !existsSync(join(repoRoot, 'tests/compat/ali-oss/node_modules/ali-oss'))) {
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: join(repoRoot, 'tests/compat/ali-oss') });
  }
}

// Random bytes (incompressible), written once and reused by every client and run.
export function createFile(path, size) {
  if (existsSync(path) && statSync(path).size === size) {
    return false;
  }
  mkdirSync(dirname(path), { recursive: true });
  const chunk = Buffer.allocUnsafe(Math.min(16 * MiB, Math.max(size, 1)));
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < size;) {
      const n = Math.min(chunk.length, size - written);
      randomFillSync(chunk, 0, n);
      writeSync(fd, chunk, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
  return true;
}

// Read a file once so every client starts from the page cache (none pays for the first disk read).
export async function warmCache(path) {
  for await (const _ of createReadStream(path, { highWaterMark: 4 * MiB })) {
    // discard
  }
}

// Starts the built emulator; resolves once it prints its endpoint (and, over HTTPS, its certificate).
export async function startEmulator({ dataDir, accessKeyId, accessKeySecret, bucket, https = false, extraArgs = [] }) {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(dotnet, [emulatorDll, '--port', '0', '--data', dataDir, '--access-key-id', accessKeyId,
    '--access-key-secret', accessKeySecret, '--bucket', bucket, '--region', 'cn-hangzhou', ...(https ? ['--https'] : []), ...extraArgs],
  { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const started = await new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 60 s')), 60_000);
    child.once('exit', code => reject(new Error(`the emulator exited with ${code}`)));
    let port = null;
    lines.on('line', line => {
      const listening = /^listening: https?:\/\/127\.0\.0\.1:(\d+)$/.exec(line.trim());
      const certificate = /^certificate: (.+)$/.exec(line.trim());
      port = listening ? Number(listening[1]) : port;
      if (port && (!https || certificate)) {
        clearTimeout(timer);
        resolveStart({ port, certificate: certificate ? certificate[1] : null });
      }
    });
  });
  return { child, https, ...started };
}

export async function stopEmulator({ child }) {
  if (child.exitCode === null) {
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

export const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

// utime + stime of a process in seconds, from /proc.
export function processCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / clockTicks;
}

// Busy CPU seconds of the whole machine (all cores), from /proc/stat.
export function machineBusySeconds() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) / clockTicks;
}

// An OSS V1 Authorization header for a request on /bucket/key (the secret never leaves this process).
export function signV1({ accessKeyId, accessKeySecret }, method, resource, date, contentType = '', contentMd5 = '') {
  const stringToSign = `${method}\n${contentMd5}\n${contentType}\n${date}\n${resource}`;
  const signature = createHmac('sha1', accessKeySecret).update(stringToSign).digest('base64');
  return `OSS ${accessKeyId}:${signature}`;
}

// One HTTP(S) call to the emulator; resolves with the status and the body as text.
export function httpCall(server, method, path, headers = {}, body = null) {
  return new Promise((resolveCall, reject) => {
    const options = { host: '127.0.0.1', port: server.port, method, path, headers };
    const send = server.https ? httpsRequest : request;
    const req = send(server.https ? { ...options, ca: readFileSync(server.certificate), servername: 'localhost' } : options, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolveCall({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

// An admin API call (/_emulator/...) that must succeed; returns the parsed JSON body (or null).
export async function admin(server, method, path, body = null, contentType = 'text/plain') {
  const { status, body: text } = await httpCall(server, method, `/_emulator/${path}`, body === null ? {} : { 'Content-Type': contentType }, body);
  if (status >= 300) {
    throw new Error(`admin ${method} ${path} failed: ${status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

export async function listObjects(server, bucket) {
  return admin(server, 'GET', `objects?bucket=${bucket}`);
}

export async function deleteObject(server, credentials, bucket, key) {
  const date = new Date().toUTCString();
  const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const { status } = await httpCall(server, 'DELETE', path, { Date: date, Authorization: signV1(credentials, 'DELETE', `/${bucket}/${key}`, date) });
  if (status !== 204) {
    throw new Error(`DeleteObject ${key} failed: ${status}`);
  }
}

export function parseGnuTime(text) {
  const value = label => {
    const line = text.split('\n').find(l => l.trim().startsWith(label));
    if (!line) {
      throw new Error(`GNU time output lacks "${label}"`);
    }
    return line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  return {
    userS: Number(value('User time (seconds)')),
    sysS: Number(value('System time (seconds)')),
    maxRssKiB: Number(value('Maximum resident set size (kbytes)')),
  };
}

// Runs one client under /usr/bin/time -v; wall time measured here (process start to exit), the
// emulator's CPU and the rest of the machine's ("other CPU") from /proc around it.
export async function timed(label, argv, env, emulatorPid, workDir) {
  const timeFile = join(workDir, `time-${label.replace(/[^A-Za-z0-9_.-]/g, '_')}.txt`);
  const cpuBefore = processCpuSeconds(emulatorPid);
  const busyBefore = machineBusySeconds();
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-v', '-o', timeFile, ...argv], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', d => { stdout += d; });
  child.stderr.on('data', d => { stderr = (stderr + d).slice(-20000); });
  const code = await new Promise(r => child.on('close', r));
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const emulatorCpuS = processCpuSeconds(emulatorPid) - cpuBefore;
  const busyS = machineBusySeconds() - busyBefore;
  if (code !== 0) {
    throw new Error(`${label} failed with exit code ${code}:\n${stderr}`);
  }
  const gnu = parseGnuTime(readFileSync(timeFile, 'utf8'));
  const otherCpuS = Math.max(0, busyS - emulatorCpuS - gnu.userS - gnu.sysS);
  return { wallS, emulatorCpuS, otherCpuS, stdout, stderr, ...gnu };
}

// Environment variables from NAME=value assignments (--env options, driver variants); the value may contain '='.
export const envAssignments = list => Object.fromEntries(list.map(e => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

export const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function machine() {
  const version = (command, args) => {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    return result.status === 0 ? result.stdout.split('\n')[0].trim() : 'unknown';
  };
  const aliOssPackage = join(repoRoot, 'tests/compat/ali-oss/node_modules/ali-oss/package.json');
  return {
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / GiB),
    kernel: version('uname', ['-r']),
    dotnet: version(dotnet, ['--version']),
    node: process.version,
    curl: version('curl', ['--version']).split(' ').slice(0, 2).join(' '),
    aliOss: existsSync(aliOssPackage) ? JSON.parse(readFileSync(aliOssPackage, 'utf8')).version : 'not installed',
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}

// Runs a benchmark's main. On the way out it deletes the work directory, or, when the caller keeps it
// (--work-dir: the generated inputs are reused next time), only what a run leaves behind: the paths
// in `remove` (the emulator's data) and the work directory's entries matching `scratch`.
export function runBenchmark(main, { workDir, keep, remove = [], scratch }) {
  main().catch(error => {
    console.error(`[bench] ${error.stack ?? error}`);
    process.exitCode = 1;
  }).finally(() => {
    if (!keep) {
      rmSync(workDir, { recursive: true, force: true });
      return;
    }
    for (const path of remove) {
      rmSync(path, { recursive: true, force: true });
    }
    for (const name of readdirSync(workDir)) {
      if (scratch.test(name)) {
        rmSync(join(workDir, name), { recursive: true, force: true });
      }
    }
  });
}
