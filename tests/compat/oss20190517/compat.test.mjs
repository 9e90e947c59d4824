// Fidelity check: Alibaba's OpenAPI-generated Node.js OSS SDK (@alicloud/oss20190517, pinned in
// package.json) against the OssResumable emulator over real HTTP. Run: `node --test` in this folder
// (see README.md here). The emulator is started as a separate process with the documented command.
//
// This SDK differs from ali-oss in ways that matter to the emulator: it streams request bodies
// (PutObject, UploadPart) with Transfer-Encoding: chunked and no Content-Length, compares the
// CRC-64 and MD5 it computed while sending with x-oss-hash-crc64ecma / Content-MD5 of the answer,
// signs V1 only, and always addresses buckets virtual-hosted (Host: BUCKET.ENDPOINT).
//
// Version 1.0.6 has defects of its own that fail against OSS as much as against the emulator
// (which answers as OSS documents); they shape the test, and the first three have a test of their
// own below that shows the emulator's side:
// * uploadPart() parses the answer as XML, but OSS answers UploadPart with an empty body, so the
//   method throws after the part was stored.
// * completeMultipartUpload() serialises its model without the CompleteMultipartUpload root and
//   with the parts run together (<Part><ETag/><PartNumber/><ETag/><PartNumber/>...</Part>): OSS
//   (and the emulator) answer MalformedXML.
// * The V1 canonical resource gets "&" instead of "?" before the first sub-resource when a query
//   parameter that is not signed sorts before it (listMultipartUploads with prefix, max-uploads or
//   the markers; listParts with max-parts): "/bucket/&uploads". OSS refuses that signature, and so
//   does the emulator; listing is therefore tested without those parameters.
// * A list of exactly one upload or part is read as an object where the model wants an array
//   ("type of part is mismatch"): every list here has none or several entries (own bucket per test).
// UploadPart and CompleteMultipartUpload therefore go through the same client's generic execute()
// with the request OSS documents: same gateway, signing, chunked body, CRC-64/MD5 check.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import dns from 'node:dns';
import { Readable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { request } from 'node:http';
import { startEmulator } from '../emulator.mjs';

const require = createRequire(import.meta.url);
const Oss = require('@alicloud/oss20190517');
const OpenApi = require('@alicloud/openapi-client');
const Client = Oss.default;

const accessKeyId = 'compat-ak';
const accessKeySecret = 'compat-secret-not-real';
// One bucket per test, so that no list another test touched has exactly one entry (see the top).
const buckets = { put: 'compat-put', multipart: 'compat-multipart', list: 'compat-list', defects: 'compat-defects', refused: 'compat-refused' };

// The SDK always sends Host: BUCKET.ENDPOINT. RFC 6761 (6.3) reserves *.localhost for the loopback
// interface and curl, browsers and systemd-resolved resolve it so; glibc without nss-myhostname
// does not, so this process does it for names under .localhost (everything else is untouched).
const systemLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof hostname === 'string' && hostname.toLowerCase().endsWith('.localhost')) {
    const wanted = typeof options === 'number' ? { family: options } : (options ?? {});
    if (wanted.all) {
      process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }]);
    } else {
      process.nextTick(callback, null, '127.0.0.1', 4);
    }
    return {};
  }
  return systemLookup.call(this, hostname, options, callback);
};

let emulator;
let workDir;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'ossresumable-compat-oss20190517-'));
  emulator = await startEmulator({ dataDir: join(workDir, 'data'), accessKeyId, accessKeySecret, buckets: Object.values(buckets) });
});

after(async () => {
  await emulator?.stop();
  if (workDir) {
    rmSync(workDir, { recursive: true, force: true });
  }
});

