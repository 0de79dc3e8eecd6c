import { spawn } from 'node:child_process';
import {
  cpuSeconds,
  cpuTicks,
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

  it("given a stat line, then its own and its exited children's CPU ticks", () => {
    expect(cpuTicks('42 (node (x) y) S 1 2 3 4 5 6 7 8 9 10 250 50 20 10 20 0')).toEqual({
      own: 300,
      exitedChildren: 30,
    });
    expect(cpuTicks('42 (node) S 1 2 3')).toBeUndefined();
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

  it('given a child that used CPU and exited, then the tree still counts its CPU', async () => {
    // Busy for 300 ms, then says how much CPU it used.
    const child = spawn(process.execPath, [
      '-e',
      'const end = Date.now() + 300; while (Date.now() < end); const u = process.cpuUsage(); console.log((u.user + u.system) / 1e6);',
    ]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Node has waited for it by its exit event, so the kernel has added its time to ours.
    await new Promise((resolve) => child.once('exit', resolve));
    const childCpu = Number(output.trim());

    const own = processCpuSeconds(process.pid) ?? 0;
    const tree = processTreeCpuSeconds(process.pid) ?? 0;

    expect(childCpu).toBeGreaterThan(0);
    // Within a tick or two of rounding to the clock's resolution.
    expect(tree - own).toBeGreaterThanOrEqual(childCpu - 0.02);
  });
});
