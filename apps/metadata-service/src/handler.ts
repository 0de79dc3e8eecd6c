import { awsConfigFromEnv, createImagePorts } from '@imgpipe/aws';
import { byEventKind, createImageBatchHandler } from '@imgpipe/dlq';
import { createObservability } from '@imgpipe/observability';
import sharp from 'sharp';
import { loadMetadataConfig } from './config';
import { describeImage, markImageDeleted } from './process-record';

// libvips' operation cache keeps the decoders of recent images alive: with a 100 MP
// progressive JPEG that is ~300 MB per image held after it is done, so memory grew with
// every image a container handled (tools/bench). Nothing here repeats an operation.
sharp.cache(false);

// Built once per cold start and reused by every invocation of this container.
const config = loadMetadataConfig(process.env);
const observability = createObservability('metadata-service');
const ports = createImagePorts(
  awsConfigFromEnv(process.env),
  config.tableName,
  observability.captureClient,
);

const deps = { ...ports, limits: config.limits, trace: observability.trace };

/** Lambda entry point for the metadata queue's event source mapping. */
export const handler = createImageBatchHandler(
  observability,
  byEventKind({
    created: (event) => describeImage(event, deps),
    removed: (event) => markImageDeleted(event, deps),
  }),
  {
    maxConcurrentImages: config.maxConcurrentImages,
  },
);
