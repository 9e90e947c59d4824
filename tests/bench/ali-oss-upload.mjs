// ali-oss uploads for the benchmarks (run under /usr/bin/time -v).
// One file:  node ali-oss-upload.mjs --port PORT --bucket B --key K --file F [--part-size BYTES] [--parallel N] [--https]
// Many files: node ali-oss-upload.mjs --port PORT --bucket B --dir D --prefix P [--files-at-once N] [--part-size BYTES] [--parallel N]
//   every file under D as P + its relative path, each with multipartUpload (which PUTs files under
//   100 KB), N files at once (default 1: a loop, what an ali-oss script does without extra code).
// Without --part-size / --parallel, ali-oss's own defaults apply (1 MiB parts, 5 in parallel).
// With --https it talks TLS to https://localhost:PORT; trust the emulator's certificate with
// NODE_EXTRA_CA_CERTS=PATH (validation stays on).
// Credentials come from OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET (never from the command line).
// Prints one JSON line: {"etag":..., "durationMs":...} for a file, {"files":..., "bytes":..., "durationMs":...}
// for a directory. ali-oss is resolved from tests/compat/ali-oss/node_modules (run `npm ci` there),
// so the dependency is pinned once.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'compat', 'ali-oss', 'package.json'));
const OSS = require('ali-oss');

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    bucket: { type: 'string' },
    key: { type: 'string' },
    file: { type: 'string' },
    dir: { type: 'string' },
    prefix: { type: 'string', default: '' },
    'files-at-once': { type: 'string', default: '1' },
    'part-size': { type: 'string' },
    parallel: { type: 'string' },
    https: { type: 'boolean', default: false },
  },
});

const required = values.dir ? ['port', 'bucket', 'dir'] : ['port', 'bucket', 'key', 'file'];
for (const name of required) {
  if (!values[name]) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
}

const client = new OSS({
  endpoint: `${values.https ? 'https' : 'http'}://localhost:${values.port}`,
  sldEnable: true, // path-style: http://localhost:PORT/bucket/key (the emulator's default addressing)
  bucket: values.bucket,
  accessKeyId: process.env.OSS_ACCESS_KEY_ID,
  accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET,
  region: 'oss-cn-hangzhou',
  secure: values.https,
  timeout: 600_000,
});

// Only what is given: otherwise ali-oss chooses (its defaults are part of what is measured).
const uploadOptions = {
  ...(values['part-size'] ? { partSize: Number(values['part-size']) } : {}),
  ...(values.parallel ? { parallel: Number(values.parallel) } : {}),
};

function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  }).sort();
}

const started = process.hrtime.bigint();
const elapsedMs = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
try {
  if (values.dir) {
    const files = filesUnder(values.dir);
    let next = 0;
    let bytes = 0;
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++];
        await client.multipartUpload(values.prefix + relative(values.dir, file).split(sep).join('/'), file, uploadOptions);
        bytes += statSync(file).size;
      }
    };
    await Promise.all(Array.from({ length: Number(values['files-at-once']) }, worker));
    console.log(JSON.stringify({ files: files.length, bytes, durationMs: elapsedMs() }));
  } else {
    const result = await client.multipartUpload(values.key, values.file, uploadOptions);
    console.log(JSON.stringify({ etag: result.etag ?? result.res?.headers?.etag ?? null, durationMs: elapsedMs() }));
  }
} catch (error) {
  console.error(`ali-oss multipartUpload failed: ${error.name}: ${error.message}`);
  process.exit(1);
}
