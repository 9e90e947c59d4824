#!/usr/bin/env node
// Turns a `perf record -g` profile of a .NET process (pwsh with the module, or the driver) into numbers:
// CPU ms by thread, by layer (JIT, runtime, kernel, managed code...), by area of the upload path
// (PowerShell pipeline, progress, the module's per-file set-up, checkpoint store, signing, HttpClient,
// CRC-64...), and the top methods, optionally per file (--files N) or per GiB (--bytes N) and cut to one
// phase (--from-ns/--to-ns, CLOCK_MONOTONIC, with `perf record -k mono`; or --json + --client from
// pipeline.mjs, which takes the Send-OssFile phase of that client's first run).
//
//   perf record -k mono -e cpu-clock -F 999 -g -o OUT.data -- dotnet ... (with DOTNET_PerfMapEnabled=1)
//   node tests/bench/profile/perf-areas.mjs OUT.data [--json pipeline.json --client SPEC [--set NAME]]
//        [--from-ns N --to-ns N] [--files N | --bytes N] [--top 25] [--map /tmp/perf-PID.map]
//        [--inclusive REGEX]   (which managed methods the inclusive table lists; default: ours, PowerShell, HttpClient, Polly)
//
// Managed frames are named from the runtime's perf map (/tmp/perf-PID.map, written with
// DOTNET_PerfMapEnabled=1): JIT-compiled code and ReadyToRun code as it is first used, which perf itself
// does not resolve in file-backed (R2R) or double-mapped (W^X) regions. libcoreclr.so has no symbols
// here, so garbage collection is not split from other runtime work: see the GC counters instead.
// A sample's area is that of the innermost frame that names one (a HMAC under the signer under
// HttpClient counts as signing); any frame in libclrjit.so, or the tiered-compilation thread, counts as JIT.
// Not part of CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'string' },
    client: { type: 'string' },
    set: { type: 'string' },
    'from-ns': { type: 'string' },
    'to-ns': { type: 'string' },
    files: { type: 'string' },
    bytes: { type: 'string' },
    top: { type: 'string', default: '25' },
    map: { type: 'string' },
    inclusive: { type: 'string', default: 'OssResumable|System\\.Management\\.Automation|System\\.Net\\.Http|Polly' },
  },
});
const dataFile = positionals[0];
if (!dataFile || !existsSync(dataFile)) {
  console.error('usage: node perf-areas.mjs PERF.data [options]; see the comment at the top');
  process.exit(2);
}

// The Send-OssFile (or ali-oss) phase of one run, from pipeline.mjs --json.
let fromNs = opt['from-ns'] ? BigInt(opt['from-ns']) : null;
let toNs = opt['to-ns'] ? BigInt(opt['to-ns']) : null;
let files = opt.files ? Number(opt.files) : null;
if (opt.json) {
  const report = JSON.parse(readFileSync(opt.json, 'utf8'));
  const sets = report.sets ?? { single: report };
  const set = sets[opt.set ?? Object.keys(sets)[0]];
  const marks = set.rows[opt.client]?.[0]?.marks;
  if (!marks?.imported?.monotonicNs) {
    throw new Error(`no phase marks for client ${opt.client} in ${opt.json}`);
  }
  fromNs = BigInt(marks.imported.monotonicNs);
  toNs = BigInt(marks.done.monotonicNs);
  files ??= set.files ?? null;
}

// ---------- the perf map ----------

function loadMap(path) {
  const entries = readFileSync(path, 'utf8').split('\n').filter(Boolean).map(line => {
    const [start, size, ...name] = line.split(' ');
    return { start: BigInt(`0x${start.replace(/^0x/, '')}`), size: BigInt(`0x${size}`), name: name.join(' ') };
  });
  entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return entries;
}

function lookup(map, address) {
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid].start <= address) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const entry = map[hi];
  return entry && address < entry.start + entry.size ? entry.name : null;
}

// ---------- reading the samples ----------

