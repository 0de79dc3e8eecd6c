import type { AwsClientConfig } from './aws-config';
import { createDynamoDbDocumentClient, createS3Client } from './clients';
import { DynamoImageRecords } from './dynamo-image-records';
import type { ImageRecords } from './image-records';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

/** The ports every image service's process-record needs. */
export interface ImagePorts {
  readonly store: ObjectStore;
  readonly records: ImageRecords;
}

/** Wraps an SDK client, e.g. Powertools' `tracer.captureAWSv3Client` for X-Ray. */
export type ClientCapture = <C>(client: C) => C;

/**
 * Builds the S3 object store and the DynamoDB image records a service handler wires once
 * per cold start, each client passed through `capture` (tracing) first.
 *
 * @example
 * const ports = createImagePorts(awsConfigFromEnv(process.env), config.tableName, (client) =>
 *   tracer.captureAWSv3Client(client),
 * );
 */
export function createImagePorts(
  config: AwsClientConfig,
  tableName: string,
  capture: ClientCapture = (client) => client,
): ImagePorts {
  return {
    store: new S3ObjectStore(capture(createS3Client(config))),
    records: new DynamoImageRecords(capture(createDynamoDbDocumentClient(config)), tableName),
  };
}
