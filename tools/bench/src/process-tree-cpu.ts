import {
  descendantPids,
  numericEntries,
  processStat,
  readProcText,
  USER_HZ,
} from '@imgpipe/process-stats';

/** One thread of a process, as `/proc/<pid>/task/<tid>/stat` tells it. */
export interface ThreadCpu {
  readonly tid: number;
  /** The thread's name (`node` for node's own threads, `libvips worker`, …). */
  readonly name: string;
  /** User plus system CPU in clock ticks. */
  readonly ticks: number;
}

/** One process of a tree at one moment. */
export interface ProcessCpu {
  readonly pid: number;
  readonly ppid: number;
  /** Its command line, arguments joined by spaces. */
  readonly command: string;
  /** The Lambda function it plays, from its `POWERTOOLS_SERVICE_NAME` (`resize-service`). */
  readonly service?: string;
  /** User plus system CPU of the process in clock ticks, threads that ended included. */
  readonly ticks: number;
  /** Its threads now running, with their own CPU. */
  readonly threads: readonly ThreadCpu[];
}

/**
 * The function a process plays, from the text of its `/proc/<pid>/environ`: the local stack
 * gives each function process its service's `POWERTOOLS_SERVICE_NAME`, as infra does.
 *
 * @example
 * serviceOf('PATH=/bin\0POWERTOOLS_SERVICE_NAME=resize-service\0'); // 'resize-service'
 */
export function serviceOf(environ: string): string | undefined {
  const entry = environ.split('\0').find((pair) => pair.startsWith('POWERTOOLS_SERVICE_NAME='));
  return entry?.slice('POWERTOOLS_SERVICE_NAME='.length) || undefined;
}

/**
 * CPU seconds the main thread of a running process has used (user plus system), or
 * `undefined` when it is gone or there is no `/proc`.
 *
 * @example
 * const main = mainThreadSeconds(process.pid);
 */
export function mainThreadSeconds(pid: number): number | undefined {
  const stat = processStat(`${pid}/task/${pid}`);
  return stat === undefined ? undefined : stat.ownTicks / USER_HZ;
}

function threadsOf(pid: number): ThreadCpu[] {
  return numericEntries(`/proc/${pid}/task`).flatMap((tid) => {
    const stat = processStat(`${pid}/task/${tid}`);
    return stat === undefined ? [] : [{ tid, name: stat.name, ticks: stat.ownTicks }];
  });
}

/**
 * Every process now running in the tree below `rootPid` (itself included), each with its
 * threads' CPU. Linux only; empty elsewhere or when the root is gone.
 *
 * @example
 * const before = processTreeCpu(local.stack.pid);
 */
export function processTreeCpu(rootPid: number): ProcessCpu[] {
  return [rootPid, ...descendantPids(rootPid)].flatMap((pid) => {
    const stat = processStat(pid);
    if (stat === undefined) return []; // Gone since the listing.
    const service = serviceOf(readProcText(`/proc/${pid}/environ`) ?? '');
    return [
      {
        pid,
        ppid: stat.ppid,
        command: (readProcText(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim(),
        ...(service === undefined ? {} : { service }),
        ticks: stat.ownTicks,
        threads: threadsOf(pid),
      },
    ];
  });
}

/** CPU seconds one process used between two samples. */
export interface ProcessCpuDelta {
  readonly pid: number;
  readonly command: string;
  readonly service?: string;
  readonly seconds: number;
  /**
   * Of which its main thread: JavaScript and what node runs on it (hashing, parsing); the
   * rest is libvips', libuv's pool's and V8's helper threads.
   */
  readonly mainSeconds: number;
}

/**
 * What each process of `after` used since `before`: a process missing from `before` started
 * in between and counts from zero; one missing from `after` ended in between and is lost
 * (its CPU is no longer in `/proc`), so sample before anything stops. Threads that ended in
 * between are in the process's total (the kernel adds them to it).
 *
 * @example
 * cpuSince(before, processTreeCpu(pid)); // [{ pid, command, seconds: 12.3, mainSeconds: 4.1 }]
 */
export function cpuSince(
  before: readonly ProcessCpu[],
  after: readonly ProcessCpu[],
): ProcessCpuDelta[] {
  const earlier = new Map(before.map((process) => [process.pid, process]));
  return after.map((process) => {
    const old = earlier.get(process.pid);
    const main = (sample: ProcessCpu | undefined) =>
      sample?.threads.find((thread) => thread.tid === sample.pid)?.ticks ?? 0;
    return {
      pid: process.pid,
      command: process.command,
      ...(process.service === undefined ? {} : { service: process.service }),
      seconds: (process.ticks - (old?.ticks ?? 0)) / USER_HZ,
      mainSeconds: (main(process) - main(old)) / USER_HZ,
    };
  });
}
