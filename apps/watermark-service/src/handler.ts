import { awsConfigFromEnv, createImagePorts } from '@imgpipe/aws';
import { byEventKind, createImageBatchHandler } from '@imgpipe/dlq';
import { createObservability } from '@imgpipe/observability';
import sharp from 'sharp';
import { loadWatermarkConfig } from './config';
import { createMarkLoader } from './mark-loader';
import { removeWatermarked, watermarkRecord } from './process-record';

// libvips' operation cache keeps the decoders of recent images alive: with a 100 MP
// progressive JPEG that is ~300 MB per image held after it is done, so memory grew with
// every image a container handled (tools/bench). Nothing here repeats an operation.
sharp.cache(false);

// Built once per cold start and reused by every invocation of this container.
const config = loadWatermarkConfig(process.env);
const observability = createObservability('watermark-service');
const ports = createImagePorts(
  awsConfigFromEnv(process.env),
  config.tableName,
  observability.captureClient,
);

const deps = {
  ...ports,
  processedBucket: config.processedBucket,
  limits: config.limits,
  options: config.options,
  mark: createMarkLoader(config.mark, {
    store: ports.store,
    bucket: config.processedBucket,
    limits: config.limits,
  }),
  cacheControl: config.cacheControl,
  trace: observability.trace,
};

/** Lambda entry point for the watermark queue's event source mapping. */
export const handler = createImageBatchHandler(
  observability,
  byEventKind({
    created: (event) => watermarkRecord(event, deps),
    removed: (event) => removeWatermarked(event, deps),
  }),
  {
    maxConcurrentImages: config.maxConcurrentImages,
  },
);
