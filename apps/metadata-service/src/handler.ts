import {
  awsConfigFromEnv,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
  S3ObjectStore,
} from '@imgpipe/aws';
import { createImageBatchHandler } from '@imgpipe/dlq';
import { createObservability, traced } from '@imgpipe/observability';
import { loadMetadataConfig } from './config';
import { describeImage } from './process-record';

// Built once per cold start and reused by every invocation of this container.
const config = loadMetadataConfig(process.env);
const observability = createObservability('metadata-service');
const aws = awsConfigFromEnv(process.env);
const { tracer } = observability;

const deps = {
  store: new S3ObjectStore(tracer.captureAWSv3Client(createS3Client(aws))),
  records: new DynamoImageRecords(tracer.captureAWSv3Client(createDynamoDbDocumentClient(aws)), config.tableName),
  limits: config.limits,
  trace: <T>(name: string, work: () => Promise<T>) => traced(tracer, name, work),
};

/** Lambda entry point for the metadata queue's event source mapping. */
export const handler = createImageBatchHandler(observability, (event) => describeImage(event, deps));
