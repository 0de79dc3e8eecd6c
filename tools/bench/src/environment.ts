import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import sharp from 'sharp';

/** Where the figures were measured, as the results file records it. */
export interface EnvironmentFacts {
  readonly node: string;
  readonly sharp: string;
  readonly libvips: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly mallocArenaMax: string;
  readonly sharpConcurrency: number;
  /** One- and five-minute load averages when the run started. */
  readonly loadAverage: readonly [number, number];
  readonly platform: string;
}

/**
 * The facts of this machine and process that move the figures: versions, cores and CPU
 * model, memory, MALLOC_ARENA_MAX, sharp's thread count and the load average (other work
 * on a shared machine skews every figure, ratios least).
 *
 * @example
 * environmentFacts().cpus; // 2
 */
export function environmentFacts(): EnvironmentFacts {
  const [one = 0, five = 0] = loadavg();
  return {
    node: process.version,
    sharp: sharp.versions.sharp ?? '?',
    libvips: sharp.versions.vips,
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    mallocArenaMax: process.env['MALLOC_ARENA_MAX'] ?? 'unset',
    sharpConcurrency: sharp.concurrency(),
    loadAverage: [Number(one.toFixed(1)), Number(five.toFixed(1))],
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * One line saying where the figures were measured (see {@link environmentFacts}).
 *
 * @example
 * console.log(describeEnvironment());
 */
export function describeEnvironment(facts: EnvironmentFacts = environmentFacts()): string {
  return [
    `node ${facts.node}`,
    `sharp ${facts.sharp} (libvips ${facts.libvips})`,
    `${facts.cpus} × ${facts.cpuModel}, ${facts.memoryGiB} GiB, ${facts.platform}`,
    `MALLOC_ARENA_MAX=${facts.mallocArenaMax}`,
    `sharp.concurrency()=${facts.sharpConcurrency}`,
    `load average ${facts.loadAverage[0].toFixed(1)} / ${facts.loadAverage[1].toFixed(1)}`,
  ].join(', ');
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown CPU';
  } catch {
    return 'unknown CPU';
  }
}
