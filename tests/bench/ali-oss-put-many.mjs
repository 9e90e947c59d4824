// The ali-oss side of tests/bench/pipeline.mjs: uploads every file of a folder with `client.put`,
// PARALLEL at a time (1 = a sequential loop), the way a script written against the official SDK
// does it, and prints one JSON line with the wall clock and this process's own CPU time
// (utime + stime from /proc/self/stat) at each phase, and its peak RSS (VmHWM).
// Usage: node ali-oss-put-many.mjs --port PORT --bucket B --prefix P/ --folder DIR --parallel N [--phase idle|put]
// --phase idle creates the client and uploads nothing (the start-up cost to subtract).
// Credentials come from OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET (never from the command line).
// ali-oss is resolved from tests/compat/ali-oss/node_modules (run `npm ci` there). Not part of CI.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const clockTicks = 100; // USER_HZ on Linux; the harness passes --clock-ticks when it differs
const mark = ticks => {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { unixMs: Date.now(), cpuS: (Number(fields[11]) + Number(fields[12])) / ticks };
};
const statusKiB = field => Number(readFileSync('/proc/self/status', 'utf8').split('\n').find(l => l.startsWith(`${field}:`)).split(/\s+/)[1]);

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    bucket: { type: 'string' },
    prefix: { type: 'string', default: 'bench/' },
    folder: { type: 'string' },
    parallel: { type: 'string', default: '1' },
    phase: { type: 'string', default: 'put' },
    'clock-ticks': { type: 'string', default: String(clockTicks) },
  },
});
const ticks = Number(values['clock-ticks']);
const marks = { scriptStart: mark(ticks) };

const here = dirname(fileURLToPath(import.meta.url));
const OSS = createRequire(join(here, '..', 'compat', 'ali-oss', 'package.json'))('ali-oss');
const client = new OSS({
  endpoint: `http://localhost:${values.port}`,
  sldEnable: true, // path-style: http://localhost:PORT/bucket/key (the emulator's default addressing)
  bucket: values.bucket,
  accessKeyId: process.env.OSS_ACCESS_KEY_ID,
  accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET,
  region: 'oss-cn-hangzhou',
  timeout: 600_000,
});
marks.imported = mark(ticks);

let uploaded = 0;
const failures = [];
if (values.phase === 'put') {
  const names = readdirSync(values.folder, { withFileTypes: true }).filter(e => e.isFile()).map(e => e.name).sort();
  let next = 0;
  // PARALLEL workers take the next file as each finishes: at most PARALLEL puts in flight.
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      try {
        await client.put(`${values.prefix}${name}`, join(values.folder, name));
        uploaded++;
      } catch (error) {
        failures.push(`${name}: ${error.name}: ${error.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Number(values.parallel) }, worker));
}
marks.done = mark(ticks);

console.log(JSON.stringify({
  marks,
  results: values.phase === 'put' ? uploaded : null,
  errors: failures.length,
  firstErrors: failures.slice(0, 3),
  vmHwmKiB: statusKiB('VmHWM'),
  vmRssKiB: statusKiB('VmRSS'),
}));
process.exitCode = failures.length ? 1 : 0;
