/** One contender of a timing run. */
export interface Contender {
  readonly name: string;
  readonly run: () => Promise<unknown>;
  /** Untimed work before each run (e.g. uploading the object the run will process). */
  readonly prepare?: () => Promise<void>;
}

/** How many runs to make. */
export interface TimingPlan {
  /** Runs of each contender thrown away first (JIT, caches, libvips' operation cache). */
  readonly warmup: number;
  readonly iterations: number;
}

/** What one run cost. */
export interface Sample {
  /** Elapsed time. */
  readonly wallMs: number;
  /**
   * CPU time of the whole process (every libvips and libuv thread): what a Lambda function,
   * which gets a fraction of a core at 512 MB, pays for more than for wall time on 2 cores.
   */
  readonly cpuMs: number;
}

/** Where time is read from; a test passes a fake one. */
export interface Clock {
  readonly wallMs: () => number;
  readonly cpuMs: () => number;
}

/** This process's clocks: `performance.now()` and `process.cpuUsage()`. */
export const processClock: Clock = {
  wallMs: () => performance.now(),
  cpuMs: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
};

/**
 * Times contenders round-robin in one process: every round runs each contender once, the
 * starting one rotating, so a burst of load from a neighbour hits all of them alike and
 * none always runs first. Only one contender runs at a time, so the process's CPU time
 * over a run is that contender's. Returns each contender's kept samples.
 *
 * @example
 * const samples = await timeInterleaved([{ name: 'job', run: job }, { name: 'bare', run: bare }], { warmup: 1, iterations: 5 });
 * median((samples.get('job') ?? []).map((sample) => sample.wallMs));
 */
export async function timeInterleaved(
  contenders: readonly Contender[],
  plan: TimingPlan,
  clock: Clock = processClock,
): Promise<Map<string, Sample[]>> {
  const samples = new Map(contenders.map((contender) => [contender.name, [] as Sample[]]));
  for (let round = 0; round < plan.warmup + plan.iterations; round += 1) {
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(round + turn) % contenders.length];
      if (contender === undefined) continue;
      await contender.prepare?.();
      const wall = clock.wallMs();
      const cpu = clock.cpuMs();
      await contender.run();
      const sample = { wallMs: clock.wallMs() - wall, cpuMs: clock.cpuMs() - cpu };
      if (round >= plan.warmup) samples.get(contender.name)?.push(sample);
    }
  }
  return samples;
}
