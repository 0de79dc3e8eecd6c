/** Runs work with at most a fixed number of calls in flight; the rest wait their turn. */
export type ConcurrencyLimit = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A limit of `max` calls of `work` in flight at once; further calls wait, first come first
 * served, and start as earlier ones settle (resolved or rejected alike), so a failure never
 * blocks the queue.
 *
 * @throws RangeError when `max` is not a whole number of at least 1.
 * @example
 * const limit = createConcurrencyLimit(2);
 * await Promise.all(keys.map((key) => limit(() => resize(key)))); // two at a time
 */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`a concurrency limit must be a whole number of at least 1, got ${max}`);
  }
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    // The slot passes straight to the next caller, so `running` never overshoots.
    if (next) next();
    else running -= 1;
  };
  return async (work) => {
    if (running < max) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      release();
    }
  };
}
