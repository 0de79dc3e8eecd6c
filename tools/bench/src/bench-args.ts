import { parseArgs } from 'node:util';

/** What one `imgpipe-bench` invocation should do. */
export type BenchCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      readonly iterations: number;
      readonly warmup: number;
      readonly quick: boolean;
      /** Only the peak-memory figures, not the timings. */
      readonly memoryOnly: boolean;
    }
  /** Internal: the child process that measures peak memory of one resize. */
  | { readonly kind: 'rss-child'; readonly file: string }
  /** Internal: the child process that measures peak memory of one service's full batch (JSON plan). */
  | { readonly kind: 'batch-rss-child'; readonly plan: string };

/** A command line the bench cannot run; the message says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const DEFAULT_ITERATIONS = 7;
const QUICK_ITERATIONS = 3;

/** The `--help` text. */
export const USAGE = `Usage: npm run bench -- [options]

Times each service's pure job against a bare sharp pipeline doing the same operations, in
one process, interleaved, on generated 1 MP and 12 MP photo-like JPEGs; compares the ways
of deriving resize's sizes (time and quality); measures peak RSS of resizing a 24 MP JPEG
in a fresh process, and per service of a full batch of 24 MP and 100 MP JPEGs through the
batch handler at the service's MAX_CONCURRENT_IMAGES, against its memory size. Prints
medians and ratios; nothing is asserted.

Options:
  --iterations <n>  timed runs of each contender after warm-up (default ${DEFAULT_ITERATIONS})
  --quick           ${QUICK_ITERATIONS} iterations and one warm-up run: a smoke run, numbers are rough
  --memory-only     only the peak-memory figures (a few minutes; no timings)
  -h, --help        show this text
`;

/**
 * Parses the command line.
 *
 * @throws UsageError for unknown options or a bad iteration count.
 * @example
 * parseBenchArgs(['--iterations', '5']); // { kind: 'run', iterations: 5, warmup: 2, quick: false, memoryOnly: false }
 */
export function parseBenchArgs(argv: readonly string[]): BenchCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        quick: { type: 'boolean' },
        iterations: { type: 'string' },
        'memory-only': { type: 'boolean' },
        'rss-child': { type: 'string' },
        'batch-rss-child': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return { kind: 'help' };
  if (values['rss-child'] !== undefined) return { kind: 'rss-child', file: values['rss-child'] };
  if (values['batch-rss-child'] !== undefined) {
    return { kind: 'batch-rss-child', plan: values['batch-rss-child'] };
  }
  const quick = values.quick === true;
  const iterations =
    values.iterations === undefined
      ? quick
        ? QUICK_ITERATIONS
        : DEFAULT_ITERATIONS
      : positive(values.iterations);
  return {
    kind: 'run',
    iterations,
    warmup: quick ? 1 : 2,
    quick,
    memoryOnly: values['memory-only'] === true,
  };
}

function positive(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000) {
    throw new UsageError(
      `--iterations must be a whole number from 1 to 1000, got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}
