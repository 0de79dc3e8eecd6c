import { spawn } from 'node:child_process';
import { descendantPids, processCpuSeconds, processTreeCpuSeconds } from './process-tree';

describe('process tree', () => {
  it('given this process after some work, then some CPU seconds', () => {
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(0);
  });

  it('given a process that does not exist, then no CPU seconds', () => {
    expect(processTreeCpuSeconds(2 ** 30)).toBeUndefined();
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
    // Busy for 300 ms, then says how much CPU it used: written plainly, since console.log
    // colours numbers when a runner sets FORCE_COLOR (nx does).
    const child = spawn(process.execPath, [
      '-e',
      'const end = Date.now() + 300; while (Date.now() < end); const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1e6));',
    ]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // 'close' comes after its exit (node has waited for it, so the kernel has added its time
    // to ours) and after its stdout ended; 'exit' alone may come before the output has.
    await new Promise((resolve) => child.once('close', resolve));
    const childCpu = Number(output.trim());

    const own = processCpuSeconds(process.pid) ?? 0;
    const tree = processTreeCpuSeconds(process.pid) ?? 0;

    expect(childCpu).toBeGreaterThan(0);
    // Within a tick or two of rounding to the clock's resolution.
    expect(tree - own).toBeGreaterThanOrEqual(childCpu - 0.02);
  });
});
