// Fidelity check: Alibaba's official Node.js client (ali-oss, pinned in package.json) against the
// OssResumable emulator over real HTTP. Run: `node --test` in this folder (see README.md here).
// The emulator is started as a separate process with the documented start command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import OSS from 'ali-oss';
import { startEmulator } from '../emulator.mjs';

const accessKeyId = 'compat-ak';
const accessKeySecret = 'compat-secret-not-real';
const bucket = 'compat-bucket';

let emulator;
let endpointPort;
let workDir;

function client(options = {}) {
  return new OSS({
    endpoint: `http://localhost:${endpointPort}`,
    sldEnable: true, // path-style: http://localhost:PORT/bucket/key
    bucket,
    accessKeyId,
    accessKeySecret,
    region: 'oss-cn-hangzhou',
    secure: false,
    timeout: 60_000,
    ...options,
  });
}

function md5(buffer) {
  return createHash('md5').update(buffer).digest('hex');
}

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'ossresumable-compat-'));
  emulator = await startEmulator({ dataDir: join(workDir, 'data'), accessKeyId, accessKeySecret, buckets: [bucket] });
  endpointPort = emulator.port;
});

after(async () => {
  await emulator?.stop();
  if (workDir) {
    rmSync(workDir, { recursive: true, force: true });
  }
});

for (const signing of [{ name: 'V1', options: {} }, { name: 'V4', options: { authorizationV4: true } }]) {
  test(`${signing.name}: multipart upload with checkpoint and parallel parts resumes after cancel`, async () => {
    const oss = client(signing.options);
    const file = join(workDir, `big-${signing.name}.bin`);
    const content = randomBytes(3 * 1024 * 1024 + 12345); // 13 parts of 256 KiB, last one short
    writeFileSync(file, content);
    const key = `compat/${signing.name}/big file+plus.bin`;

    let saved;
    let cancelled = false;
    try {
      await oss.multipartUpload(key, file, {
        parallel: 4,
        partSize: 256 * 1024,
        progress: async (fraction, checkpoint) => {
          if (checkpoint) {
            saved = { ...checkpoint, doneParts: [...checkpoint.doneParts] };
          }
          if (checkpoint && checkpoint.doneParts.length >= 3 && !cancelled) {
            cancelled = true;
            oss.cancel();
          }
        },
      });
      assert.fail('the upload should have been cancelled');
    } catch (err) {
      assert.ok(oss.isCancel(), `expected a cancel, got ${err && (err.stack || err.message || err.name)}`);
    }
    assert.ok(saved && saved.uploadId, 'a checkpoint with an upload id was produced');
    assert.ok(saved.doneParts.length >= 3);

    const partsBefore = await oss.listParts(key, saved.uploadId);
    assert.ok(partsBefore.parts.length >= 3, 'the server kept the finished parts');

    const resumed = client(signing.options);
    const result = await resumed.multipartUpload(key, file, { parallel: 4, partSize: 256 * 1024, checkpoint: saved });
    assert.equal(result.res.status, 200);

    const got = await resumed.get(key);
    assert.equal(got.content.length, content.length);
    assert.equal(md5(got.content), md5(content));
    const head = await resumed.head(key);
    assert.equal(head.res.headers['x-oss-object-type'], 'Multipart');
    assert.match(String(head.res.headers.etag), /^"[0-9A-F]{32}-13"$/);
  });

  test(`${signing.name}: listUploads pages through in-progress uploads, listParts and abort`, async () => {
    const oss = client(signing.options);
    const prefix = `list-${signing.name}/`;
    const ids = [];
    for (const name of ['a.bin', 'b.bin', 'b.bin', 'c d.bin']) {
      const init = await oss.initMultipartUpload(prefix + name);
      ids.push({ name: prefix + name, uploadId: init.uploadId });
    }

    const seen = [];
    let keyMarker = '';
    let uploadIdMarker = '';
    let pages = 0;
    for (;;) {
      const query = { prefix, 'max-uploads': 3 };
      if (keyMarker) {
        query['key-marker'] = keyMarker;
        query['upload-id-marker'] = uploadIdMarker;
      }
      const page = await oss.listUploads(query);
      pages += 1;
      seen.push(...page.uploads);
      if (!page.isTruncated) {
        break;
      }
      keyMarker = page.nextKeyMarker;
      uploadIdMarker = page.nextUploadIdMarker;
    }
    assert.equal(pages, 2);
    assert.deepEqual(seen.map(u => u.uploadId).sort(), ids.map(u => u.uploadId).sort());
    assert.deepEqual(seen.map(u => u.name), [...seen.map(u => u.name)].sort());

    const target = ids[0];
    const partData = randomBytes(200 * 1024);
    const partFile = join(workDir, `part-${signing.name}.bin`);
    writeFileSync(partFile, partData);
    await oss.uploadPart(target.name, target.uploadId, 1, partFile, 0, partData.length);
    await oss.uploadPart(target.name, target.uploadId, 2, partFile, 0, 150 * 1024);
    const parts = await oss.listParts(target.name, target.uploadId);
    assert.deepEqual(parts.parts.map(p => Number(p.PartNumber)), [1, 2]);
    assert.equal(Number(parts.parts[0].Size), partData.length);
    assert.equal(String(parts.parts[0].ETag).replace(/"/g, '').toLowerCase(), md5(partData));

    for (const upload of ids) {
      await oss.abortMultipartUpload(upload.name, upload.uploadId);
    }
    await assert.rejects(oss.listParts(target.name, target.uploadId), err => err.code === 'NoSuchUpload' && err.status === 404);
    const after = await oss.listUploads({ prefix });
    assert.equal(after.uploads.length, 0);
  });

  test(`${signing.name}: a wrong secret is refused with SignatureDoesNotMatch`, async () => {
    const oss = client({ ...signing.options, accessKeySecret: 'wrong-secret' });
    await assert.rejects(oss.initMultipartUpload('refused.bin'), err => err.status === 403 && err.code === 'SignatureDoesNotMatch');
    await assert.rejects(oss.listUploads({}), err => err.status === 403 && err.code === 'SignatureDoesNotMatch');
  });

  test(`${signing.name}: an unknown access key is refused with InvalidAccessKeyId`, async () => {
    const oss = client({ ...signing.options, accessKeyId: 'nobody' });
    await assert.rejects(oss.put('x.txt', Buffer.from('x')), err => err.status === 403 && err.code === 'InvalidAccessKeyId');
  });
}

test('V4: a region typo is refused with 400 InvalidArgument "Invalid signing region", as OSS does', async () => {
  const oss = client({ authorizationV4: true, region: 'oss-cn-hangzou' });
  await assert.rejects(oss.put('typo.txt', Buffer.from('x')), err =>
    err.status === 400 && err.code === 'InvalidArgument' && err.message.includes('Invalid signing region in Authorization header.') && err.ecCode === '0002-00000226');
});

test('IP endpoint: ali-oss rewrites the Host header to bucket.oss-<region>.aliyuncs.com and still works', async () => {
  const oss = new OSS({
    endpoint: `http://127.0.0.1:${endpointPort}`,
    bucket,
    accessKeyId,
    accessKeySecret,
    region: 'oss-cn-hangzhou',
  });
  const body = Buffer.from('hello from an IP endpoint');
  await oss.put('ip/hello.txt', body);
  const got = await oss.get('ip/hello.txt');
  assert.equal(got.content.toString(), body.toString());
});