const script = spawnSync('perf', ['script', '-i', dataFile, '-F', 'comm,pid,tid,time,ip,sym,dso', '--ns'], { maxBuffer: 1 << 30, encoding: 'utf8' });
if (script.status !== 0) {
  throw new Error(`perf script failed: ${script.stderr}`);
}
const maps = new Map();
const samples = [];
let current = null;
for (const line of script.stdout.split('\n')) {
  if (!line.trim()) {
    if (current) {
      samples.push(current);
    }
    current = null;
    continue;
  }
  if (!line.startsWith('\t') && !line.startsWith(' ')) {
    // "comm PID/TID TIME:" (comm may contain spaces).
    const header = /^(.*?)\s+(\d+)\/(\d+)\s+(\d+)\.(\d+):\s*$/.exec(line);
    if (!header) {
      continue;
    }
    current = { comm: header[1], pid: Number(header[2]), timeNs: BigInt(header[4]) * 1_000_000_000n + BigInt(header[5].padEnd(9, '0')), frames: [] };
    continue;
  }
  const frame = /^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$/.exec(line);
  if (current && frame) {
    current.frames.push({ address: BigInt(`0x${frame[1]}`), sym: frame[2], dso: frame[3] });
  }
}
if (current) {
  samples.push(current);
}

function mapFor(pid) {
  if (!maps.has(pid)) {
    const path = opt.map ?? `/tmp/perf-${pid}.map`;
    maps.set(pid, existsSync(path) ? loadMap(path) : []);
  }
  return maps.get(pid);
}

