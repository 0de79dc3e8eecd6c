import { timeInterleaved } from './interleaved-timing';

describe('timeInterleaved', () => {
  it('given two contenders, when timed, then rounds alternate who starts and warm-up runs are dropped', async () => {
    const order: string[] = [];
    let clock = 0;
    const contender = (name: string, cost: number) => ({
      name,
      run: async () => {
        order.push(name);
        clock += cost;
      },
    });

    const samples = await timeInterleaved(
      [contender('job', 10), contender('bare', 4)],
      { warmup: 1, iterations: 2 },
      () => clock,
    );

    expect(order).toEqual(['job', 'bare', 'bare', 'job', 'job', 'bare']);
    expect(Object.fromEntries(samples)).toEqual({ job: [10, 10], bare: [4, 4] });
  });
});
