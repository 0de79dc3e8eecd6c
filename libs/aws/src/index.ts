export { ENDPOINT_ENV, awsConfigFromEnv } from './aws-config';
export type { AwsClientConfig, AwsServiceName } from './aws-config';
export {
  createDynamoDbDocumentClient,
  createS3Client,
  createSnsClient,
  createSqsClient,
} from './clients';
export { ObjectNotFoundError } from './object-store';
export type { ObjectHead, ObjectStore, OpenedObject, PutOptions } from './object-store';
export { S3ObjectStore } from './s3-object-store';
export { listObjects } from './object-listing';
export type { ListedObject, ListingFilter } from './object-listing';
export { isStageCurrent } from './image-records';
export type { ImageRecords, StageWrite, StageWriteResult } from './image-records';
export { DynamoImageRecords } from './dynamo-image-records';
export { InMemoryImageRecords, InMemoryObjectStore } from './in-memory-ports';
export type { StoredObject } from './in-memory-ports';
export { awsConfigFromStack, handlerEnvFromStack, readStackDescription } from './stack-description';
export type { QueuePair, StackDescription } from './stack-description';
export { createImagePorts } from './image-ports';
export type { ClientCapture, ImagePorts } from './image-ports';
export { BY_OWNER_INDEX, imageTableDefinition } from './image-table';
export { localStatsFile, readLocalStats } from './local-stats';
export type { ServiceStats, StatsSnapshot } from './local-stats';
export { devToken } from './dev-token';
