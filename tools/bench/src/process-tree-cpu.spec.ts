import { cpuSince, serviceOf } from './process-tree-cpu';
import type { ProcessCpu } from './process-tree-cpu';

describe('serviceOf', () => {
  it('given an environment naming a Powertools service, when read, then that service is returned', () => {
    expect(serviceOf('PATH=/bin\0POWERTOOLS_SERVICE_NAME=resize-service\0HOME=/root\0')).toBe(
      'resize-service',
    );
  });

  it('given an environment without one, when read, then there is none', () => {
    expect(serviceOf('PATH=/bin\0')).toBeUndefined();
  });
});

describe('cpuSince', () => {
  const sample = (ticks: number, threads: ProcessCpu['threads']): ProcessCpu => ({
    pid: 10,
    ppid: 1,
    command: 'node worker.ts',
    service: 'resize-service',
    ticks,
    threads,
  });

  it('given two samples of a process, when compared, then its total and main-thread seconds are the differences', () => {
    const before = [
      sample(500, [
        { tid: 10, name: 'node', ticks: 300 },
        { tid: 11, name: 'libvips worker', ticks: 100 },
      ]),
    ];
    const after = [
      sample(1200, [
        { tid: 10, name: 'node', ticks: 450 },
        { tid: 11, name: 'libvips worker', ticks: 400 },
        { tid: 12, name: 'libvips worker', ticks: 200 },
      ]),
    ];

    const [delta] = cpuSince(before, after);

    expect(delta).toEqual({
      pid: 10,
      command: 'node worker.ts',
      service: 'resize-service',
      seconds: 7,
      mainSeconds: 1.5,
    });
  });

  it('given a process that started between the samples, when compared, then it counts from zero', () => {
    const [delta] = cpuSince([], [sample(250, [{ tid: 10, name: 'node', ticks: 250 }])]);

    expect(delta?.seconds).toBe(2.5);
    expect(delta?.mainSeconds).toBe(2.5);
  });
});
