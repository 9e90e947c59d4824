// The emulator as a benchmark needs it: one process (`dotnet OssResumable.Emulator.dll`, never
// `dotnet run`, whose wrapper process would be measured instead), started on a free loopback port,
// its admin API (GET /_emulator/...) and a clean stop. Shared by the benchmarks under tests/bench.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The Release build of the emulator that `dotnet build src/OssResumable.Emulator -c Release` writes. */
export const emulatorDll = join(repoRoot, 'src/OssResumable.Emulator/bin/Release/net10.0/OssResumable.Emulator.dll');

/**
 * Starts the emulator with one credential and bucket and waits for its "listening:" line.
 * Returns { child, pid, port, endpoint }; stop it with stopEmulator.
 */
export async function startEmulator({ dotnet = 'dotnet', dataDir, accessKeyId, accessKeySecret, bucket, region = 'cn-hangzhou' }) {
  mkdirSync(dataDir, { recursive: true });
  // The secret goes on the emulator's command line: a local test credential made fresh for the run.
  const child = spawn(dotnet, [emulatorDll, '--port', '0', '--data', dataDir, '--access-key-id', accessKeyId,
    '--access-key-secret', accessKeySecret, '--bucket', bucket, '--region', region], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 60 s')), 60_000);
    child.once('exit', code => reject(new Error(`the emulator exited with ${code}`)));
    lines.on('line', line => {
      const listening = /^listening: http:\/\/127\.0\.0\.1:(\d+)$/.exec(line.trim());
      if (listening) {
        clearTimeout(timer);
        resolveStart(Number(listening[1]));
      }
    });
  });
  return { child, pid: child.pid, port, endpoint: `http://127.0.0.1:${port}` };
}

/** Stops an emulator started by startEmulator (SIGTERM, then waits for it to exit). */
export async function stopEmulator(emulator) {
  if (emulator && emulator.child.exitCode === null && emulator.child.signalCode === null) {
    const exited = new Promise(resolveExit => emulator.child.once('exit', resolveExit));
    emulator.child.kill('SIGTERM');
    await exited;
  }
}

/** GET /_emulator/{path} as JSON. */
export async function emulatorAdmin(emulator, path) {
  const response = await fetch(`${emulator.endpoint}/_emulator/${path}`);
  if (!response.ok) {
    throw new Error(`GET /_emulator/${path} answered ${response.status}`);
  }
  return response.json();
}
