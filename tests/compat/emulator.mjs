// Starts the OssResumable emulator for a compatibility check, the documented way:
//   dotnet run --project src/OssResumable.Emulator -c Release [--no-build] -- --port 0 --data DIR ...
// (--no-build when EMULATOR_NO_BUILD=1, i.e. the emulator is already built in Release), and waits for
// its first stdout line, "listening: http(s)://127.0.0.1:PORT". With https: true the emulator serves
// TLS with a self-signed certificate it creates; its path is the "certificate: PATH" line that follows.
// Shared by every tests/compat/*/ folder (each stays runnable with `node --test` in that folder).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {{ dataDir: string, accessKeyId: string, accessKeySecret: string, buckets?: string[],
 *           region?: string, https?: boolean, args?: string[] }} options
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, port: number, scheme: string,
 *                     certificate: string | null, stop: () => Promise<void> }>}
 */
export async function startEmulator(options) {
  const args = ['run', '--project', join(repoRoot, 'src', 'OssResumable.Emulator'), '-c', 'Release'];
  if (process.env.EMULATOR_NO_BUILD === '1') {
    args.push('--no-build');
  }
  args.push('--', '--port', '0', '--data', options.dataDir, '--access-key-id', options.accessKeyId,
    '--access-key-secret', options.accessKeySecret, '--region', options.region ?? 'cn-hangzhou');
  for (const bucket of options.buckets ?? []) {
    args.push('--bucket', bucket);
  }
  if (options.https) {
    args.push('--https');
  }
  args.push(...(options.args ?? []));

  const child = spawn('dotnet', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const started = await new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not print its listening line within 180 s')), 180_000);
    child.once('exit', code => reject(new Error(`the emulator exited early with code ${code}`)));
    let listening = null;
    lines.on('line', line => {
      const text = line.trim();
      const match = /^listening: (https?):\/\/127\.0\.0\.1:(\d+)$/.exec(text);
      if (match) {
        listening = { scheme: match[1], port: Number(match[2]) };
      }
      const certificate = /^certificate: (.+)$/.exec(text);
      if (listening && (listening.scheme === 'http' || certificate)) {
        clearTimeout(timer);
        resolveStart({ ...listening, certificate: certificate ? certificate[1] : null });
      }
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { child, ...started, stop };
}
