/**
 * How long to wait before the next send so that `sent` messages over `elapsedMs` stay within
 * `ratePerSecond`: message n may go at n / rate seconds after the start, no sooner.
 *
 * @example
 * rateWaitMs(20, 1500, 10); // 500: 20 messages at 10/s take 2 s, 1.5 s have passed
 */
export function rateWaitMs(sent: number, elapsedMs: number, ratePerSecond: number): number {
  return Math.max(0, (sent * 1000) / ratePerSecond - elapsedMs);
}

/** Waits, before each send of `count` messages, as long as the rate asks. */
export type Pacer = (count: number) => Promise<void>;

/**
 * A {@link Pacer} for a by-hand replay's `--rate`, counted from its creation.
 *
 * @example
 * const pace = createPacer(50);
 * await pace(batch.length); // then send the batch
 */
export function createPacer(
  ratePerSecond: number,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): Pacer {
  const start = now();
  let sent = 0;
  return async (count) => {
    const wait = rateWaitMs(sent, now() - start, ratePerSecond);
    if (wait > 0) await sleep(wait);
    sent += count;
  };
}
