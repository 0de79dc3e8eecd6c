import { readFile } from 'node:fs/promises';
import { createImageBatchHandler } from '@imgpipe/dlq';
import sharp from 'sharp';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { createObservability } from '@imgpipe/observability';
import { lambdaContextFactory, sqsRecordFactory } from '@imgpipe/testing';
import { ownPeakMb, runMeasuringChild } from './peak-rss';
import type { ServiceJobName } from './service-jobs';
import { loadServiceJob } from './service-jobs';

/** One service's full batch of one image, at one bound on images at once. */
export interface BatchRssPlan {
  readonly service: ServiceJobName;
  /** The image every record of the batch names (read once per record, as a download would be). */
  readonly file: string;
  readonly batchSize: number;
  readonly maxConcurrentImages: number;
}

/** What the child reports; memory in megabytes (2^20 bytes). */
export interface BatchRss {
  /** Resident memory with the job and the batch handler loaded, before any image. */
  readonly baselineMb: number;
  /** The process's high-water mark after the batch (its `VmHWM`, see `ownPeakMb`). */
  readonly peakMb: number;
  /** Most records seen inside the service's work at once: the bound, really applied. */
  readonly peakInFlight: number;
  readonly wallMs: number;
}

/**
 * Runs one full batch through the shared batch handler (`createImageBatchHandler` with
 * the plan's bound, Powertools' BatchProcessor running the records concurrently) and the
 * service's real job, in a fresh process, and returns its peak resident memory.
 *
 * @example
 * const rss = await measureBatchRss({ service: 'resize', file, batchSize: 2, maxConcurrentImages: 1 });
 */
export function measureBatchRss(plan: BatchRssPlan): Promise<BatchRss> {
  return runMeasuringChild<BatchRss>(['--batch-rss-child', JSON.stringify(plan)], {
    // The handler's lines and EMF metrics are not what is measured here.
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
}

/**
 * The child's side of {@link measureBatchRss}: prints the figures as one marked JSON line.
 *
 * @throws Error when any record of the batch failed: a figure for a failed batch means nothing.
 * @example
 * await reportBatchRss({ service: 'metadata', file: '/tmp/photo.jpg', batchSize: 10, maxConcurrentImages: 2 });
 */
export async function reportBatchRss(plan: BatchRssPlan): Promise<BatchRss> {
  // As each service's handler does at cold start (see apps/*/src/handler.ts).
  sharp.cache(false);
  const job = await loadServiceJob(plan.service);
  let inFlight = 0;
  let peakInFlight = 0;
  const handler = createImageBatchHandler(
    createObservability(`${plan.service}-service`),
    async () => {
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      try {
        const bytes = await readFile(plan.file);
        const bytesOut = await job(bytes);
        return { status: 'done', durationMs: 0, bytesIn: bytes.length, bytesOut };
      } finally {
        inFlight -= 1;
      }
    },
    { maxConcurrentImages: plan.maxConcurrentImages },
  );
  const records = Array.from({ length: plan.batchSize }, (_, index) =>
    sqsRecordFactory(
      buildSqsBodyForObject({ bucket: 'bench', key: `photo ${index}.jpg`, sequencer: '01' }),
    ),
  );
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const response = await handler({ Records: records }, lambdaContextFactory(plan.service));
  const wallMs = performance.now() - started;
  if (response.batchItemFailures.length > 0) {
    throw new Error(`${response.batchItemFailures.length} of ${plan.batchSize} records failed`);
  }
  return { baselineMb, peakMb: ownPeakMb(), peakInFlight, wallMs };
}
