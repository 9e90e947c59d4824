// One ali-oss multipartUpload of a file, for bench.mjs (run under /usr/bin/time -v).
// Usage: node ali-oss-upload.mjs --port PORT --bucket B --key K --file F --part-size BYTES --parallel N [--https]
// With --https it talks TLS to https://localhost:PORT; trust the emulator's certificate with
// NODE_EXTRA_CA_CERTS=PATH (validation stays on).
// Credentials come from OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET (never from the command line).
// Prints one JSON line: {"etag":..., "durationMs":...}. ali-oss is resolved from
// tests/compat/ali-oss/node_modules (run `npm ci` there), so the dependency is pinned once.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
    'part-size': { type: 'string' },
    parallel: { type: 'string' },
    https: { type: 'boolean', default: false },
  },
});

for (const name of ['port', 'bucket', 'key', 'file', 'part-size', 'parallel']) {
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

const started = process.hrtime.bigint();
try {
  const result = await client.multipartUpload(values.key, values.file, {
    partSize: Number(values['part-size']),
    parallel: Number(values.parallel),
  });
  const durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
  console.log(JSON.stringify({ etag: result.etag ?? result.res?.headers?.etag ?? null, durationMs }));
} catch (error) {
  console.error(`ali-oss multipartUpload failed: ${error.name}: ${error.message}`);
  process.exit(1);
}
