import { spawn } from 'node:child_process';
import {
  cpuSeconds,
  descendantPids,
  parentPid,
  peakResidentMb,
  processCpuSeconds,
  processPeakMb,
  processTreeCpuSeconds,
} from './process-usage';

describe('process usage', () => {
  it('given a status text, then VmHWM in MB; without it, undefined', () => {
    expect(peakResidentMb('Name:\tnode\nVmHWM:\t  524288 kB\nVmRSS:\t 1 kB\n')).toBe(512);
    expect(peakResidentMb('Name:\tnode\n')).toBeUndefined();
  });

  it('given this process, then a peak of at least its current heap', () => {
    expect(processPeakMb(process.pid)).toBeGreaterThanOrEqual(
      Math.floor(process.memoryUsage().heapUsed / 2 ** 20),
    );
  });

  it('given a stat line whose name has spaces and parentheses, then utime + stime in seconds', () => {
    expect(cpuSeconds('42 (node (x) y) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0')).toBe(3);
  });

  it('given this process after some work, then some CPU seconds', () => {
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(0);
  });

  it('given a stat line, then its parent pid', () => {
    expect(parentPid('42 (node (x) y) S 7 42 42 0 -1')).toBe(7);
  });

  it('given a child of this process, then it is among the descendants, and the tree has CPU seconds', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 30000)']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));

      expect(descendantPids(process.pid)).toContain(child.pid);
      // Own CPU read first: the tree's, read after, can only be as much or more.
      const own = processCpuSeconds(process.pid) ?? 0;
      expect(processTreeCpuSeconds(process.pid)).toBeGreaterThanOrEqual(own);
    } finally {
      child.kill();
    }
  });
});
