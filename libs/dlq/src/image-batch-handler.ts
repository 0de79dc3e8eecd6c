import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ImageEvent, ImageEventKind } from '@imgpipe/event-schemas';
import { parseImageEvents } from '@imgpipe/event-schemas';
import type { LogContext, Observability } from '@imgpipe/observability';
import { MetricName, withLogContext } from '@imgpipe/observability';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ConcurrencyLimit } from './concurrency-limit';
import { createConcurrencyLimit } from './concurrency-limit';
import { classifyFailure } from './failure-classification';
import type { StageOutcome } from './run-stage';

/** Handles one image event of a message; see `runStage` for the usual body. */
export type ImageEventHandler = (event: ImageEvent, record: SQSRecord) => Promise<StageOutcome>;

/**
 * One handler per event kind, as a single {@link ImageEventHandler}: uploads go to
 * `created`, source removals to `removed`.
 *
 * @example
 * const handleImage = byEventKind({
 *   created: (event) => resizeRecord(event, deps),
 *   removed: (event) => removeRenditions(event, deps),
 * });
 */
export function byEventKind(
  handlers: Readonly<Record<ImageEventKind, ImageEventHandler>>,
): ImageEventHandler {
  return (event, record) => handlers[event.kind](event, record);
}

/** A Lambda handler for an SQS event source mapping with `ReportBatchItemFailures`. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

function report(observability: Observability, imageEvent: ImageEvent, outcome: StageOutcome): void {
  const { logger, metrics } = observability;
  if (outcome.status === 'duplicate') {
    logger.info('duplicate or out-of-order event: record unchanged', {
      sequencer: imageEvent.sequencer,
    });
    return;
  }
  if (outcome.status === 'deleted') {
    metrics.addMetric(MetricName.ImagesDeleted, MetricUnit.Count, 1);
    logger.info('source removed: stage marked deleted and its outputs deleted', {
      removedKeys: outcome.removedKeys,
      durationMs: outcome.durationMs,
    });
    return;
  }
  metrics.addMetric(MetricName.ProcessingTime, MetricUnit.Milliseconds, outcome.durationMs);
  if (outcome.status === 'rejected') {
    metrics.addMetric(MetricName.ImagesRejected, MetricUnit.Count, 1);
    logger.warn('image rejected', { code: outcome.code, reason: outcome.reason });
    return;
  }
  metrics.addMetric(MetricName.ImagesProcessed, MetricUnit.Count, 1);
  metrics.addMetric(MetricName.BytesIn, MetricUnit.Bytes, outcome.bytesIn);
  metrics.addMetric(MetricName.BytesOut, MetricUnit.Bytes, outcome.bytesOut);
  logger.info('image processed', {
    durationMs: outcome.durationMs,
    bytesIn: outcome.bytesIn,
    bytesOut: outcome.bytesOut,
  });
}

/** Log keys of one image: its id and the upload's S3 request id as correlation id. */
function imageLogKeys(imageEvent: ImageEvent): LogContext {
  return {
    imageId: imageEvent.imageId,
    ...(imageEvent.requestId ? { correlation_id: imageEvent.requestId } : {}),
  };
}

function reportRetry(observability: Observability, record: SQSRecord, error: unknown): void {
  observability.metrics.addMetric(MetricName.ImagesRetried, MetricUnit.Count, 1);
  observability.logger.error('record failed: returned to the queue for retry', {
    failure: classifyFailure(error),
    receiveCount: record.attributes.ApproximateReceiveCount,
    error: error as Error,
  });
}

// Runs inside a log context of its own: BatchProcessor handles a batch's records
// concurrently, so keys appended to the shared logger would mix records' lines.
function handleMessage(
  observability: Observability,
  handleImage: ImageEventHandler,
  limit: ConcurrencyLimit,
  record: SQSRecord,
): Promise<void> {
  return withLogContext({ messageId: record.messageId }, async () => {
    let imageEvents: ImageEvent[];
    try {
      // A malformed body is reported as a failure so the message itself is kept (in the
      // DLQ after maxReceiveCount) rather than acknowledged and lost.
      imageEvents = parseImageEvents(record.body);
    } catch (error) {
      reportRetry(observability, record, error);
      throw error;
    }
    for (const imageEvent of imageEvents) {
      await withLogContext(imageLogKeys(imageEvent), async () => {
        try {
          report(observability, imageEvent, await limit(() => handleImage(imageEvent, record)));
        } catch (error) {
          reportRetry(observability, record, error);
          throw error;
        }
      });
    }
  });
}

/** How a service's batch handler shares its function's memory between records. */
export interface ImageBatchOptions {
  /**
   * Images handled at once by one function instance (see `maxConcurrentImagesFromEnv`);
   * the batch's other records wait, so memory holds this many decodes, not a batch's.
   */
  readonly maxConcurrentImages: number;
}

/** The default: safe in any function size, at the cost of a batch's images running in turn. */
const ONE_IMAGE_AT_A_TIME: ImageBatchOptions = { maxConcurrentImages: 1 };

/**
 * Builds the Lambda handler shared by the image services: each SQS record is parsed
 * (SQS → SNS → S3, test events skipped) and handed to `handleImage` one image at a time;
 * records that throw are returned in `batchItemFailures`, so one bad record never fails
 * its batch. Records run concurrently, but at most `maxConcurrentImages` images (default
 * 1) are in `handleImage` at once per function instance (across invocations too). Every line logged
 * through the service's logger while a record is handled carries `service` and that
 * record's `messageId`, `imageId` and the upload's request id as `correlation_id`;
 * metrics are flushed once per invocation.
 *
 * @example
 * export const handler = createImageBatchHandler(
 *   observability,
 *   (event) => describeImage(event, deps),
 *   { maxConcurrentImages: config.maxConcurrentImages },
 * );
 */
export function createImageBatchHandler(
  observability: Observability,
  handleImage: ImageEventHandler,
  options: ImageBatchOptions = ONE_IMAGE_AT_A_TIME,
): SqsBatchHandler {
  // Per function instance, not per invocation: the images of one container share its memory.
  const limit = createConcurrencyLimit(options.maxConcurrentImages);
  let coldStart = true;
  return async (event, context) => {
    observability.logger.addContext(context);
    if (coldStart) {
      coldStart = false;
      observability.metrics.captureColdStartMetric(context.functionName);
    }
    try {
      return await processPartialResponse(
        event,
        (record: SQSRecord) => handleMessage(observability, handleImage, limit, record),
        new BatchProcessor(EventType.SQS),
        { context, throwOnFullBatchFailure: false },
      );
    } finally {
      observability.metrics.publishStoredMetrics();
    }
  };
}
