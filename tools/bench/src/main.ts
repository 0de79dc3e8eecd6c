import { relative } from 'node:path';
import type { BenchCommand, BenchPart } from './bench-args';
import { BENCH_PARTS, parseBenchArgs, UsageError, USAGE } from './bench-args';
import type { ReportSection } from './bench-report';
import { resultsBaseName, sectionText, writeResults } from './bench-report';
import { buildBundles, coldStartSection } from './cold-start';
import { costSection } from './cost-section';
import { describeEnvironment, environmentFacts } from './environment';
import type { HandlerPlan, HandlerResults } from './handler-overhead';
import { handlerOverhead, reportHandlerOverhead } from './handler-overhead';
import { compareImages } from './image-diff';
import type { Contender, TimingPlan } from './interleaved-timing';
import { timeInterleaved } from './interleaved-timing';
import type { BatchPhoto } from './batch-memory';
import { batchMemoryRows } from './batch-memory';
import type { BatchRssPlan } from './batch-rss';
import { reportBatchRss } from './batch-rss';
import { mixedPhotos } from './mixed-photos';
import { peersSection } from './peers';
import { measurePeakRss, printMeasurement, reportPeakRss } from './peak-rss';
import { pipelineThroughput } from './pipeline-throughput';
import { resizeBreakdown } from './resize-breakdown';
import type { BenchJob } from './service-jobs';
import { loadBenchJobs, loadWatermarkMark } from './service-jobs';
import {
  encodeRenditions,
  referenceWidths,
  SIZE_STRATEGIES,
  STRATEGY_WIDTHS,
} from './size-strategies';
import { formatMegabytes, formatRatio, median, pairedRatio } from './stats';
import { PHOTO_SIZES, syntheticPhotoJpeg, withOrientation } from './synthetic-photo';

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

type Photo = { readonly name: string; readonly bytes: Buffer };
type RunCommand = Extract<BenchCommand, { kind: 'run' }>;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function run(command: RunCommand, argv: readonly string[]): Promise<void> {
  const startedAt = new Date().toISOString();
  const environment = environmentFacts();
  say(`imgpipe bench: ${describeEnvironment(environment)}`);
  say(`parts: ${command.parts.join(', ')}`);
  const plan: TimingPlan = { warmup: command.warmup, iterations: command.iterations };
  const sections: ReportSection[] = [];
  const report = (section: ReportSection) => {
    sections.push(section);
    say();
    say(sectionText(section));
  };
  const wants = (part: BenchPart) => command.parts.includes(part);
  // A phone photo: 12 MP, stored upright and stored turned under EXIF orientation 6 (as a
  // phone stores a shot held sideways): the same picture on display, so the same outputs.
  const phone = async (): Promise<Photo[]> => {
    const picture = await syntheticPhotoJpeg(PHOTO_SIZES['12 MP']);
    return [
      { name: '12 MP', bytes: await withOrientation(picture, 1) },
      { name: '12 MP orientation 6', bytes: await withOrientation(picture, 6) },
    ];
  };

  if (wants('jobs')) for (const section of await jobSections(plan)) report(section);
  if (wants('breakdown')) report(await resizeBreakdown(await phone(), plan));
  if (wants('peers')) {
    const photos = [
      ...(await phone()),
      { name: '4 MP', bytes: await syntheticPhotoJpeg({ width: 2304, height: 1728 }, 2) },
    ];
    report(await peersSection(photos, plan, command.python, command.convert));
  }
  if (wants('cold-start')) {
    if (command.build) {
      say();
      say('building the service bundles (nx build into dist/bench/bundles) …');
      await buildBundles();
    }
    report(await coldStartSection(Math.max(command.iterations, 5)));
  }
  if (wants('handler') || wants('cost')) {
    const photo = (await phone())[0] as Photo;
    const handler: HandlerResults = await handlerOverhead(photo.bytes, photo.name, plan);
    if (wants('handler')) report(handler.section);
    if (wants('cost')) report(costSection(handler.figures, photo.name));
  }
  if (wants('e2e')) {
    say();
    say(`generating ${command.photos} mixed photos …`);
    const photos = await mixedPhotos(command.photos);
    for (const section of await pipelineThroughput(photos, await loadWatermarkMark()))
      report(section);
  }
  if (wants('memory')) for (const section of await memorySections()) report(section);

  if (command.resultsDir !== undefined) {
    const files = writeResults(
      command.resultsDir,
      resultsBaseName(command.parts, BENCH_PARTS.length),
      {
        startedAt,
        finishedAt: new Date().toISOString(),
        command: ['npm run bench --', ...argv].join(' '),
        environment,
        sections,
      },
    );
    say();
    say(`results: ${files.map((file) => relative(process.cwd(), file)).join(', ')}`);
  }
}

