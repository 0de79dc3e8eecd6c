export { decodeS3Key, encodeS3Key } from './s3-key';
export { SEQUENCER_WIDTH, compareSequencers, normalizeSequencer } from './sequencer';
export {
  s3EventNotificationSchema,
  s3EventRecordSchema,
  s3TestEventSchema,
  snsEnvelopeSchema,
} from './s3-event.schema';
export type { S3EventNotification, S3EventRecord, SnsEnvelope } from './s3-event.schema';
export {
  imageEventKindOf,
  MalformedEventError,
  parseImageEvents,
  toImageEvent,
} from './image-event';
export type { ImageEvent, ImageEventKind } from './image-event';
export {
  buildS3EventRecord,
  buildS3Notification,
  buildSnsEnvelope,
  buildSqsBodyForObject,
} from './notification-builders';
export type { ObjectEventFacts } from './notification-builders';
// The stages are the registry's: each service owns the attribute of its stage.
export { STAGES, STAGE_OF_SERVICE } from '@imgpipe/registry';
export type { StageName } from '@imgpipe/registry';
export {
  deletedStageSchema,
  exifSubsetSchema,
  imageFactsSchema,
  imageRecordSchema,
  imageStageSchema,
  isRecordComplete,
  outputFileSchema,
  outputStageSchema,
  rejectedStageSchema,
  sourceFactsSchema,
} from './image-record.schema';
export type {
  DeletedStage,
  ExifSubset,
  ImageFacts,
  ImageRecord,
  ImageStage,
  OutputFile,
  OutputStage,
  RejectedStage,
  SourceFacts,
} from './image-record.schema';
