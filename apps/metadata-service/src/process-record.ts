import type { ImageRecords, ObjectStore } from '@imgpipe/aws';
import { ObjectNotFoundError } from '@imgpipe/aws';
import type { StageOutcome } from '@imgpipe/dlq';
import { removeStage, runStage } from '@imgpipe/dlq';
import type { ImageEvent } from '@imgpipe/event-schemas';
import type { ImageLimits } from '@imgpipe/imaging';
import { checkByteSize } from '@imgpipe/imaging';
import { extractImageFacts } from './metadata';
import { sourceFactsOf } from './source-facts';
import type { Trace } from '@imgpipe/observability';
import { untraced } from '@imgpipe/observability';

/** The ports and settings {@link describeImage} works with. */
export interface MetadataDeps {
  readonly store: ObjectStore;
  readonly records: ImageRecords;
  readonly limits: ImageLimits;
  readonly trace?: Trace;
  readonly now?: () => Date;
}

/**
 * Writes the image record's `source` and `image` attributes for one uploaded object:
 * one GET whose headers give the object's facts and are checked against the byte limit
 * before its body is read, then the image's own facts (of the same object version).
 * Permanent problems (not an image, corrupt, over a limit, object gone) are recorded as
 * `rejected`; anything else is thrown for a retry.
 *
 * @example
 * const outcome = await describeImage(event, { store, records, limits: DEFAULT_IMAGE_LIMITS });
 */
export async function describeImage(event: ImageEvent, deps: MetadataDeps): Promise<StageOutcome> {
  const trace = deps.trace ?? untraced;
  // Opened before runStage, as the record's `source` is written with a rejection too; a
  // duplicate event discards the body unread.
  const object = await deps.store.open(event.bucket, event.key);
  const source = object ? sourceFactsOf(event, object.head) : undefined;
  try {
    return await runStage(
      {
        event,
        stage: 'image',
        records: deps.records,
        ...(source
          ? { also: { source, ownerId: source.ownerId, uploadedAt: source.uploadedAt } }
          : {}),
        ...(deps.now ? { now: deps.now } : {}),
      },
      async () => {
        if (!object) throw new ObjectNotFoundError(event.bucket, event.key);
        checkByteSize(object.head.size, deps.limits);
        const bytes = await trace('download', () => object.read());
        const facts = await trace('decode', () => extractImageFacts(bytes, deps.limits));
        return { value: { ...facts }, bytesIn: bytes.length, bytesOut: 0 };
      },
    );
  } finally {
    object?.discard();
  }
}

/**
 * Applies the removal of a source object to the record: marks its `image` attribute
 * `deleted` with the removal's sequencer, unless a newer upload holds it. The image facts
 * go (they describe bytes that no longer exist); `source`, `ownerId` and `uploadedAt` stay
 * as the last upload wrote them, so the owner still lists the image and sees what was
 * deleted. The service writes no objects, so nothing else is deleted.
 *
 * @example
 * const outcome = await markImageDeleted(removedEvent, deps); // { status: 'deleted', removedKeys: 0, … }
 */
export async function markImageDeleted(
  event: ImageEvent,
  deps: Pick<MetadataDeps, 'records' | 'store' | 'now'>,
): Promise<StageOutcome> {
  return removeStage({
    event,
    stage: 'image',
    records: deps.records,
    source: deps.store,
    possibleKeys: [],
    deleteOutput: async () => undefined,
    ...(deps.now ? { now: deps.now } : {}),
  });
}
