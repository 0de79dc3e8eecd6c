import {
  awsConfigFromEnv,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
  S3ObjectStore,
} from '@imgpipe/aws';
import { createImageBatchHandler } from '@imgpipe/dlq';
import { createObservability, traced } from '@imgpipe/observability';

import { loadWatermarkConfig } from './config';
import { createMarkLoader } from './mark-loader';
import { watermarkRecord } from './process-record';

// Built once per cold start and reused by every invocation of this container.
const config = loadWatermarkConfig(process.env);
const observability = createObservability('watermark-service');
const aws = awsConfigFromEnv(process.env);
const { tracer } = observability;
const store = new S3ObjectStore(tracer.captureAWSv3Client(createS3Client(aws)));

const deps = {
  store,
  records: new DynamoImageRecords(tracer.captureAWSv3Client(createDynamoDbDocumentClient(aws)), config.tableName),
  processedBucket: config.processedBucket,
  limits: config.limits,
  options: config.options,
  mark: createMarkLoader(config.mark, { store, bucket: config.processedBucket, limits: config.limits }),
  cacheControl: config.cacheControl,
  trace: <T>(name: string, work: () => Promise<T>) => traced(tracer, name, work),
};

/** Lambda entry point for the watermark queue's event source mapping. */
export const handler = createImageBatchHandler(observability, (event) => watermarkRecord(event, deps));
