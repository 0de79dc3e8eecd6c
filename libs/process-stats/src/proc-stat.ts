/** Clock ticks per second of `/proc` CPU times (USER_HZ, 100 on Linux). */
export const USER_HZ = 100;

/** What this module reads of one `/proc/<pid>/stat` (or a thread's `task/<tid>/stat`). */
export interface ProcStat {
  /** The command name (`node`, `libvips worker`), at most 15 characters. */
  readonly name: string;
  readonly ppid: number;
  /** User plus system time of the process (or thread) itself, in clock ticks. */
  readonly ownTicks: number;
  /** That of its children that exited and were waited for (cutime + cstime). */
  readonly exitedChildrenTicks: number;
}

/**
 * The name, parent pid and CPU ticks from the text of a `/proc/<pid>/stat`, or `undefined`
 * when it is not one.
 *
 * @example
 * parseStat('42 (node (x) y) S 7 2 3 4 5 6 7 8 9 10 250 50 20 10 20 0');
 * // { name: 'node (x) y', ppid: 7, ownTicks: 300, exitedChildrenTicks: 30 }
 */
export function parseStat(text: string): ProcStat | undefined {
  // The name may hold spaces and parentheses; the fields after its last ')' do not. After it,
  // proc(5)'s field 4 is ppid and fields 14 to 17 are utime, stime, cutime and cstime.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const [ppid, user, system, childUser, childSystem] = [1, 11, 12, 13, 14].map((at) =>
    Number(fields[at] ?? NaN),
  ) as [number, number, number, number, number];
  if (close < 0 || ![ppid, user, system, childUser, childSystem].every(Number.isInteger)) {
    return undefined;
  }
  return {
    name: text.slice(text.indexOf('(') + 1, close),
    ppid,
    ownTicks: user + system,
    exitedChildrenTicks: childUser + childSystem,
  };
}