// One OSS call through the client's generic execute() (see the top for why).
function call(oss, { action, method, pathname, bucketName, query = {}, body, reqBodyType = 'xml', bodyType = 'xml' }) {
  const params = new OpenApi.Params({ action, version: '2019-05-17', protocol: 'HTTPS', pathname, method, authType: 'AK', style: 'ROA', reqBodyType, bodyType });
  const request = new OpenApi.OpenApiRequest({ hostMap: { bucket: bucketName }, headers: {}, query, body, stream: reqBodyType === 'binary' ? body : undefined });
  return oss.execute(params, request, {});
}

// UploadPart as uploadPart() sends it (chunked stream), reading the empty answer OSS sends.
function uploadPart(oss, bucketName, key, uploadId, partNumber, data) {
  return call(oss, {
    action: 'UploadPart', method: 'PUT', pathname: `/${key}`, bucketName, query: { partNumber: String(partNumber), uploadId },
    body: Readable.from([data]), reqBodyType: 'binary', bodyType: 'none',
  });
}

// CompleteMultipartUpload with the body OSS documents: <CompleteMultipartUpload><Part>...</Part>...
function completeMultipartUpload(oss, bucketName, key, uploadId, eTags) {
  return call(oss, {
    action: 'CompleteMultipartUpload', method: 'POST', pathname: `/${key}`, bucketName, query: { uploadId },
    body: { CompleteMultipartUpload: { Part: eTags.map((eTag, i) => ({ PartNumber: i + 1, ETag: eTag })) } },
  });
}

function client(options = {}) {
  return new Client(new OpenApi.Config({
    accessKeyId,
    accessKeySecret,
    endpoint: `localhost:${emulator.port}`,
    protocol: 'http',
    regionId: 'cn-hangzhou',
    ...options,
  }));
}

