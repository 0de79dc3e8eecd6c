import type { ImageRecords, ObjectStore } from '@imgpipe/aws';
import { ObjectNotFoundError } from '@imgpipe/aws';
import type { StageOutcome } from '@imgpipe/dlq';
import { removeStage, runStage } from '@imgpipe/dlq';
import type { ImageEvent, OutputFile } from '@imgpipe/event-schemas';
import type { ImageLimits } from '@imgpipe/imaging';
import { checkByteSize, checkOutputKeys, fitsS3Key } from '@imgpipe/imaging';
import { outputKey } from './output-keys';
import { possibleOutputKeys } from './resize-plan';
import type { ResizeSpec } from './resize';
import { resizeImage } from './resize';
import type { Trace } from '@imgpipe/observability';
import { untraced } from '@imgpipe/observability';

/** The ports and settings {@link resizeRecord} works with. */
export interface ResizeDeps {
  readonly store: ObjectStore;
  readonly records: ImageRecords;
  /** Where renditions go; never the source bucket, so outputs trigger nothing. */
  readonly processedBucket: string;
  readonly limits: ImageLimits;
  readonly spec: ResizeSpec;
  readonly cacheControl: string;
  readonly trace?: Trace;
  readonly now?: () => Date;
}

/**
 * Writes the renditions of one uploaded object and the image record's `resize` attribute:
 * every key it could write is checked against S3's key limit first, so a source key too long
 * for its outputs is refused before any output exists; then one GET whose headers are checked
 * before its body is read, so an object over the byte limit is refused without a download;
 * the pure resize job, then one PUT per rendition at a deterministic key (a retry overwrites).
 * Permanent problems (output keys too long, not an image, corrupt, over a limit, object gone)
 * are recorded as `rejected`; anything else is thrown for a retry.
 *
 * @example
 * const outcome = await resizeRecord(event, {
 *   store, records, processedBucket: 'processed', limits: DEFAULT_IMAGE_LIMITS,
 *   spec: DEFAULT_RESIZE_SPEC, cacheControl: OUTPUT_CACHE_CONTROL,
 * });
 */
export async function resizeRecord(event: ImageEvent, deps: ResizeDeps): Promise<StageOutcome> {
  const trace = deps.trace ?? untraced;
  return runStage(
    {
      event,
      stage: 'resize',
      records: deps.records,
      deleteOutput: (key) => deps.store.delete(deps.processedBucket, key),
      ...(deps.now ? { now: deps.now } : {}),
    },
    async () => {
      checkOutputKeys(event.key, possibleOutputKeys(event.key, deps.spec));
      const source = await deps.store.open(event.bucket, event.key);
      if (!source) throw new ObjectNotFoundError(event.bucket, event.key);
      let bytes: Buffer;
      try {
        checkByteSize(source.head.size, deps.limits);
        bytes = await trace('download', () => source.read());
      } finally {
        source.discard();
      }
      const { outputs } = await trace('transform', () =>
        resizeImage(bytes, deps.spec, deps.limits),
      );
      const files = await trace('upload', () =>
        Promise.all(
          outputs.map(async (output): Promise<OutputFile> => {
            const key = outputKey(event.key, output.name, output.extension);
            await deps.store.put(deps.processedBucket, key, output.body, {
              contentType: output.contentType,
              cacheControl: deps.cacheControl,
            });
            const { format, width, height } = output;
            return { key, format, width, height, bytes: output.body.length };
          }),
        ),
      );
      const bytesOut = files.reduce((sum, file) => sum + file.bytes, 0);
      return {
        value: { outputs: files },
        bytesIn: bytes.length,
        bytesOut,
        writtenKeys: files.map((file) => file.key),
      };
    },
  );
}

/**
 * Applies the removal of a source object to its renditions: marks the record's `resize`
 * attribute `deleted` (unless a newer upload holds it), then deletes every rendition the
 * record lists and every one the current spec could have made (a width narrower than the
 * source's is named after the source's width, so the record's list is the only place those
 * are known). A stale removal deletes nothing.
 *
 * @example
 * const outcome = await removeRenditions(removedEvent, deps); // { status: 'deleted', removedKeys: 8, … }
 */
export async function removeRenditions(event: ImageEvent, deps: ResizeDeps): Promise<StageOutcome> {
  return removeStage({
    event,
    stage: 'resize',
    records: deps.records,
    source: deps.store,
    // A key over S3's limit was never written, and S3 would refuse its delete for good.
    possibleKeys: possibleOutputKeys(event.key, deps.spec).filter(fitsS3Key),
    deleteOutput: (key) => deps.store.delete(deps.processedBucket, key),
    ...(deps.now ? { now: deps.now } : {}),
  });
}
