import { isRecordComplete, STAGES } from '@imgpipe/event-schemas';
import type { ImageRecord, OutputFile, StageName } from '@imgpipe/event-schemas';
import { imageIdOf } from './image-ids';

/** Where a stage stands: done, rejected, deleted, or not reported yet. */
export type StageStatus = 'done' | 'rejected' | 'deleted' | 'pending';

/** One image as `GET /images` lists it. */
export interface ImageSummary {
  readonly id: string;
  readonly imageId: string;
  readonly uploadedAt: string | undefined;
  /** `complete` once every stage has ended, done or not. */
  readonly status: 'complete' | 'pending';
  readonly stages: Readonly<Record<StageName, StageStatus>>;
}

/** An output with a short-lived URL to download it. */
export type OutputView = OutputFile & {
  readonly stage: 'resize' | 'watermark';
  readonly url: string;
};

/** One image as `GET /images/{id}` shows it. */
export interface ImageView extends ImageSummary {
  readonly record: ImageRecord;
  readonly processedBucket: string;
  readonly outputs: readonly OutputView[];
}

/**
 * Whether `owner` may see a record: it names them, or (before the metadata service has
 * recorded an owner) its key is under their prefix, where only their uploads go.
 *
 * @example
 * ownsRecord({ imageId: 'ana/1.jpg', ownerId: 'ana' }, 'bo'); // false
 */
export function ownsRecord(
  record: Pick<ImageRecord, 'imageId' | 'ownerId'>,
  owner: string,
): boolean {
  return record.ownerId === undefined
    ? record.imageId.startsWith(`${owner}/`)
    : record.ownerId === owner;
}

/**
 * The list entry of a record.
 *
 * @example
 * summarize({ imageId: 'ana/1.jpg' }).status; // 'pending'
 */
export function summarize(record: ImageRecord): ImageSummary {
  const status = (stage: StageName): StageStatus => {
    const value = record[stage] as { status?: string } | undefined;
    return value?.status === 'done' || value?.status === 'rejected' || value?.status === 'deleted'
      ? value.status
      : 'pending';
  };
  return {
    id: imageIdOf(record.imageId),
    imageId: record.imageId,
    uploadedAt: record.uploadedAt ?? record.source?.uploadedAt,
    status: isRecordComplete(record) ? 'complete' : 'pending',
    stages: Object.fromEntries(STAGES.map((stage) => [stage, status(stage)])) as Record<
      StageName,
      StageStatus
    >,
  };
}

/**
 * Every output a record names, by stage, for which a download URL is wanted.
 *
 * @example
 * outputsOf(record).map((output) => output.key); // ['resized/ana/1.jpg/320w.webp', …]
 */
export function outputsOf(
  record: ImageRecord,
): Array<OutputFile & { readonly stage: 'resize' | 'watermark' }> {
  return (['resize', 'watermark'] as const).flatMap((stage) => {
    const value = record[stage];
    return value?.status === 'done' ? value.outputs.map((output) => ({ ...output, stage })) : [];
  });
}
