import { availableParallelism } from 'node:os';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { awsConfigFromStack, createS3Client } from '@imgpipe/aws';
import { SERVICES } from '@imgpipe/registry';
import { waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { bareMetadata } from './bare-metadata';
import { bareWatermark } from './bare-watermark';
import type { MarkPixels } from './bare-watermark';
import type { ReportSection } from './bench-report';
import type { KindCpu } from './e2e-cpu-split';
import { cpuByKind, cpuSplitRows } from './e2e-cpu-split';
import type { MixedPhoto } from './mixed-photos';
import { mixCounts, PHOTO_MIX } from './mixed-photos';
import { encodeRenditions, SIZE_STRATEGIES } from './size-strategies';
import { cpuSince, mainThreadSeconds, processTreeCpu } from './process-tree-cpu';
import { formatMegabytes } from './stats';

/** The issue's target: the local pipeline keeps at least this share of bare sharp's throughput. */
export const E2E_TARGET = 0.85;
// Uploads in flight at once, as a client uploading a folder would.
const UPLOADS_AT_ONCE = 8;
// Generous: 40 photos through three services on a busy 2-core machine.
const PIPELINE_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs `work` on every item, at most `limit` at a time.
 *
 * @example
 * await forEachLimited(photos, 2, (photo) => bare(photo));
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The keys whose three stages the stack's console has reported done, from its outcome
 * lines (`resize     done         bench/e2e/001.jpg  …`); a rejected or retried image is
 * returned separately, since the throughput means nothing with one.
 *
 * @example
 * finishedStages('metadata   done         a.jpg  4000×3000 jpeg').done; // Set { 'metadata a.jpg' }
 */
export function finishedStages(output: string): { done: Set<string>; failed: string[] } {
  const done = new Set<string>();
  const failed: string[] = [];
  for (const match of output.matchAll(/^(\S+)\s+(done|rejected|will retry)\s+(\S+).*$/gm)) {
    const [, service = '', outcome, key = ''] = match;
    if (outcome === 'done') done.add(`${service} ${key}`);
    else failed.push(match[0]);
  }
  return { done, failed };
}

/**
 * How many stages each service has reported done, from {@link finishedStages}' keys.
 *
 * @example
 * doneByService(new Set(['resize a.jpg', 'resize b.jpg'])); // Map { 'resize' => 2 }
 */
export function doneByService(done: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stage of done) {
    const service = stage.slice(0, stage.indexOf(' '));
    counts.set(service, (counts.get(service) ?? 0) + 1);
  }
  return counts;
}

/** Wall and CPU time of one timed run. */
interface Timed {
  readonly ms: number;
  /** CPU seconds of this process meanwhile (all its threads). */
  readonly cpuSeconds: number;
  /** Of which its main thread's (0 without `/proc`). */
  readonly mainSeconds: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const main = mainThreadSeconds(process.pid) ?? 0;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const mainSeconds = (mainThreadSeconds(process.pid) ?? 0) - main;
  return { ms, cpuSeconds: (used.user + used.system) / 1e6, mainSeconds };
}

/** The pipeline run: its wall time, where the CPU went, when each service finished. */
interface PipelineRun extends Timed {
  /** The stack's processes' CPU by kind ({@link cpuByKind}). */
  readonly kinds: readonly KindCpu[];
  /** Per service, ms from the first upload to its last stage reported done. */
  readonly finishedMs: ReadonlyMap<string, number>;
}

/**
 * End to end: the same photos through the bare sharp work of all three services in this
 * process (each photo's resize, watermark and metadata work in turn, as many photos at
 * once as there are cores), then through the local stack `npm start` runs (S3 → SNS →
 * three SQS queues → the three unchanged handlers, their batch sizes and bounds) from the
 * first upload to the last stage reported done, then bare again; the ratio is the
 * pipeline's throughput over the mean of the two bare runs.
 *
 * @throws Error when an image is rejected or retried, or the pipeline does not finish.
 * @example
 * const section = await pipelineThroughput(await mixedPhotos(40), mark);
 */
