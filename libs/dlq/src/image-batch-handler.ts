import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ImageEvent } from '@imgpipe/event-schemas';
import { parseImageEvents } from '@imgpipe/event-schemas';
import type { Observability } from '@imgpipe/observability';
import { MetricName } from '@imgpipe/observability';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { classifyFailure } from './failure-classification';
import type { StageOutcome } from './run-stage';

/** Handles one image event of a message; see `runStage` for the usual body. */
export type ImageEventHandler = (event: ImageEvent, record: SQSRecord) => Promise<StageOutcome>;

/** A Lambda handler for an SQS event source mapping with `ReportBatchItemFailures`. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

function report(observability: Observability, imageEvent: ImageEvent, outcome: StageOutcome): void {
  const { logger, metrics } = observability;
  if (outcome.status === 'duplicate') {
    logger.info('duplicate or out-of-order event: record unchanged', { sequencer: imageEvent.sequencer });
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
  logger.info('image processed', { durationMs: outcome.durationMs, bytesIn: outcome.bytesIn, bytesOut: outcome.bytesOut });
}

async function handleMessage(
  observability: Observability,
  handleImage: ImageEventHandler,
  record: SQSRecord,
): Promise<void> {
  const { logger, metrics } = observability;
  logger.appendKeys({ messageId: record.messageId });
  try {
    // A malformed body throws here; it is reported as a failure so the message itself is
    // kept (in the DLQ after maxReceiveCount) rather than acknowledged and lost.
    for (const imageEvent of parseImageEvents(record.body)) {
      logger.appendKeys({ imageId: imageEvent.imageId });
      if (imageEvent.requestId) logger.setCorrelationId(imageEvent.requestId);
      report(observability, imageEvent, await handleImage(imageEvent, record));
    }
  } catch (error) {
    metrics.addMetric(MetricName.ImagesRetried, MetricUnit.Count, 1);
    logger.error('record failed: returned to the queue for retry', {
      failure: classifyFailure(error),
      receiveCount: record.attributes.ApproximateReceiveCount,
      error: error as Error,
    });
    throw error;
  } finally {
    logger.removeKeys(['messageId', 'imageId', 'correlation_id']);
  }
}

/**
 * Builds the Lambda handler shared by the image services: each SQS record is parsed
 * (SQS → SNS → S3, test events skipped) and handed to `handleImage` one image at a time;
 * records that throw are returned in `batchItemFailures`, so one bad record never fails
 * its batch. Logs carry `service`, `messageId`, `imageId` and the upload's request id as
 * correlation id; metrics are flushed once per invocation.
 *
 * @example
 * export const handler = createImageBatchHandler(observability, (event) =>
 *   runStage({ event, stage: 'image', records }, () => describeImage(event)),
 * );
 */
export function createImageBatchHandler(observability: Observability, handleImage: ImageEventHandler): SqsBatchHandler {
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
        (record: SQSRecord) => handleMessage(observability, handleImage, record),
        new BatchProcessor(EventType.SQS),
        { context, throwOnFullBatchFailure: false },
      );
    } finally {
      observability.metrics.publishStoredMetrics();
    }
  };
}
