/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order. Once
 * `signal` aborts no further item starts (those running finish); unstarted ones are
 * left `undefined`.
 *
 * @example
 * const sizes = await mapWithConcurrency(files, 4, (file) => upload(file));
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
