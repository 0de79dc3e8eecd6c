import {
  awsConfigFromEnv,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
  S3ObjectStore,
} from '@imgpipe/aws';
import { createImageBatchHandler } from '@imgpipe/dlq';
import { createObservability, traced } from '@imgpipe/observability';
import { loadResizeConfig } from './config';
import { resizeRecord } from './process-record';

// Built once per cold start and reused by every invocation of this container.
const config = loadResizeConfig(process.env);
const observability = createObservability('resize-service');
const aws = awsConfigFromEnv(process.env);
const { tracer } = observability;

const deps = {
  store: new S3ObjectStore(tracer.captureAWSv3Client(createS3Client(aws))),
  records: new DynamoImageRecords(
    tracer.captureAWSv3Client(createDynamoDbDocumentClient(aws)),
    config.tableName,
  ),
  processedBucket: config.processedBucket,
  limits: config.limits,
  spec: config.spec,
  cacheControl: config.cacheControl,
  trace: <T>(name: string, work: () => Promise<T>) => traced(tracer, name, work),
};

/** Lambda entry point for the resize queue's event source mapping. */
export const handler = createImageBatchHandler(observability, (event) => resizeRecord(event, deps));
