import { STAGES } from '@imgpipe/registry';
import type { StageName } from '@imgpipe/registry';
import * as z from 'zod';

const stageBase = {
  /** Padded sequencer of the event this stage was last written for. */
  sequencer: z.string(),
  updatedAt: z.string(),
};

/** A stage that refused its input for good, with a reason a person can read. */
export const rejectedStageSchema = z.object({
  ...stageBase,
  status: z.literal('rejected'),
  reason: z.string().min(1),
  /** Machine-readable reason code, e.g. `not-an-image`, `too-many-pixels`. */
  code: z.string(),
});
export type RejectedStage = z.infer<typeof rejectedStageSchema>;

/**
 * A stage after its source object was removed: written by the `ObjectRemoved` event (its
 * sequencer orders it against uploads of the same key), before the stage deletes what it
 * wrote, so a redelivery with the same sequencer knows which keys to finish deleting.
 */
export const deletedStageSchema = z.object({
  ...stageBase,
  status: z.literal('deleted'),
  /** `eventTime` of the removal. */
  deletedAt: z.string(),
  /** Processed-bucket keys the stage deletes (or deleted); empty for a stage with no outputs. */
  removedKeys: z.array(z.string()),
});
export type DeletedStage = z.infer<typeof deletedStageSchema>;

/** Facts about the object as stored in the source bucket. */
export const sourceFactsSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  size: z.number().int().nonnegative(),
  eTag: z.string(),
  contentType: z.string(),
  uploadedAt: z.string(),
  ownerId: z.string(),
  sequencer: z.string(),
});
export type SourceFacts = z.infer<typeof sourceFactsSchema>;

/** The small EXIF subset kept in the record. */
export const exifSubsetSchema = z.object({
  make: z.string().optional(),
  model: z.string().optional(),
  lensModel: z.string().optional(),
  takenAt: z.string().optional(),
  exposureTime: z.number().optional(),
  fNumber: z.number().optional(),
  iso: z.number().optional(),
  focalLength: z.number().optional(),
  gps: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});
export type ExifSubset = z.infer<typeof exifSubsetSchema>;

/** Facts read from the image itself. */
export const imageFactsSchema = z.object({
  format: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  orientation: z.number().int().min(1).max(8),
  colourSpace: z.string(),
  bitsPerSample: z.number().int().positive(),
  hasAlpha: z.boolean(),
  hasIccProfile: z.boolean(),
  pages: z.number().int().positive(),
  animated: z.boolean(),
  exif: exifSubsetSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dominantColour: z.string().regex(/^#[0-9a-f]{6}$/),
  /** ThumbHash of the image, base64. */
  placeholder: z.string(),
});
export type ImageFacts = z.infer<typeof imageFactsSchema>;

export const imageStageSchema = z.discriminatedUnion('status', [
  z
    .object({ ...stageBase, status: z.literal('done'), durationMs: z.number() })
    .extend(imageFactsSchema.shape),
  rejectedStageSchema,
  deletedStageSchema,
]);
export type ImageStage = z.infer<typeof imageStageSchema>;

/** One file a service wrote to the processed bucket. */
export const outputFileSchema = z.object({
  key: z.string(),
  format: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
});
export type OutputFile = z.infer<typeof outputFileSchema>;

export const outputStageSchema = z.discriminatedUnion('status', [
  z.object({
    ...stageBase,
    status: z.literal('done'),
    durationMs: z.number(),
    outputs: z.array(outputFileSchema),
  }),
  rejectedStageSchema,
  deletedStageSchema,
]);
export type OutputStage = z.infer<typeof outputStageSchema>;

/** The DynamoDB item for one source object (DESIGN.md §4). */
export const imageRecordSchema = z.object({
  imageId: z.string(),
  ownerId: z.string().optional(),
  uploadedAt: z.string().optional(),
  source: sourceFactsSchema.optional(),
  image: imageStageSchema.optional(),
  resize: outputStageSchema.optional(),
  watermark: outputStageSchema.optional(),
});
export type ImageRecord = z.infer<typeof imageRecordSchema>;

/**
 * Whether every stage of a record has ended (done, rejected or deleted); the local stack's
 * reconcile republishes the objects for which this is false.
 *
 * @example
 * isRecordComplete({ imageId: 'a.jpg' }); // false
 */
export function isRecordComplete(record: Pick<ImageRecord, StageName> | undefined): boolean {
  return record !== undefined && STAGES.every((stage) => record[stage] !== undefined);
}