const inWindow = samples.filter(s => (fromNs === null || s.timeNs >= fromNs) && (toNs === null || s.timeNs <= toNs));
if (!inWindow.length) {
  throw new Error(`no samples in the window (of ${samples.length}); record with \`perf record -k mono\``);
}
for (const sample of inWindow) {
  const map = mapFor(sample.pid);
  for (const frame of sample.frames) {
    const dso = frame.dso.replace(/^.*\//, '');
    const managed = frame.sym === '[unknown]' || /\.dll$|doublemapper|^\[unknown\]$|perf-\d+\.map/.test(dso) ? lookup(map, frame.address) : null;
    frame.name = managed ?? (frame.sym === '[unknown]' ? `${dso}+?` : frame.sym);
    frame.lib = managed ? 'managed' : dso;
  }
}

// ---------- classification ----------

const threadName = comm => (comm.startsWith('.NET TP Worker') ? 'thread pool workers'
  : comm.startsWith('Pipeline Execut') ? 'PowerShell pipeline thread'
    : comm.startsWith('.NET Tiered Com') ? 'tiered compilation (background JIT)'
      : comm.startsWith('.NET Sockets') ? 'socket engine (epoll)'
        : comm === 'dotnet' ? 'main thread' : comm);

function layer(sample) {
  if (sample.frames.some(f => f.lib === 'libclrjit.so') || sample.comm.startsWith('.NET Tiered Com')) {
    return 'JIT (libclrjit, tiered compilation thread)';
  }
  const leaf = sample.frames[0];
  if (!leaf) {
    return 'unknown';
  }
  if (leaf.lib === '[kernel.kallsyms]') {
    const syms = sample.frames.filter(f => f.lib === '[kernel.kallsyms]').map(f => f.name).join(' ');
    if (/tcp_|sock_|inet_|__sys_(send|recv)|ip_(output|rcv)|net_rx|skb/.test(syms)) return 'kernel: network';
    if (/page_fault|do_anonymous_page|handle_mm_fault/.test(syms)) return 'kernel: page faults';
    if (/futex|schedule|sched_yield|epoll/.test(syms)) return 'kernel: futex/scheduling/epoll';
    if (/vfs_|ext4|do_sys_open|path_openat|filemap|statx|newfstat|getdents|__x64_sys_(openat|read|close|unlink|rename)/.test(syms)) return 'kernel: files';
    if (/mmap|munmap|mprotect|madvise/.test(syms)) return 'kernel: memory mapping';
    return 'kernel: other';
  }
  if (leaf.lib === 'libcoreclr.so') return 'runtime (libcoreclr: GC, type loader, stubs, locks)';
  if (leaf.lib === 'managed') return 'managed code';
  if (/^libc\.so|^ld-linux/.test(leaf.lib)) return 'libc (memcpy, memset, malloc...)';
  if (/libcrypto|libssl|Cryptography\.Native/.test(leaf.lib)) return 'OpenSSL (hashes, HMAC)';
  return `other: ${leaf.lib}`;
}

// Innermost frame that names an area wins.
const areaRules = [
  ['CRC-64', /OssResumable\.Core\.Hashing\.Crc64/],
  ['signing (canonical request, HMAC/SHA)', /OssResumable\.Core\.Signing\.|HMAC|HashProvider|HmacSHA|System\.Security\.Cryptography\.(HMAC|SHA|Incremental)/],
  ['emulator-side? (should be none)', /OssResumable\.Emulator/],
  ['HttpClient and sockets', /System\.Net\.Http|System\.Net\.Sockets|System\.Net\.Primitives|SocketAsyncEngine|System\.Net\.Security/],
  ['checkpoint store (probing, paths, locks)', /OssResumable\.Core\.Checkpoints\./],
  ['progress (module tracker/view + Write-Progress)', /OssResumable\.PowerShell\.Progress\.|WriteProgress|ProgressRecord|ProgressPane|PendingProgress/],
  ['module: credentials, endpoint, client cache', /OssResumable\.PowerShell\.Configuration\./],
  ['module: per-file preparation (paths, keys, content type, plan)', /OssResumable\.PowerShell\.Transfers\.|OssResumable\.PowerShell\.Commands\.SendOssFileCommand|ResolveLiteralFileSystemPath/],
  ['module: message pump, output, errors', /OssResumable\.PowerShell\.(Pipeline|Errors|Commands)\./],
  ['engine: upload job, planner, retries (Polly)', /OssResumable\.Core\.|Polly\./],
  ['file I/O (FileStream, File.*)', /System\.IO\.(FileStream|File|FileSystem|Strategies|RandomAccess|FileInfo|FileSystemInfo|Directory)/],
  ['PowerShell: Get-ChildItem, binding, pipeline, Measure-Object', /System\.Management\.Automation|Microsoft\.PowerShell/],
];

function area(sample) {
  if (sample.frames.some(f => f.lib === 'libclrjit.so') || sample.comm.startsWith('.NET Tiered Com')) {
    return 'JIT (compiling, tier-up)';
  }
  for (const frame of sample.frames) {
    if (frame.lib !== 'managed') continue;
    for (const [name, pattern] of areaRules) {
      if (pattern.test(frame.name)) return name;
    }
  }
  if (sample.comm.startsWith('.NET Sockets')) return 'HttpClient and sockets';
  if (sample.frames.some(f => f.lib === 'managed')) return 'other managed (runtime library, thread pool)';
  return 'native only (no managed frame: runtime, GC, kernel)';
}

// The buckets of a large-file upload (issue 12, CPU per GiB): what the kernel does for the process (file
// read, socket send, checkpoint writes), the work of each library, the waits of the thread pool, and the
// fixed costs (JIT, the main thread's start-up). One sample, one bucket; the first rule that matches wins.
function bucket(sample) {
  if (sample.frames.some(f => f.lib === 'libclrjit.so') || sample.comm.startsWith('.NET Tiered Com')) {
    return 'JIT and tier-up';
  }
  const managed = sample.frames.filter(f => f.lib === 'managed').map(f => f.name);
  if (managed.some(n => /OssResumable\.Core\.Checkpoints\./.test(n))) return 'checkpoint save after each part (JSON, write, fsync, rename)';
  if (sample.comm === 'dotnet') return 'main thread: start-up, plan, final report';
  const leaf = sample.frames[0];
  const kernel = sample.frames.filter(f => f.lib === '[kernel.kallsyms]').map(f => f.name).join(' ');
  if (leaf?.lib === '[kernel.kallsyms]') {
    if (/tcp_sendmsg|sock_sendmsg|__sys_sendto|sock_write_iter/.test(kernel)) return 'kernel: socket send (copy into TCP, loopback)';
    if (/tcp_recvmsg|sock_recvmsg|__sys_recvfrom|sock_read_iter/.test(kernel)) return 'kernel: socket receive (responses)';
    if (/tcp_|inet_|ip_(output|rcv)|net_rx|skb|__napi|do_softirq/.test(kernel)) return 'kernel: other network (TCP, loopback softirq)';
    if (/page_fault|do_anonymous_page|handle_mm_fault|mmap|munmap|madvise/.test(kernel)) return 'memory: page faults, mmap';
    if (/futex|schedule|sched_yield|epoll|finish_task_switch|try_to_wake_up/.test(kernel)) return 'thread pool and waits (futex, yield, epoll, context switches)';
    if (/filemap|pread|vfs_read|ext4_file_read|generic_file_read|copy_to_iter|__x64_sys_read/.test(kernel)) return 'kernel: file read (page cache copy)';
    return 'kernel: other (syscall entry, irq)';
  }
  if (managed.some(n => /OssResumable\.Core\.Hashing\.Crc64/.test(n)) && managed[0] && /Crc64/.test(managed[0])) return 'CRC-64';
  if (leaf?.lib === 'libcoreclr.so') return 'runtime native (libcoreclr: GC, stubs, casts, locks)';
  if (/^libc\.so/.test(leaf?.lib ?? '')) {
    return /sched_yield|futex|epoll|pthread_cond/.test(leaf.name) ? 'thread pool and waits (futex, yield, epoll, context switches)' : 'libc (memcpy, memset, malloc)';
  }
  const inner = managed[0] ?? '';
  if (/System\.Threading\.(ThreadPool|LowLevel|PortableThreadPool|WorkerThread|Semaphore|Monitor|SpinWait|Thread\b)|ThreadPoolWorkQueue/.test(inner)) return 'thread pool and waits (futex, yield, epoll, context switches)';
  if (/System\.Net\.Http|System\.Net\.Sockets|SocketAsyncEngine|System\.Net\.Primitives/.test(inner) || sample.comm.startsWith('.NET Sockets')) return 'HttpClient and sockets (managed)';
  if (/Polly\./.test(inner)) return 'Polly';
  if (/OssResumable\.Core\.Signing\.|Cryptography/.test(inner) || /libcrypto|libssl/.test(leaf?.lib ?? '')) return 'signing (HMAC, SHA)';
  if (/OssResumable\./.test(inner)) return 'our upload/part pipeline (managed, excl. CRC-64)';
  if (/CompilerServices\.Async|Threading\.Tasks|ExecutionContext/.test(inner)) return 'async machinery (state machines, tasks, continuations)';
  if (managed.length) return 'other managed (runtime library)';
  return 'other native';
}

const short = name => name.replace(/^.*?\] /, '').replace(/\(.*$/, '').replace(/\[(QuickJitted|OptimizedTier1|Optimized|PreJIT|Tier0|Tier1|OSR|Instrumented)[^\]]*\]$/, '');