const md5Hex = buffer => createHash('md5').update(buffer).digest('hex').toUpperCase();
const unquote = eTag => String(eTag).replace(/"/g, '');
const header = (response, name) => response.headers[name.toLowerCase()];

// What the emulator holds, from its admin API (no signature; loopback only).
function adminGet(path) {
  return new Promise((resolveGet, reject) => {
    request({ host: '127.0.0.1', port: emulator.port, path }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolveGet({ status: res.statusCode, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

const adminJson = async path => JSON.parse((await adminGet(path)).body.toString('utf8'));

async function storedObject(bucketName, key) {
  const info = (await adminJson(`/_emulator/objects?bucket=${bucketName}`)).find(o => o.key === key);
  const bytes = info ? (await adminGet(`/_emulator/object?bucket=${bucketName}&key=${encodeURIComponent(key)}`)).body : null;
  return { info, bytes };
}

test('putObject streams a chunked body; ETag, CRC-64 and MD5 match what the SDK sent', async () => {
  const content = randomBytes(700 * 1024 + 3);
  const before = await adminJson('/_emulator/stats');

  const response = await client().putObject(buckets.put, 'streamed.bin', new Oss.PutObjectRequest({ body: Readable.from([content.subarray(0, 1000), content.subarray(1000)]) }));

  assert.equal(response.statusCode, 200);
  assert.equal(unquote(header(response, 'ETag')), md5Hex(content));
  const { info, bytes } = await storedObject(buckets.put, 'streamed.bin');
  assert.ok(bytes.equals(content), 'the stored bytes are the sent bytes');
  assert.equal(info.size, content.length);
  assert.equal(info.crc64, header(response, 'x-oss-hash-crc64ecma'));
  const after = await adminJson('/_emulator/stats');
  assert.equal((after.bodyBytesRead.PutObject ?? 0) - (before.bodyBytesRead.PutObject ?? 0), content.length);
});

test('multipart flow: initiate, upload chunked parts, list parts, complete', async () => {
  const oss = client();
  const bucket = buckets.multipart;
  const key = 'object.bin';
  const sizes = [256 * 1024, 256 * 1024, 100 * 1024 + 7];
  const parts = sizes.map(size => randomBytes(size));

  const init = await oss.initiateMultipartUpload(bucket, key, new Oss.InitiateMultipartUploadRequest({}));
  const uploadId = init.body.uploadId;
  assert.match(uploadId, /^[0-9A-F]{32}$/);
  assert.equal(init.body.bucket, bucket);
  assert.equal(init.body.key, key);

  const eTags = [];
  for (const [index, data] of parts.entries()) {
    const uploaded = await uploadPart(oss, bucket, key, uploadId, index + 1, data);
    assert.equal(uploaded.statusCode, 200);
    assert.equal(unquote(header(uploaded, 'ETag')), md5Hex(data));
    eTags.push(header(uploaded, 'ETag'));
  }

  const listed = await oss.listParts(bucket, key, new Oss.ListPartsRequest({ uploadId }));
  assert.equal(listed.body.uploadId, uploadId);
  assert.equal(listed.body.isTruncated, false);
  assert.deepEqual(listed.body.part.map(p => Number(p.partNumber)), [1, 2, 3]);
  assert.deepEqual(listed.body.part.map(p => Number(p.size)), sizes);
  assert.deepEqual(listed.body.part.map(p => p.ETag), eTags);

  const completed = await completeMultipartUpload(oss, bucket, key, uploadId, eTags);
  assert.equal(completed.statusCode, 200);
  const expectedETag = `"${md5Hex(Buffer.concat(parts.map(p => createHash('md5').update(p).digest())))}-3"`;
  assert.equal(completed.body.ETag, expectedETag);
  assert.equal(completed.body.Key, key);

  const { info, bytes } = await storedObject(bucket, key);
  assert.ok(bytes.equals(Buffer.concat(parts)), 'the object is the parts in order');
  assert.equal(info.etag, expectedETag);
  assert.equal(info.objectType, 'Multipart');
  assert.equal(info.crc64, header(completed, 'x-oss-hash-crc64ecma'));
  assert.deepEqual(await adminJson(`/_emulator/uploads?bucket=${bucket}`), []);
});

test('listMultipartUploads lists uploads in key order; abortMultipartUpload removes them', async () => {
  const oss = client();
  const bucket = buckets.list;
  const ids = [];
  for (const key of ['c.bin', 'a.bin', 'b.bin', 'b.bin']) {
    const init = await oss.initiateMultipartUpload(bucket, key, new Oss.InitiateMultipartUploadRequest({}));
    ids.push({ key, uploadId: init.body.uploadId });
  }
  await uploadPart(oss, bucket, 'c.bin', ids[0].uploadId, 1, randomBytes(1000));

  const listed = await oss.listMultipartUploads(bucket, new Oss.ListMultipartUploadsRequest({}));
  assert.equal(listed.body.bucket, bucket);
  assert.equal(listed.body.isTruncated, false);
  assert.deepEqual(listed.body.uploads.map(u => u.uploadId).sort(), ids.map(u => u.uploadId).sort());
  assert.deepEqual(listed.body.uploads.map(u => u.key), ['a.bin', 'b.bin', 'b.bin', 'c.bin']);
  assert.ok(listed.body.uploads.every(u => !Number.isNaN(Date.parse(u.initiated))), 'Initiated is a date');

  for (const upload of ids) {
    const aborted = await oss.abortMultipartUpload(bucket, upload.key, new Oss.AbortMultipartUploadRequest({ uploadId: upload.uploadId }));
    assert.equal(aborted.statusCode, 204);
  }
  await assert.rejects(
    oss.listParts(bucket, ids[0].key, new Oss.ListPartsRequest({ uploadId: ids[0].uploadId })),
    err => err.code === 'NoSuchUpload' && err.statusCode === 404);
  const left = await oss.listMultipartUploads(bucket, new Oss.ListMultipartUploadsRequest({}));
  assert.equal(left.body.uploads, undefined);
  assert.deepEqual(await adminJson(`/_emulator/uploads?bucket=${bucket}`), []);
});

test('SDK defect: uploadPart() cannot read the empty answer OSS sends, though the part is stored', async () => {
  const oss = client();
  const bucket = buckets.defects;
  const data = randomBytes(150 * 1024);
  const { body: { uploadId } } = await oss.initiateMultipartUpload(bucket, 'part.bin', new Oss.InitiateMultipartUploadRequest({}));

  // Not an HTTP error: the server took the part; the SDK fails reading the empty answer.
  await assert.rejects(
    oss.uploadPart(bucket, 'part.bin', new Oss.UploadPartRequest({ partNumber: 1, uploadId, body: Readable.from([data]) })),
    err => err.statusCode === undefined);

  const [upload] = await adminJson(`/_emulator/uploads?bucket=${bucket}`);
  assert.equal(upload.uploadId, uploadId);
  assert.equal(upload.parts.length, 1);
  assert.equal(upload.parts[0].size, data.length);
  assert.equal(unquote(upload.parts[0].etag), md5Hex(data));
  await oss.abortMultipartUpload(bucket, 'part.bin', new Oss.AbortMultipartUploadRequest({ uploadId }));
});

test('SDK defect: completeMultipartUpload() sends a part list without its root, refused with MalformedXML', async () => {
  const oss = client();
  const bucket = buckets.defects;
  const { body: { uploadId } } = await oss.initiateMultipartUpload(bucket, 'complete.bin', new Oss.InitiateMultipartUploadRequest({}));
  const eTags = [];
  for (const n of [1, 2]) {
    eTags.push(header(await uploadPart(oss, bucket, 'complete.bin', uploadId, n, randomBytes(110 * 1024)), 'ETag'));
  }

  await assert.rejects(
    oss.completeMultipartUpload(bucket, 'complete.bin', new Oss.CompleteMultipartUploadRequest({
      uploadId,
      body: new Oss.CompleteMultipartUpload({ part: eTags.map((eTag, i) => new Oss.Part({ partNumber: i + 1, ETag: eTag })) }),
    })),
    err => err.statusCode === 400 && err.code === 'MalformedXML');

  assert.equal((await storedObject(bucket, 'complete.bin')).info, undefined);
  await oss.abortMultipartUpload(bucket, 'complete.bin', new Oss.AbortMultipartUploadRequest({ uploadId }));
});

test('SDK defect: listMultipartUploads with a prefix signs "/bucket/&uploads", refused as OSS refuses it', async () => {
  await assert.rejects(
    client().listMultipartUploads(buckets.defects, new Oss.ListMultipartUploadsRequest({ prefix: 'x/' })),
    err => err.statusCode === 403 && err.code === 'SignatureDoesNotMatch');
});

test('getBucketAcl answers the owner and the grant', async () => {
  const acl = await client().getBucketAcl(buckets.refused);
  assert.equal(acl.statusCode, 200);
  assert.equal(acl.body.accessControlList.grant, 'private');
  assert.ok(acl.body.owner.ID, 'an owner ID');
});

test('a wrong secret is refused with SignatureDoesNotMatch and nothing is stored', async () => {
  const oss = client({ accessKeySecret: 'wrong-secret' });
  await assert.rejects(
    oss.initiateMultipartUpload(buckets.refused, 'refused.bin', new Oss.InitiateMultipartUploadRequest({})),
    err => err.statusCode === 403 && err.code === 'SignatureDoesNotMatch');
  await assert.rejects(
    oss.putObject(buckets.refused, 'refused.bin', new Oss.PutObjectRequest({ body: Readable.from([randomBytes(1000)]) })),
    err => err.statusCode === 403 && err.code === 'SignatureDoesNotMatch');
  assert.equal((await storedObject(buckets.refused, 'refused.bin')).info, undefined);
  assert.deepEqual(await adminJson(`/_emulator/uploads?bucket=${buckets.refused}`), []);
});

test('an unknown access key is refused with InvalidAccessKeyId', async () => {
  const oss = client({ accessKeyId: 'nobody' });
  await assert.rejects(oss.getBucketAcl(buckets.refused), err => err.statusCode === 403 && err.code === 'InvalidAccessKeyId');
});
