import { peakResidentMb, processPeakMb } from './stack-memory';

describe('stack memory', () => {
  it('given a status text, then VmHWM in MB; without it, undefined', () => {
    expect(peakResidentMb('Name:\tnode\nVmHWM:\t  524288 kB\nVmRSS:\t 1 kB\n')).toBe(512);
    expect(peakResidentMb('Name:\tnode\n')).toBeUndefined();
  });

  it('given this process, then a peak of at least its current heap', () => {
    expect(processPeakMb(process.pid)).toBeGreaterThanOrEqual(
      Math.floor(process.memoryUsage().heapUsed / 2 ** 20),
    );
  });
});
