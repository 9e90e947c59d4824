// Deterministic folders of files for the pipeline benchmark: the same names, sizes and bytes on every
// machine and run, from a seed. Bytes are an AES-128-CTR keystream (incompressible, fast to make),
// keyed by the seed, with the file's index as the counter block. A folder is made once and reused
// while its manifest (seed, sizes) matches.
import { createCipheriv, createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const KiB = 1024;
const MiB = 1024 * KiB;

/** SplitMix64: a tiny seeded generator (the same numbers everywhere), as doubles in [0, 1). */
function seededRandom(seed) {
  let state = BigInt.asUintN(64, BigInt(seed));
  return () => {
    state = BigInt.asUintN(64, state + 0x9E3779B97F4A7C15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94D049BB133111EBn);
    z ^= z >> 31n;
    return Number(z >> 11n) / 2 ** 53;
  };
}

/**
 * The sizes of a named set:
 *   "COUNTxSIZE" (e.g. 2000x32k, 20000x4k): COUNT files of SIZE bytes (k = KiB, m = MiB);
 *   "mixed[:COUNT]": COUNT (default 500) files log-uniform between 0 and 2 MiB (a few empty), plus
 *   three files of 17, 24 and 40 MiB that the module sends as multipart uploads (threshold 16 MiB).
 */
export function setSizes(name, seed) {
  const fixed = /^(\d+)x(\d+)([km]?)$/i.exec(name);
  if (fixed) {
    const unit = { '': 1, k: KiB, m: MiB }[fixed[3].toLowerCase()];
    return Array.from({ length: Number(fixed[1]) }, () => Number(fixed[2]) * unit);
  }
  const mixed = /^mixed(?::(\d+))?$/i.exec(name);
  if (mixed) {
    const random = seededRandom(seed);
    const small = Array.from({ length: Number(mixed[1] ?? 500) }, () => Math.floor(Math.exp(random() * Math.log(2 * MiB + 1))) - 1);
    return [...small, 17 * MiB, 24 * MiB, 40 * MiB];
  }
  throw new Error(`unknown file set "${name}" (use COUNTxSIZE such as 2000x32k, or mixed[:COUNT])`);
}

function keystream(seed, index) {
  const key = createHash('sha256').update(`ossr-bench-${seed}`).digest().subarray(0, 16);
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(index, 0);
  return createCipheriv('aes-128-ctr', key, iv);
}

/**
 * Makes (or reuses) DIR/NAME with the set's files, named f000000.bin, f000001.bin, ... Returns
 * { directory, files: [{ name, path, size }], totalBytes }.
 */
export function ensureFileSet(root, name, seed) {
  const sizes = setSizes(name, seed);
  const directory = join(root, `${name.replace(/[^a-z0-9]/gi, '_')}-seed${seed}`);
  // The manifest lies next to the folder, so the folder holds exactly the files every client is given.
  const manifestPath = `${directory}.manifest.json`;
  const manifest = JSON.stringify({ seed, sizes });
  const files = sizes.map((size, i) => ({ name: `f${String(i).padStart(6, '0')}.bin`, size }));
  files.forEach(f => { f.path = join(directory, f.name); });
  if (!(existsSync(manifestPath) && readFileSync(manifestPath, 'utf8') === manifest)) {
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    const zeros = Buffer.alloc(MiB);
    files.forEach((file, i) => {
      const cipher = keystream(seed, i);
      const fd = openSync(file.path, 'w');
      try {
        for (let written = 0; written < file.size;) {
          const n = Math.min(zeros.length, file.size - written);
          writeSync(fd, cipher.update(zeros.subarray(0, n)));
          written += n;
        }
      } finally {
        closeSync(fd);
      }
    });
    writeFileSync(manifestPath, manifest);
  }
  return { directory, files, totalBytes: sizes.reduce((a, b) => a + b, 0) };
}