// ---------- output ----------

const perfHz = (() => {
  const header = spawnSync('perf', ['report', '-i', dataFile, '--header-only'], { encoding: 'utf8' }).stdout;
  const freq = /sample_freq \} = (\d+)/.exec(header);
  return freq ? Number(freq[1]) : 999;
})();
const msPerSample = 1000 / perfHz;
const totalMs = inWindow.length * msPerSample;
const divisor = files ? files : opt.bytes ? Number(opt.bytes) / 1024 ** 3 : null;
const unit = files ? 'ms/file' : opt.bytes ? 'ms/GiB' : null;

function table(title, counts) {
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const lines = [`\n#### ${title}\n`, `| ${title.split(' by ')[1] ?? 'what'} | CPU ms | share |${unit ? ` ${unit} |` : ''}`, `|---|---:|---:|${unit ? '---:|' : ''}`];
  for (const [name, count] of rows) {
    const ms = count * msPerSample;
    lines.push(`| ${name} | ${ms.toFixed(0)} | ${(ms / totalMs * 100).toFixed(1)} % |${unit ? ` ${(ms / divisor).toFixed(3)} |` : ''}`);
  }
  console.log(lines.join('\n'));
}

const count = (keyOf, list = inWindow) => {
  const counts = new Map();
  for (const s of list) {
    const key = keyOf(s);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

console.log(`${dataFile}: ${inWindow.length} samples at ${perfHz} Hz in the window (of ${samples.length}) = ${totalMs.toFixed(0)} CPU ms`
  + `${files ? `, ${files} files: ${(totalMs / files).toFixed(3)} ms/file` : ''}${opt.bytes ? `, ${(totalMs / (Number(opt.bytes) / 1024 ** 3)).toFixed(0)} ms/GiB` : ''}`);
table('CPU by thread', count(s => threadName(s.comm)));
table('CPU by layer', count(layer));
table('CPU by area', count(area));
table('CPU by bucket', count(bucket));

const top = Number(opt.top);
const self = count(s => {
  const leaf = s.frames.find(f => f.lib === 'managed');
  const native = s.frames[0];
  return native && native.lib !== 'managed' ? `${native.lib}: ${short(native.name)}${leaf ? `  ← ${short(leaf.name)}` : ''}` : short(leaf?.name ?? 'unknown');
});
table(`Top ${top} leaves by self CPU (native leaf ← innermost managed frame)`, new Map([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)));

const inclusive = new Map();
const inclusivePattern = new RegExp(opt.inclusive);
for (const s of inWindow) {
  const seen = new Set(s.frames.filter(f => f.lib === 'managed' && inclusivePattern.test(f.name)).map(f => short(f.name)));
  for (const name of seen) {
    inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
  }
}
table(`Top ${top} methods by inclusive CPU (matching /${opt.inclusive}/)`, new Map([...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)));
