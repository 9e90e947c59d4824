// What a benchmark reads from Linux about processes and the machine: CPU seconds from /proc/PID/stat,
// memory from /proc/PID/status, the machine's busy time from /proc/stat, and a child's whole-life CPU
// and peak RSS from GNU time. Shared by the benchmarks under tests/bench (not part of CI).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Clock ticks per second of the utime/stime fields (USER_HZ, normally 100: a 10 ms resolution). */
export const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** utime + stime of a whole process (all its threads) in seconds, or null when it has gone. */
export function processCpuSeconds(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may contain spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** A field of /proc/PID/status in KiB (VmRSS, VmHWM, ...), or null when the process has gone. */
export function processMemoryKiB(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine (every core), from the first line of /proc/stat. */
export function machineBusySeconds() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) / clockTicks;
}

/** The 1-minute load average, printed next to every figure (the machine may be shared). */
export function loadAverage() {
  return loadavg()[0];
}

/** The direct children of a process (Linux 3.5+: /proc/PID/task/TID/children), or [] when it has gone. */
export function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** What `/usr/bin/time -v` wrote: user and system CPU seconds and peak RSS of the timed command. */
export function parseGnuTime(text) {
  const value = label => {
    const line = text.split('\n').find(l => l.trim().startsWith(label));
    if (!line) {
      throw new Error(`GNU time output lacks "${label}"`);
    }
    return Number(line.slice(line.lastIndexOf(': ') + 2).trim());
  };
  return {
    userS: value('User time (seconds)'),
    sysS: value('System time (seconds)'),
    maxRssKiB: value('Maximum resident set size (kbytes)'),
  };
}

/**
 * Runs argv under `/usr/bin/time -v -o timeFile`, and meanwhile samples the timed process's VmRSS every
 * sampleMs (the process is time's child). Returns the exit code, wall seconds (spawn to exit), stdout,
 * the tail of stderr, GNU time's figures, the RSS samples in KiB, and the CPU seconds the watched
 * processes (e.g. the emulator) and the whole machine used meanwhile.
 */
export async function runTimed({ argv, env, cwd, timeFile, watchPids = [], sampleMs = 200 }) {
  const watchedBefore = watchPids.map(processCpuSeconds);
  const busyBefore = machineBusySeconds();
  const loadBefore = loadAverage();
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-v', '-o', timeFile, ...argv], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', d => { stdout += d; });
  child.stderr.on('data', d => { stderr = (stderr + d).slice(-8000); });
  const rssSamplesKiB = [];
  const sampler = setInterval(() => {
    const [pid] = childPids(child.pid);
    const rss = pid ? processMemoryKiB(pid, 'VmRSS') : null;
    if (rss !== null) {
      rssSamplesKiB.push(rss);
    }
  }, sampleMs);
  const code = await new Promise(resolveExit => child.on('close', resolveExit));
  clearInterval(sampler);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const watchedCpuS = watchPids.map((pid, i) => (processCpuSeconds(pid) ?? watchedBefore[i]) - watchedBefore[i]);
  const busyS = machineBusySeconds() - busyBefore;
  const gnu = code === 0 ? parseGnuTime(readFileSync(timeFile, 'utf8')) : null;
  return { code, wallS, stdout, stderr, gnu, rssSamplesKiB, watchedCpuS, busyS, loadBefore, loadAfter: loadAverage() };
}
