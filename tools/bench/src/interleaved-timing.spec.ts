import { timeInterleaved } from './interleaved-timing';

describe('timeInterleaved', () => {
  it('given two contenders, when timed, then rounds alternate who starts and warm-up runs are dropped', async () => {
    const order: string[] = [];
    const clock = { wall: 0, cpu: 0 };
    const contender = (name: string, wall: number, cpu: number) => ({
      name,
      run: async () => {
        order.push(name);
        clock.wall += wall;
        clock.cpu += cpu;
      },
    });

    const samples = await timeInterleaved(
      [contender('job', 10, 18), contender('bare', 4, 7)],
      { warmup: 1, iterations: 2 },
      { wallMs: () => clock.wall, cpuMs: () => clock.cpu },
    );

    expect(order).toEqual(['job', 'bare', 'bare', 'job', 'job', 'bare']);
    expect(Object.fromEntries(samples)).toEqual({
      job: [
        { wallMs: 10, cpuMs: 18 },
        { wallMs: 10, cpuMs: 18 },
      ],
      bare: [
        { wallMs: 4, cpuMs: 7 },
        { wallMs: 4, cpuMs: 7 },
      ],
    });
  });
});
