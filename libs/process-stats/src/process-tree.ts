import { numericEntries, readProcText } from './proc-files';
import type { ProcStat } from './proc-stat';
import { parseStat, USER_HZ } from './proc-stat';

/**
 * The stat of a running process (or `/proc/<pid>/task/<tid>` for a thread), or `undefined`
 * when it is gone or there is no `/proc`.
 *
 * @example
 * processStat(process.pid)?.ownTicks;
 */
export function processStat(pid: number | string): ProcStat | undefined {
  return parseStat(readProcText(`/proc/${pid}/stat`) ?? '');
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
  for (const entry of numericEntries('/proc')) {
    const parent = processStat(entry)?.ppid; // Undefined when gone since the listing.
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), entry]);
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
 * CPU seconds a running process has used itself, or `undefined` when it is gone.
 *
 * @example
 * const used = processCpuSeconds(local.stack.pid);
 */
export function processCpuSeconds(pid: number): number | undefined {
  const stat = processStat(pid);
  return stat && stat.ownTicks / USER_HZ;
}

/**
 * CPU seconds a running process and every process below it have used, those that already
 * exited included (a restarted or killed function process), or `undefined` when it is gone.
 *
 * @example
 * const used = processTreeCpuSeconds(local.stack.pid);
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  const root = processStat(pid);
  if (root === undefined) return undefined;
  // A process that exited is in its parent's children's time once waited for. Summed in whole
  // ticks: hundredths summed in floating point drift (4.5699…).
  const ticks = descendantPids(pid).reduce((sum, child) => {
    const stat = processStat(child);
    return stat ? sum + stat.ownTicks + stat.exitedChildrenTicks : sum;
  }, root.ownTicks + root.exitedChildrenTicks);
  return ticks / USER_HZ;
}
