import type { BenchCommand } from './bench-args';
import { parseBenchArgs, UsageError, USAGE } from './bench-args';
import { describeEnvironment } from './environment';
import { compareImages } from './image-diff';
import type { Contender, TimingPlan } from './interleaved-timing';
import { timeInterleaved } from './interleaved-timing';
import type { BatchPhoto } from './batch-memory';
import { batchMemoryRows } from './batch-memory';
import type { BatchRssPlan } from './batch-rss';
import { reportBatchRss } from './batch-rss';
import { measurePeakRss, printMeasurement, reportPeakRss } from './peak-rss';
import type { BenchJob } from './service-jobs';
import { loadBenchJobs } from './service-jobs';
import {
  encodeRenditions,
  referenceWidths,
  SIZE_STRATEGIES,
  STRATEGY_WIDTHS,
} from './size-strategies';
import { formatMegabytes, formatRatio, formatTable, median, pairedRatio } from './stats';
import { PHOTO_SIZES, syntheticPhotoJpeg } from './synthetic-photo';

// What a Lambda function of the resize service gets (DESIGN.md §8 and the issue).
const MEMORY_TARGET_MB = 512;
const RATIO_TARGET = 1.1;

// A camera's photo, and the largest accepted input twice: baseline (shrink-on-load reads a
// fraction of it) and progressive (the whole image is held while decoding), the worst case.
const BATCH_PHOTOS: readonly BatchPhoto[] = [
  { name: '24 MP', size: PHOTO_SIZES['24 MP'], progressive: false },
  { name: '100 MP', size: PHOTO_SIZES['100 MP'], progressive: false },
  { name: '100 MP prog', size: PHOTO_SIZES['100 MP'], progressive: true },
];

type Photo = { readonly name: keyof typeof PHOTO_SIZES; readonly bytes: Buffer };

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function run(command: Extract<BenchCommand, { kind: 'run' }>): Promise<void> {
  say(`imgpipe bench: ${describeEnvironment()}`);
  if (!command.memoryOnly) await timings(command);
  await memory();
}

async function timings(command: Extract<BenchCommand, { kind: 'run' }>): Promise<void> {
  say(
    `${command.iterations} timed runs per contender after ${command.warmup} warm-up, interleaved round-robin; ` +
      'times are medians in ms (CPU = all threads of the process), ratios the median of per-round ratios.',
  );
  const jobs = await loadBenchJobs();
  const photos: Photo[] = [];
  for (const name of ['1 MP', '12 MP'] as const)
    photos.push({ name, bytes: await syntheticPhotoJpeg(PHOTO_SIZES[name]) });
  say(
    `photos: ${photos.map((photo) => `${photo.name} ${describeSize(photo.name)} JPEG ${formatMegabytes(photo.bytes.length)}`).join(', ')}`,
  );

  const plan: TimingPlan = { warmup: command.warmup, iterations: command.iterations };
  const target = `wall ≤ ${formatRatio(RATIO_TARGET)}`;
  const jobRows = [
    ['photo', 'job', 'job ms', 'bare ms', 'wall ratio', target, 'CPU ratio', 'output job / bare'],
  ];
  const strategyRows = [
    ['photo', 'strategy', 'wall ms', 'CPU ms', 'wall vs cascade', 'CPU vs cascade'],
  ];
  for (const photo of photos) {
    const samples = await timeInterleaved(contenders(jobs, photo.bytes), plan);
    const wall = (name: string) => (samples.get(name) ?? []).map((sample) => sample.wallMs);
    const cpu = (name: string) => (samples.get(name) ?? []).map((sample) => sample.cpuMs);
    for (const { name, job, bare } of jobs) {
      const ratio = pairedRatio(wall(`${name} job`), wall(`${name} bare`));
      jobRows.push([
        photo.name,
        name,
        median(wall(`${name} job`)).toFixed(0),
        median(wall(`${name} bare`)).toFixed(0),
        formatRatio(ratio),
        ratio <= RATIO_TARGET ? 'yes' : 'NO',
        formatRatio(pairedRatio(cpu(`${name} job`), cpu(`${name} bare`))),
        `${formatMegabytes(await job(photo.bytes))} / ${formatMegabytes(await bare(photo.bytes))}`,
      ]);
    }
    const cascade = strategyContender('cascade');
    for (const contender of Object.keys(SIZE_STRATEGIES).map(strategyContender)) {
      strategyRows.push([
        photo.name,
        contender === cascade ? 'cascade' : contender.replace('strategy ', ''),
        median(wall(contender)).toFixed(0),
        median(cpu(contender)).toFixed(0),
        formatRatio(pairedRatio(wall(contender), wall(cascade))),
        formatRatio(pairedRatio(cpu(contender), cpu(cascade))),
      ]);
    }
  }
  say();
  say('Service job vs a bare sharp pipeline doing the same operations:');
  say(formatTable(jobRows));
  say();
  say(
    "Deriving resize's sizes (3 widths + thumbnail, each encoded WebP + JPEG; cascade is resize's bare pipeline):",
  );
  say(formatTable(strategyRows));
  say();
  say('Quality of each strategy per width against a full decode resized directly (lanczos3):');
  say(formatTable(await qualityRows(photos)));
  say(
    '  widest = 1600 px, or the source width when narrower. PSNR in dB (higher is closer; same = identical\n' +
      '  pixels); mean |Δ| (out of 255) and contrast (σ / σ of the reference; below 1 is softer) per width.',
  );
}

