import { createPacer, rateWaitMs } from './dlq-replay-rate';

describe('replay rate', () => {
  it('given messages sent ahead of the rate, then the wait is what catches the clock up', () => {
    expect(rateWaitMs(0, 0, 10)).toBe(0);
    expect(rateWaitMs(20, 1500, 10)).toBe(500);
    expect(rateWaitMs(20, 2500, 10)).toBe(0);
  });

  it('given a pacer at 5/s, when three batches of 5 go, then it waits 1 s before the second and third', async () => {
    let clock = 1000;
    const waits: number[] = [];
    const pace = createPacer(
      5,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );

    await pace(5);
    await pace(5);
    clock += 300;
    await pace(5);

    expect(waits).toEqual([1000, 700]);
  });
});
