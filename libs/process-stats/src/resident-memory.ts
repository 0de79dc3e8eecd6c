import { readProcText } from './proc-files';

/** A process's resident memory, now and at its highest, in MB. */
export interface ResidentMemory {
  readonly rssMb: number;
  /** The kernel's high-water mark (`VmHWM`): no peak between two samples is missed. */
  readonly peakMb: number;
}

function kbField(status: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/**
 * The resident memory a `/proc/<pid>/status` text states, or `undefined` when it lacks it.
 *
 * @example
 * residentMemory('VmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\n'); // { rssMb: 256, peakMb: 512 }
 */
export function residentMemory(status: string): ResidentMemory | undefined {
  const rss = kbField(status, 'VmRSS');
  const peak = kbField(status, 'VmHWM');
  if (rss === undefined || peak === undefined) return undefined;
  return { rssMb: Math.round(rss), peakMb: Math.round(peak) };
}

/**
 * The resident memory of a process (`'self'` for this one) from `/proc`, or `undefined` when
 * it is gone or the system has no `/proc`.
 *
 * @example
 * const memory = processMemory(child.pid);
 * if (memory && memory.rssMb > limitMb) child.kill('SIGKILL');
 */
export function processMemory(pid: number | 'self'): ResidentMemory | undefined {
  return residentMemory(readProcText(`/proc/${pid}/status`) ?? '');
}
