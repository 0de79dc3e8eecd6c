import type { ImageRecords, ObjectStore } from '@imgpipe/aws';
import { ObjectNotFoundError } from '@imgpipe/aws';
import type { StageOutcome } from '@imgpipe/dlq';
import { removeStage, runStage } from '@imgpipe/dlq';
import type { ImageEvent, OutputFile } from '@imgpipe/event-schemas';
import type { ImageLimits } from '@imgpipe/imaging';
import { checkByteSize, checkOutputKeys, fitsS3Key } from '@imgpipe/imaging';

import { possibleWatermarkedKeys, watermarkedKey } from './output-keys';
import type { RawRgba } from './raw-image';
import type { WatermarkOptions } from './watermark';
import { watermarkImage } from './watermark';
import type { Trace } from '@imgpipe/observability';
import { untraced } from '@imgpipe/observability';

/** The ports and settings {@link watermarkRecord} works with. */
export interface WatermarkDeps {
  readonly store: ObjectStore;
  readonly records: ImageRecords;
  /** Where the copy goes; never the source bucket, so outputs trigger nothing. */
  readonly processedBucket: string;
  readonly limits: ImageLimits;
  readonly options: Omit<WatermarkOptions, 'mark'>;
  /** The drawn mark, cached per container (see `createMarkLoader`). */
  readonly mark: () => Promise<RawRgba>;
  readonly cacheControl: string;
  readonly trace?: Trace;
  readonly now?: () => Date;
}

/**
 * Writes the watermarked display copy of one uploaded object and the image record's
 * `watermark` attribute: every key the copy could have is checked against S3's key limit
 * first, so a source key too long for it is refused before any work; then one GET whose
 * headers are checked before its body is read, so an object over the byte limit is refused
 * without a download; the pure watermark job, one PUT at a deterministic key (a retry
 * overwrites). Permanent problems (output key too long, not an image, corrupt, over a limit,
 * object gone) are recorded as `rejected`; anything else, a missing logo included, is thrown
 * for a retry.
 *
 * @example
 * const outcome = await watermarkRecord(event, {
 *   store, records, processedBucket: 'processed', limits: DEFAULT_IMAGE_LIMITS,
 *   options: config.options, mark: createMarkLoader(config.mark, { store, bucket: 'processed', limits }),
 *   cacheControl: OUTPUT_CACHE_CONTROL,
 * });
 */
export async function watermarkRecord(
  event: ImageEvent,
  deps: WatermarkDeps,
): Promise<StageOutcome> {
  const trace = deps.trace ?? untraced;
  return runStage(
    {
      event,
      stage: 'watermark',
      records: deps.records,
      deleteOutput: (key) => deps.store.delete(deps.processedBucket, key),
      ...(deps.now ? { now: deps.now } : {}),
    },
    async () => {
      checkOutputKeys(event.key, possibleWatermarkedKeys(event.key));
      const source = await deps.store.open(event.bucket, event.key);
      if (!source) throw new ObjectNotFoundError(event.bucket, event.key);
      let mark: RawRgba;
      let bytes: Buffer;
      try {
        checkByteSize(source.head.size, deps.limits);
        mark = await deps.mark();
        bytes = await trace('download', () => source.read());
      } finally {
        source.discard();
      }
      const { output } = await trace('transform', () =>
        watermarkImage(bytes, { ...deps.options, mark }, deps.limits),
      );
      const key = watermarkedKey(event.key, output.extension);
      await trace('upload', () =>
        deps.store.put(deps.processedBucket, key, output.body, {
          contentType: output.contentType,
          cacheControl: deps.cacheControl,
        }),
      );
      const file: OutputFile = {
        key,
        format: output.format,
        width: output.width,
        height: output.height,
        bytes: output.body.length,
      };
      return {
        value: { outputs: [file] },
        bytesIn: bytes.length,
        bytesOut: output.body.length,
        writtenKeys: [key],
      };
    },
  );
}

/**
 * Applies the removal of a source object to its watermarked copy: marks the record's
 * `watermark` attribute `deleted` (unless a newer upload holds it), then deletes the copy
 * under every extension it could have. A stale removal deletes nothing.
 *
 * @example
 * const outcome = await removeWatermarked(removedEvent, deps); // { status: 'deleted', removedKeys: 3, … }
 */
export async function removeWatermarked(
  event: ImageEvent,
  deps: WatermarkDeps,
): Promise<StageOutcome> {
  return removeStage({
    event,
    stage: 'watermark',
    records: deps.records,
    source: deps.store,
    // A key over S3's limit was never written, and S3 would refuse its delete for good.
    possibleKeys: possibleWatermarkedKeys(event.key).filter(fitsS3Key),
    deleteOutput: (key) => deps.store.delete(deps.processedBucket, key),
    ...(deps.now ? { now: deps.now } : {}),
  });
}
