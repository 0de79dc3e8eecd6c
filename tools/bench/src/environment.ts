import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import sharp from 'sharp';

/**
 * One line saying where the figures were measured: node, sharp and libvips versions,
 * cores and CPU model, MALLOC_ARENA_MAX, sharp's thread count and the load average
 * (other work on a shared machine skews every figure, ratios least).
 *
 * @example
 * console.log(describeEnvironment());
 */
export function describeEnvironment(): string {
  const [one = 0, five = 0] = loadavg();
  return [
    `node ${process.version}`,
    `sharp ${sharp.versions.sharp ?? '?'} (libvips ${sharp.versions.vips})`,
    `${availableParallelism()} × ${cpuModel()}`,
    `MALLOC_ARENA_MAX=${process.env['MALLOC_ARENA_MAX'] ?? 'unset'}`,
    `sharp.concurrency()=${sharp.concurrency()}`,
    `load average ${one.toFixed(1)} / ${five.toFixed(1)}`,
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