async function memory(): Promise<void> {
  say();
  const rss = await measurePeakRss(await syntheticPhotoJpeg(PHOTO_SIZES['24 MP']));
  say(
    `Peak RSS, resize job on a ${describeSize('24 MP')} 24 MP JPEG in a fresh process: ${rss.peakMb.toFixed(0)} MB ` +
      `(${rss.baselineMb.toFixed(0)} MB after loading); target < ${MEMORY_TARGET_MB} MB: ${rss.peakMb < MEMORY_TARGET_MB ? 'yes' : 'NO'}`,
  );
  say();
  say(
    `Peak RSS of one process handling a full batch through the batch handler and the service's job, ` +
      `at its bound (MAX_CONCURRENT_IMAGES=${process.env['MAX_CONCURRENT_IMAGES'] ?? 'its default'}) and all at once; ` +
      `photos ${describeSize('24 MP')} and ${describeSize('100 MP')} JPEG (prog = progressive):`,
  );
  say(formatTable(await batchMemoryRows(BATCH_PHOTOS)));
}

function strategyContender(name: string): string {
  // The cascade is resize's bare pipeline, so it is timed once, under that name.
  return name === 'cascade' ? 'resize bare' : `strategy ${name}`;
}

function contenders(jobs: readonly BenchJob[], bytes: Buffer): Contender[] {
  return [
    ...jobs.flatMap((job) => [
      { name: `${job.name} job`, run: () => job.job(bytes) },
      { name: `${job.name} bare`, run: () => job.bare(bytes) },
    ]),
    ...Object.entries(SIZE_STRATEGIES)
      .filter(([name]) => name !== 'cascade')
      .map(([name, derive]) => ({
        name: strategyContender(name),
        run: async () => encodeRenditions(await derive(bytes)),
      })),
  ];
}

async function qualityRows(photos: readonly Photo[]): Promise<string[][]> {
  const rows = [
    [
      'photo',
      'strategy',
      ...STRATEGY_WIDTHS.map((width, index) => (index === 0 ? 'widest PSNR' : `${width}w PSNR`)),
      'mean |Δ|',
      'contrast',
    ],
  ];
  for (const photo of photos) {
    const reference = await referenceWidths(photo.bytes);
    for (const [name, derive] of Object.entries(SIZE_STRATEGIES)) {
      const renditions = await derive(photo.bytes);
      const differences = reference.map((expected, index) =>
        compareImages(renditions[index]?.data ?? Buffer.alloc(0), expected.data),
      );
      rows.push([
        photo.name,
        name,
        ...differences.map((difference) =>
          Number.isFinite(difference.psnr) ? difference.psnr.toFixed(1) : 'same',
        ),
        differences.map((difference) => difference.meanAbsolute.toFixed(2)).join(' / '),
        differences.map((difference) => difference.contrast.toFixed(3)).join(' / '),
      ]);
    }
  }
  return rows;
}

function describeSize(name: keyof typeof PHOTO_SIZES): string {
  return `${PHOTO_SIZES[name].width}×${PHOTO_SIZES[name].height}`;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseBenchArgs(argv);
    if (command.kind === 'help') say(USAGE);
    else if (command.kind === 'rss-child') printMeasurement(await reportPeakRss(command.file));
    else if (command.kind === 'batch-rss-child') {
      printMeasurement(await reportBatchRss(JSON.parse(command.plan) as BatchRssPlan));
    } else await run(command);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`imgpipe-bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `imgpipe-bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
