import { processMemory, residentMemory } from './resident-memory';

describe('residentMemory', () => {
  it('given a /proc status text, then it reads the resident memory now and at its peak in MB', () => {
    const status = 'Name:\tnode\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\nThreads:\t11\n';

    expect(residentMemory(status)).toEqual({ rssMb: 256, peakMb: 512 });
  });

  it('given a status text without the memory lines, then it says nothing', () => {
    expect(residentMemory('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeUndefined();
  });
});

describe('processMemory', () => {
  it('given this process, then a peak of at least its current heap', () => {
    expect(processMemory(process.pid)?.peakMb).toBeGreaterThanOrEqual(
      Math.floor(process.memoryUsage().heapUsed / 2 ** 20),
    );
  });

  it('given a process that does not exist, then it says nothing', () => {
    expect(processMemory(2 ** 30)).toBeUndefined();
  });
});
