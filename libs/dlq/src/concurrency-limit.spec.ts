import { createConcurrencyLimit } from './concurrency-limit';
import { deferred } from '@imgpipe/testing';

/** Real async work: hops through the event loop a few times, so waiting callers could start. */
async function eventLoopHops(count: number): Promise<void> {
  for (let hop = 0; hop < count; hop += 1)
    await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('createConcurrencyLimit', () => {
  it('given six calls under a limit of two, then never more than two run at once and all finish', async () => {
    const limit = createConcurrencyLimit(2);
    let running = 0;
    let peak = 0;

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        limit(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await eventLoopHops(5);
          running -= 1;
          return index;
        }),
      ),
    );

    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('given a full limit, when one call settles, then the next waiting call starts, and only then', async () => {
    const limit = createConcurrencyLimit(1);
    const firstMayFinish = deferred(2_000, 'the first call released');
    const started: string[] = [];

    const first = limit(async () => {
      started.push('first');
      await firstMayFinish.promise;
    });
    const second = limit(async () => {
      started.push('second');
    });
    await eventLoopHops(5);
    const beforeRelease = [...started];
    firstMayFinish.resolve();
    await Promise.all([first, second]);

    expect(beforeRelease).toEqual(['first']);
    expect(started).toEqual(['first', 'second']);
  });

  it('given a call that rejects, then its error reaches the caller and its slot is freed', async () => {
    const limit = createConcurrencyLimit(1);

    await expect(limit(() => Promise.reject(new Error('S3 timed out')))).rejects.toThrow(
      'S3 timed out',
    );
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });

  it.each([0, 1.5, Number.NaN])('given a limit of %p, then it is refused', (max) => {
    expect(() => createConcurrencyLimit(max)).toThrow(RangeError);
  });
});