async function jobSections(plan: TimingPlan): Promise<ReportSection[]> {
  const jobs = await loadBenchJobs();
  const photos: Photo[] = [];
  for (const name of ['1 MP', '12 MP'] as const)
    photos.push({ name, bytes: await syntheticPhotoJpeg(PHOTO_SIZES[name]) });
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
  const timing = `${plan.iterations} timed runs per contender after ${plan.warmup} warm-up, interleaved round-robin; times are medians in ms (CPU = all threads of the process), ratios the median of per-round ratios.`;
  const photoLine = `photos: ${photos.map((photo) => `${photo.name} ${describeSize(photo.name as keyof typeof PHOTO_SIZES)} JPEG ${formatMegabytes(photo.bytes.length)}`).join(', ')}`;
  return [
    {
      part: 'jobs',
      title: 'Service job vs a bare sharp pipeline doing the same operations',
      rows: jobRows,
      notes: [timing, photoLine],
    },
    {
      part: 'jobs',
      title:
        "Deriving resize's sizes (3 widths + thumbnail, each encoded WebP + JPEG; cascade is resize's bare pipeline)",
      rows: strategyRows,
      notes: [],
    },
    {
      part: 'jobs',
      title: 'Quality of each strategy per width against a full decode resized directly (lanczos3)',
      rows: await qualityRows(photos),
      notes: [
        'widest = 1600 px, or the source width when narrower. PSNR in dB (higher is closer; same = identical pixels); mean |Δ| (out of 255) and contrast (σ / σ of the reference; below 1 is softer) per width.',
      ],
    },
  ];
}

async function memorySections(): Promise<ReportSection[]> {
  const rss = await measurePeakRss(await syntheticPhotoJpeg(PHOTO_SIZES['24 MP']));
  return [
    {
      part: 'memory',
      title: `Peak RSS, resize job on a ${describeSize('24 MP')} 24 MP JPEG in a fresh process`,
      rows: [
        ['measure', 'MB', `< ${MEMORY_TARGET_MB} MB`],
        ['after loading', rss.baselineMb.toFixed(0), ''],
        ['peak', rss.peakMb.toFixed(0), rss.peakMb < MEMORY_TARGET_MB ? 'yes' : 'NO'],
      ],
      notes: [],
      data: rss,
    },
    {
      part: 'memory',
      title:
        `Peak RSS of one process handling a full batch through the batch handler and the service's job, ` +
        `at its bound (MAX_CONCURRENT_IMAGES=${process.env['MAX_CONCURRENT_IMAGES'] ?? 'its default'}) and all at once; ` +
        `photos ${describeSize('24 MP')} and ${describeSize('100 MP')} JPEG (prog = progressive)`,
      rows: await batchMemoryRows(BATCH_PHOTOS),
      notes: [],
    },
  ];
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
    } else if (command.kind === 'handler-child') {
      printMeasurement(await reportHandlerOverhead(JSON.parse(command.plan) as HandlerPlan));
    } else await run(command, argv);
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
