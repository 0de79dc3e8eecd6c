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

/** CPU time from `/proc/<pid>/stat`, in clock ticks. */
export interface CpuTicks {
  /** User plus system time of the process itself (utime + stime). */
  readonly own: number;
  /** That of its children that exited and were waited for (cutime + cstime). */
  readonly exitedChildren: number;
}

/**
 * The CPU ticks from the text of `/proc/<pid>/stat`.
 *
 * @example
 * cpuTicks('42 (node) S 1 2 3 4 5 6 7 8 9 10 250 50 20 10 …'); // { own: 300, exitedChildren: 30 }
 */
export function cpuTicks(stat: string): CpuTicks | undefined {
  // The command name may hold spaces and parentheses; the fields after its last ')' do not.
  // Fields 14 to 17 of proc(5): utime, stime, cutime, cstime.
  const [user = NaN, system = NaN, childUser = NaN, childSystem = NaN] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 15)
    .map(Number);
  if (![user, system, childUser, childSystem].every(Number.isInteger)) return undefined;
  return { own: user + system, exitedChildren: childUser + childSystem };
}

/**
 * User plus system CPU seconds of the process itself from the text of `/proc/<pid>/stat`.
 *
 * @example
 * cpuSeconds('42 (node) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 …'); // 3
 */
export function cpuSeconds(stat: string): number | undefined {
  const ticks = cpuTicks(stat);
  return ticks && ticks.own / USER_HZ;
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
 * CPU seconds a running process and every process below it have used, those that already
 * exited included (a restarted or killed function process), or `undefined` when it is gone.
 *
 * @example
 * const used = processTreeCpuSeconds(local.stack.pid);
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  const root = processCpuTicks(pid);
  if (root === undefined) return undefined;
  // A process that exited is in its parent's children's time once waited for. Summed in whole
  // ticks: hundredths summed in floating point drift (4.5699…).
  const ticks = descendantPids(pid).reduce((sum, child) => {
    const used = processCpuTicks(child);
    return used ? sum + used.own + used.exitedChildren : sum;
  }, root.own + root.exitedChildren);
  return ticks / USER_HZ;
}

/**
 * CPU seconds a running process has used, or `undefined` when it is gone.
 *
 * @example
 * const used = processCpuSeconds(local.stack.pid);
 */
export function processCpuSeconds(pid: number): number | undefined {
  const ticks = processCpuTicks(pid);
  return ticks && ticks.own / USER_HZ;
}

function processCpuTicks(pid: number): CpuTicks | undefined {
  try {
    return cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
