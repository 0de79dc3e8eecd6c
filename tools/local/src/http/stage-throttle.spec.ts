import { StageThrottle } from './stage-throttle';

describe('StageThrottle', () => {
  function throttleAt(clock: { ms: number }) {
    return new StageThrottle({ rateLimit: 50, burstLimit: 100 }, () => clock.ms);
  }

  function admitted(throttle: StageThrottle, requests: number): number {
    return Array.from({ length: requests }, () => throttle.admit()).filter(Boolean).length;
  }

  it('given 150 requests at one instant, then the burst of 100 is admitted and 50 refused', () => {
    const throttle = throttleAt({ ms: 0 });

    expect(admitted(throttle, 150)).toBe(100);
  });

  it('given an emptied bucket, then it admits the rate: 1 after 20 ms, 25 after half a second', () => {
    const clock = { ms: 0 };
    const throttle = throttleAt(clock);
    admitted(throttle, 100);

    clock.ms = 20;
    expect(admitted(throttle, 5)).toBe(1);
    clock.ms = 520;
    expect(admitted(throttle, 100)).toBe(25);
  });

  it('given a long quiet spell, then the bucket holds no more than the burst', () => {
    const clock = { ms: 0 };
    const throttle = throttleAt(clock);
    admitted(throttle, 100);

    clock.ms = 60_000;
    expect(admitted(throttle, 200)).toBe(100);
  });
});
