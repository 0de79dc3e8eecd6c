/** One contender of a timing run. */
export interface Contender {
  readonly name: string;
  readonly run: () => Promise<unknown>;
}

/** How many runs to make. */
export interface TimingPlan {
  /** Runs of each contender thrown away first (JIT, caches, libvips' operation cache). */
  readonly warmup: number;
  readonly iterations: number;
}

/**
 * Times contenders round-robin in one process: every round runs each contender once, the
 * starting one rotating, so a burst of load from a neighbour hits all of them alike and
 * none always runs first. Returns each contender's kept samples in milliseconds.
 *
 * @example
 * const samples = await timeInterleaved([{ name: 'job', run: job }, { name: 'bare', run: bare }], { warmup: 1, iterations: 5 });
 * median(samples.get('job') ?? []);
 */
export async function timeInterleaved(
  contenders: readonly Contender[],
  plan: TimingPlan,
  now: () => number = () => performance.now(),
): Promise<Map<string, number[]>> {
  const samples = new Map(contenders.map((contender) => [contender.name, [] as number[]]));
  for (let round = 0; round < plan.warmup + plan.iterations; round += 1) {
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(round + turn) % contenders.length];
      if (contender === undefined) continue;
      const started = now();
      await contender.run();
      const elapsed = now() - started;
      if (round >= plan.warmup) samples.get(contender.name)?.push(elapsed);
    }
  }
  return samples;
}
