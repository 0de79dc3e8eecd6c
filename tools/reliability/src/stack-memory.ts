import { readFileSync } from 'node:fs';

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
