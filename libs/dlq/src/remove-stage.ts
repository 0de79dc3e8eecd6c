import type { ImageRecords, ObjectStore } from '@imgpipe/aws';
import { isStageCurrent } from '@imgpipe/aws';
import { deletedStageSchema } from '@imgpipe/event-schemas';
import type { ImageEvent, ImageRecord, StageName } from '@imgpipe/event-schemas';
import type { StageOutcome } from './run-stage';

/** What a removal event has to do to one stage, decided from the stage as it is now. */
type RemovalStep =
  /** The stage holds a newer event (a re-upload, or a later removal): change nothing. */
  | { readonly kind: 'stale' }
  /**
   * This very removal already marked the stage (a redelivery, or a retry after a crash
   * between marking and deleting): delete the keys it recorded again, idempotently.
   */
  | { readonly kind: 'finish'; readonly keys: readonly string[] }
  /** The stage is absent or from an older event: mark it `deleted`, then delete. */
  | { readonly kind: 'mark' };

/** Decides a removal's step for one stage; `sequencer` is the removal's (normalized). */
function removalStep(
  record: ImageRecord | undefined,
  stage: StageName,
  sequencer: string,
): RemovalStep {
  if (!isStageCurrent(record, stage, sequencer)) return { kind: 'mark' };
  const current = record?.[stage];
  const deleted = deletedStageSchema.safeParse(current);
  // Equal sequencers mean the same S3 event: only this removal can have written `deleted` with it.
  return current?.sequencer === sequencer && deleted.success
    ? { kind: 'finish', keys: deleted.data.removedKeys }
    : { kind: 'stale' };
}

/**
 * The keys a stage removes: those its record says it wrote (when `done`), then every key
 * it could write for the source under the current settings, each once. The second part
 * covers an upload still being processed, or outputs of an older upload the record no
 * longer names.
 *
 * @example
 * keysToRemove({ status: 'done', outputs: [{ key: 'resized/a.jpg/500w.webp' }] }, ['resized/a.jpg/800w.webp']);
 * // ['resized/a.jpg/500w.webp', 'resized/a.jpg/800w.webp']
 */
export function keysToRemove(current: unknown, possibleKeys: readonly string[]): string[] {
  const stage = current as { status?: unknown; outputs?: unknown } | undefined;
  const recorded =
    stage?.status === 'done' && Array.isArray(stage.outputs)
      ? (stage.outputs as Array<{ key?: unknown }>)
          .map((output) => output.key)
          .filter((key): key is string => typeof key === 'string')
      : [];
  return [...new Set([...recorded, ...possibleKeys])];
}

/** What {@link removeStage} needs. */
export interface RemoveStageParams {
  /** An `ObjectRemoved` event. */
  readonly event: ImageEvent;
  readonly stage: StageName;
  readonly records: ImageRecords;
  /** Where the source is looked up: a key that still has an object was not deleted. */
  readonly source: Pick<ObjectStore, 'head'>;
  /**
   * Every processed-bucket key the stage could write for this source now (each within S3's
   * key limit); none for a stage that writes no objects.
   */
  readonly possibleKeys: readonly string[];
  /** Deletes one output; deleting a key that does not exist must succeed (as on S3). */
  readonly deleteOutput: (key: string) => Promise<void>;
  readonly now?: () => Date;
}

/**
 * Applies a source object's removal to one stage, ordered by the S3 sequencer like every
 * write, unless the key still has an object: first the stage is marked `deleted` with a conditional update (a stale removal
 * changes nothing and deletes nothing), recording the keys it will delete; then those keys
 * are deleted. A redelivery with the same sequencer finds the mark and deletes the recorded
 * keys again, so a crash between the two steps is finished by SQS's retry. A failed delete
 * throws, so the message is retried.
 *
 * @returns `deleted` when this call marked the stage; `duplicate` when it was stale or
 *   repeated (a repeat still finishes the deletes).
 * @example
 * await removeStage({ event, stage: 'resize', records, possibleKeys, deleteOutput: (key) => store.delete(bucket, key) });
 */
export async function removeStage(params: RemoveStageParams): Promise<StageOutcome> {
  const { event, stage, records, now = () => new Date() } = params;
  const started = now().getTime();
  // The source bucket is versioned: S3 also sends ObjectRemoved:Delete for deleting an older
  // version or a delete marker, and a re-upload may already be there. While the key has a
  // current object, the image is not deleted (its own upload event decides its outputs).
  if ((await params.source.head(event.bucket, event.key)) !== undefined)
    return { status: 'duplicate' };
  const record = await records.get(event.imageId);
  const step = removalStep(record, stage, event.sequencer);
  if (step.kind === 'stale') return { status: 'duplicate' };
  if (step.kind === 'finish') {
    await Promise.all(step.keys.map(params.deleteOutput));
    return { status: 'duplicate' };
  }
  const keys = keysToRemove(record?.[stage], params.possibleKeys);
  const written = await records.writeStage({
    imageId: event.imageId,
    stage,
    value: {
      status: 'deleted',
      deletedAt: event.eventTime,
      removedKeys: keys,
      sequencer: event.sequencer,
      updatedAt: now().toISOString(),
    },
  });
  // Another event for the key won the conditional write since the read: it is newer.
  if (written === 'stale') return { status: 'duplicate' };
  await Promise.all(keys.map(params.deleteOutput));
  return { status: 'deleted', removedKeys: keys.length, durationMs: now().getTime() - started };
}
