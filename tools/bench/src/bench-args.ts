import { parseArgs } from 'node:util';

/** The parts of `npm run bench`, in the order they run. */
export const BENCH_PARTS = [
  'jobs',
  'breakdown',
  'peers',
  'cold-start',
  'handler',
  'cost',
  'e2e',
  'memory',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/** What one `imgpipe-bench` invocation should do. */
export type BenchCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      readonly iterations: number;
      readonly warmup: number;
      readonly quick: boolean;
      /** The parts to run, in {@link BENCH_PARTS} order. */
      readonly parts: readonly BenchPart[];
      /** Photos uploaded in the end-to-end figure. */
      readonly photos: number;
      /** Build the service bundles before timing their cold start (else use dist/ as it is). */
      readonly build: boolean;
      /** The Python with Pillow for the peer figures. */
      readonly python: string;
      /** ImageMagick's `convert` for the peer figures. */
      readonly convert: string;
      /** Where the Markdown and JSON results go; `undefined` writes none. */
      readonly resultsDir: string | undefined;
    }
  /** Internal: the child process that measures peak memory of one resize. */
  | { readonly kind: 'rss-child'; readonly file: string }
  /** Internal: the child process that measures peak memory of one service's full batch (JSON plan). */
  | { readonly kind: 'batch-rss-child'; readonly plan: string }
  /** Internal: the child process that times one service's handler against its job (JSON plan). */
  | { readonly kind: 'handler-child'; readonly plan: string };

/** A command line the bench cannot run; the message says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const DEFAULT_ITERATIONS = 7;
const QUICK_ITERATIONS = 3;
/** The floor for the end-to-end figure. */
const MIN_PHOTOS = 40;
const DEFAULT_RESULTS_DIR = 'tools/bench/results';
/** Debian's, where bin/install-peers.sh puts the peers (a python3 earlier on PATH may lack Pillow). */
const DEBIAN_PYTHON = '/usr/bin/python3';
const DEBIAN_CONVERT = '/usr/bin/convert';

/** The `--help` text. */
export const USAGE = `Usage: npm run bench -- [options]

Measures imgpipe against baselines run in the same process or run, and prints ratios:
  jobs        each service's pure job vs a bare sharp pipeline doing the same operations
              (1 MP and 12 MP), how resize derives its sizes, and their quality
  breakdown   where the resize job's time goes: decode, each resize, each encoder
  peers       Pillow (seeds' 300×300 resize; imgpipe's outputs) and ImageMagick
              \`convert -auto-orient -resize\` on the same photos vs imgpipe; a peer that is
              not installed is reported absent
  cold-start  \`require\` of each built service bundle in fresh node processes vs the floor:
              node + sharp + the SDK clients the service uses; bundle sizes
  handler     each service's Lambda handler (SQS→SNS→S3 parsing, batch handler,
              Powertools, S3 and DynamoDB of the local stack) vs its pure job, per image
  cost        USD per million images per service on Lambda arm64 at its memory, from the
              handler's CPU time per image (runs the handler part)
  e2e         local pipeline throughput (npm start's stack, all three services) on mixed
              photos vs the bare sharp work of the three services in one process
  memory      peak RSS of a 24 MP resize, and of a full batch per service
Results also go to ${DEFAULT_RESULTS_DIR}/ as Markdown and JSON, with the machine.

Options:
  --only <parts>    comma-separated parts to run (default: all), e.g. --only cold-start,e2e
  --iterations <n>  timed runs of each contender after warm-up (default ${DEFAULT_ITERATIONS})
  --quick           ${QUICK_ITERATIONS} iterations and one warm-up run: a smoke run, numbers are rough
  --photos <n>      photos in the end-to-end figure (default and minimum ${MIN_PHOTOS})
  --no-build        time the bundles already in dist/apps instead of building them first
  --python <path>   the Python whose Pillow is the peer (default: ${DEBIAN_PYTHON}, where
                    bin/install-peers.sh installs it)
  --convert <path>  ImageMagick's convert (default: ${DEBIAN_CONVERT})
  --results <dir>   where to write the results (default ${DEFAULT_RESULTS_DIR})
  --no-results      print only, write no files
  --memory-only     the same as --only memory
  -h, --help        show this text
`;

/**
 * Parses the command line.
 *
 * @throws UsageError for unknown options or parts, or a bad count.
 * @example
 * parseBenchArgs(['--only', 'cold-start,e2e']); // { kind: 'run', parts: ['cold-start', 'e2e'], … }
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
        only: { type: 'string' },
        photos: { type: 'string' },
        'no-build': { type: 'boolean' },
        python: { type: 'string' },
        convert: { type: 'string' },
        results: { type: 'string' },
        'no-results': { type: 'boolean' },
        'memory-only': { type: 'boolean' },
        'rss-child': { type: 'string' },
        'batch-rss-child': { type: 'string' },
        'handler-child': { type: 'string' },
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
  if (values['handler-child'] !== undefined) {
    return { kind: 'handler-child', plan: values['handler-child'] };
  }
  const quick = values.quick === true;
  const iterations =
    values.iterations === undefined
      ? quick
        ? QUICK_ITERATIONS
        : DEFAULT_ITERATIONS
      : whole('--iterations', values.iterations, 1);
  if (values['memory-only'] === true && values.only !== undefined) {
    throw new UsageError('--memory-only and --only cannot be combined');
  }
  return {
    kind: 'run',
    iterations,
    warmup: quick ? 1 : 2,
    quick,
    parts: values['memory-only'] === true ? ['memory'] : parseParts(values.only),
    photos: values.photos === undefined ? MIN_PHOTOS : whole('--photos', values.photos, MIN_PHOTOS),
    build: values['no-build'] !== true,
    python: values.python ?? DEBIAN_PYTHON,
    convert: values.convert ?? DEBIAN_CONVERT,
    resultsDir: values['no-results'] === true ? undefined : (values.results ?? DEFAULT_RESULTS_DIR),
  };
}

function parseParts(text: string | undefined): BenchPart[] {
  if (text === undefined) return [...BENCH_PARTS];
  const asked = text.split(',').map((part) => part.trim());
  const unknown = asked.filter((part) => !(BENCH_PARTS as readonly string[]).includes(part));
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(
      `--only takes parts among ${BENCH_PARTS.join(', ')}; got ${JSON.stringify(text)}`,
    );
  }
  return BENCH_PARTS.filter((part) => asked.includes(part));
}

function whole(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > 1000) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to 1000, got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}