export async function pipelineThroughput(
  photos: readonly MixedPhoto[],
  mark: MarkPixels,
): Promise<ReportSection[]> {
  const bare = () =>
    timed(() =>
      forEachLimited(photos, availableParallelism(), async (photo) => {
        await encodeRenditions(await SIZE_STRATEGIES.cascade(photo.bytes));
        await bareWatermark(photo.bytes, mark);
        await bareMetadata(photo.bytes);
      }),
    );
  const bareBeforeRun = await bare();
  const pipeline = await throughLocalStack(photos);
  const bareAfterRun = await bare();
  const bareBefore = bareBeforeRun.ms;
  const bareAfter = bareAfterRun.ms;
  const pipelineMs = pipeline.ms;
  const bareMs = (bareBefore + bareAfter) / 2;
  const bareCpuSeconds = (bareBeforeRun.cpuSeconds + bareAfterRun.cpuSeconds) / 2;
  const bareMainSeconds = (bareBeforeRun.mainSeconds + bareAfterRun.mainSeconds) / 2;
  const ratio = bareMs / pipelineMs;
  const perSecond = (ms: number) => ((photos.length * 1000) / ms).toFixed(2);
  const counts = mixCounts(PHOTO_MIX, photos.length);
  const megabytes = photos.reduce((sum, photo) => sum + photo.bytes.length, 0);
  const throughput: ReportSection = {
    part: 'e2e',
    title: `End to end: ${photos.length} mixed photos through the local pipeline vs the bare sharp work of the three services in one process`,
    rows: [
      ['run', 'seconds', 'photos / s', `pipeline / bare (≥ ${E2E_TARGET.toFixed(2)})`],
      ['bare sharp, before', (bareBefore / 1000).toFixed(1), perSecond(bareBefore), ''],
      [
        'local pipeline',
        (pipelineMs / 1000).toFixed(1),
        perSecond(pipelineMs),
        `${ratio.toFixed(2)} ${ratio >= E2E_TARGET ? 'yes' : 'NO'}`,
      ],
      ['bare sharp, after', (bareAfter / 1000).toFixed(1), perSecond(bareAfter), ''],
    ],
    notes: [
      `photos: ${PHOTO_MIX.map((kind, index) => `${counts[index] ?? 0} × ${kind.name}`).join(', ')}; ${formatMegabytes(megabytes)} in all.`,
      `bare = resize's cascade and encoders, the watermark pipeline, the metadata header + preview + sha256, in bare sharp, ${availableParallelism()} photos at once (the cores), nothing stored.`,
      `pipeline = wall time from the first upload (${UPLOADS_AT_ONCE} at once) to the last of the ${photos.length * SERVICES.length} stages reported done by the local stack (its services: ${SERVICES.map((service) => `${service.name} batch ${service.batchSize}, ${service.maxConcurrentImages} at once`).join('; ')}), emulators and IAM checks included.`,
    ],
    data: {
      photos: photos.length,
      megabytes,
      bareBeforeMs: bareBefore,
      bareAfterMs: bareAfter,
      pipelineMs,
      ratio,
    },
  };
  return [
    throughput,
    cpuSplitSection(
      pipeline,
      { ms: bareMs, cpuSeconds: bareCpuSeconds, mainSeconds: bareMainSeconds },
      photos.length,
    ),
  ];
}

function cpuSplitSection(pipeline: PipelineRun, bare: Timed, photos: number): ReportSection {
  const cores = availableParallelism();
  const finished = [...pipeline.finishedMs.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([service, ms]) => `${service} ${(ms / 1000).toFixed(1)} s`);
  return {
    part: 'e2e',
    title:
      "End to end, where the CPU went: the stack's processes during the pipeline run vs this process during the bare runs",
    rows: cpuSplitRows({
      kinds: pipeline.kinds,
      clientSeconds: pipeline.cpuSeconds,
      pipelineMs: pipeline.ms,
      bareSeconds: bare.cpuSeconds,
      bareMainSeconds: bare.mainSeconds,
      bareMs: bare.ms,
      cores,
    }),
    notes: [
      `CPU = user + system seconds from /proc, every thread (and every process below the stack's), from the first upload to the last stage done; "of bare" = that CPU ÷ the bare run's; cores busy = CPU ÷ (wall × ${cores} cores), the rest is idle or taken by other work on the machine.`,
      `each service's last of ${photos} stages done at (from the first upload): ${finished.join(', ')}, of ${(pipeline.ms / 1000).toFixed(1)} s.`,
    ],
    data: {
      kinds: pipeline.kinds,
      clientCpuSeconds: pipeline.cpuSeconds,
      bareCpuSeconds: bare.cpuSeconds,
      bareMainCpuSeconds: bare.mainSeconds,
      finishedMs: Object.fromEntries(pipeline.finishedMs),
      cores,
    },
  };
}

/**
 * The photos through the local stack with all three services: from the first upload to the
 * last stage reported done, with the stack's CPU by kind of process.
 *
 * @throws Error when an image is rejected or retried, or the pipeline does not finish.
 */
async function throughLocalStack(photos: readonly MixedPhoto[]): Promise<PipelineRun> {
  const local = await startLocalStack({ services: SERVICES.map((service) => service.name) });
  try {
    const s3 = createS3Client(awsConfigFromStack(local.stack));
    const treeBefore = processTreeCpu(local.stack.pid);
    const cpuBefore = process.cpuUsage();
    const mainBefore = mainThreadSeconds(process.pid) ?? 0;
    const started = performance.now();
    const finishedMs = new Map<string, number>();
    await forEachLimited(photos, UPLOADS_AT_ONCE, (photo) =>
      s3.send(
        new PutObjectCommand({
          Bucket: local.stack.buckets.source,
          Key: photo.key,
          Body: photo.bytes,
          ContentType: photo.contentType,
        }),
      ),
    );
    const expected = photos.length * SERVICES.length;
    let failures: string[] = [];
    // waitFor retries on a throw, so a failure ends the wait by value and is thrown after.
    await waitFor(
      () => {
        const { done, failed } = finishedStages(local.output());
        failures = failed;
        for (const [service, count] of doneByService(done))
          if (count >= photos.length && !finishedMs.has(service))
            finishedMs.set(service, performance.now() - started);
        return failed.length > 0 || done.size >= expected;
      },
      { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 50, what: `${expected} stages done` },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nthe stack's output:\n${local.output()}`);
    });
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    // Before the stack stops: a process that has ended takes its CPU out of /proc.
    const kinds = cpuByKind(cpuSince(treeBefore, processTreeCpu(local.stack.pid)), local.stack.pid);
    if (failures.length > 0) throw new Error(`not done: ${failures.join('; ')}`);
    const mainSeconds = (mainThreadSeconds(process.pid) ?? 0) - mainBefore;
    return { ms, cpuSeconds: (cpu.user + cpu.system) / 1e6, mainSeconds, kinds, finishedMs };
  } finally {
    await local.stop();
  }
}
