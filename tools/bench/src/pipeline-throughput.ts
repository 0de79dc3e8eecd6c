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
import type { MixedPhoto } from './mixed-photos';
import { mixCounts, PHOTO_MIX } from './mixed-photos';
import { encodeRenditions, SIZE_STRATEGIES } from './size-strategies';
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
  for (const match of output.matchAll(/^(\S+)\s+(done|rejected|will retry)\s+(\S+)/gm)) {
    const [, service = '', outcome, key = ''] = match;
    if (outcome === 'done') done.add(`${service} ${key}`);
    else failed.push(match[0]);
  }
  return { done, failed };
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
): Promise<ReportSection> {
  const bare = async (): Promise<number> => {
    const started = performance.now();
    await forEachLimited(photos, availableParallelism(), async (photo) => {
      await encodeRenditions(await SIZE_STRATEGIES.cascade(photo.bytes));
      await bareWatermark(photo.bytes, mark);
      await bareMetadata(photo.bytes);
    });
    return performance.now() - started;
  };
  const bareBefore = await bare();
  const pipelineMs = await throughLocalStack(photos);
  const bareAfter = await bare();
  const bareMs = (bareBefore + bareAfter) / 2;
  const ratio = bareMs / pipelineMs;
  const perSecond = (ms: number) => ((photos.length * 1000) / ms).toFixed(2);
  const counts = mixCounts(PHOTO_MIX, photos.length);
  const megabytes = photos.reduce((sum, photo) => sum + photo.bytes.length, 0);
  return {
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
}

async function throughLocalStack(photos: readonly MixedPhoto[]): Promise<number> {
  const local = await startLocalStack({ services: SERVICES.map((service) => service.name) });
  try {
    const s3 = createS3Client(awsConfigFromStack(local.stack));
    const started = performance.now();
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
        return failed.length > 0 || done.size >= expected;
      },
      { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 50, what: `${expected} stages done` },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nthe stack's output:\n${local.output()}`);
    });
    if (failures.length > 0) throw new Error(`not done: ${failures.join('; ')}`);
    return performance.now() - started;
  } finally {
    await local.stop();
  }
}
