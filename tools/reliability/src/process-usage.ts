import { readdirSync, readFileSync } from 'node:fs';

/**
 * The peak resident memory (`VmHWM`) in MB from the text of `/proc/<pid>/status`.
 *
 * @example
 * peakResidentMb('VmHWM:\t  524288 kB\n'); // 512
 */
export function peakResidentMb(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

/**
 * The peak resident memory of a running process in MB, or `undefined` when it is gone or
 * the system has no `/proc`.
 *
 * @example
 * const peak = processPeakMb(local.stack.pid);
 */
export function processPeakMb(pid: number): number | undefined {
  try {
    return peakResidentMb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * User plus system CPU seconds from the text of `/proc/<pid>/stat`.
 *
 * @example
 * cpuSeconds('42 (node) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 …'); // 3
 */
export function cpuSeconds(stat: string): number | undefined {
  // The command name may hold spaces and parentheses; the fields after its last ')' do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? (user + system) / USER_HZ : undefined;
}

/**
 * The parent pid from the text of `/proc/<pid>/stat`.
 *
 * @example
 * parentPid('42 (node) S 7 42 42 0 -1 …'); // 7
 */
export function parentPid(stat: string): number | undefined {
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/**
 * The pids of every process below `pid` (children, theirs, …) now running: the local stack
 * runs each function in a process of its own.
 *
 * @example
 * descendantPids(local.stack.pid); // [31337, 31338, 31339]
 */
export function descendantPids(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let parent: number | undefined;
    try {
      parent = parentPid(readFileSync(`/proc/${entry}/stat`, 'utf8'));
    } catch {
      continue; // Gone since the listing.
    }
    if (parent !== undefined)
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const next = [pid];
  for (let current = next.pop(); current !== undefined; current = next.pop()) {
    for (const child of children.get(current) ?? []) {
      found.push(child);
      next.push(child);
    }
  }
  return found;
}

/**
 * CPU seconds a running process and every process below it have used, or `undefined` when
 * it is gone.
 *
 * @example
 * const used = processTreeCpuSeconds(local.stack.pid);
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  const own = processCpuSeconds(pid);
  if (own === undefined) return undefined;
  const total = descendantPids(pid).reduce(
    (sum, child) => sum + (processCpuSeconds(child) ?? 0),
    own,
  );
  // Back to the clock's resolution: sums of hundredths drift in floating point (4.5699…).
  return Math.round(total * USER_HZ) / USER_HZ;
}

/**
 * CPU seconds a running process has used, or `undefined` when it is gone.
 *
 * @example
 * const used = processCpuSeconds(local.stack.pid);
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    return cpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
