import type { ImageRecords } from '@imgpipe/aws';
import { isStageCurrent } from '@imgpipe/aws';
import type { ImageEvent, StageName } from '@imgpipe/event-schemas';
import { isPermanentFailure, rejectionCode } from './failure-classification';
import { keysToRemove } from './remove-stage';

/** What a stage's work produced, to be written as the stage attribute. */
export interface StageResult {
  /** Stage-specific fields (facts, outputs); status, sequencer and times are added. */
  readonly value: Record<string, unknown>;
  readonly bytesIn?: number;
  readonly bytesOut?: number;
  /** Processed-bucket keys the work wrote, removed again if a removal overtook it. */
  readonly writtenKeys?: readonly string[];
}

/** How one image event ended for one stage. */
export type StageOutcome =
  | {
      readonly status: 'done';
      readonly durationMs: number;
      readonly bytesIn: number;
      readonly bytesOut: number;
    }
  | {
      readonly status: 'rejected';
      readonly code: string;
      readonly reason: string;
      readonly durationMs: number;
    }
  /** The source object was removed: the stage is marked `deleted` and its outputs deleted. */
  | {
      readonly status: 'deleted';
      /** How many output keys were deleted (keys that did not exist count too). */
      readonly removedKeys: number;
      readonly durationMs: number;
    }
  /** The record already held this event's (or a newer event's) outcome: nothing changed. */
  | { readonly status: 'duplicate' };

/** What {@link runStage} needs besides the work itself. */
export interface RunStageParams {
  readonly event: ImageEvent;
  readonly stage: StageName;
  readonly records: ImageRecords;
  /** Top-level attributes this stage owns, written with its result or its rejection. */
  readonly also?: Readonly<Record<string, unknown>>;
  /** Deletes one output the work wrote; see {@link StageResult.writtenKeys}. */
  readonly deleteOutput?: (key: string) => Promise<void>;
  readonly now?: () => Date;
}

/**
 * After the work's write of a newer upload replaced an older one's: outputs the older one
 * recorded that this one did not write (a rendition named after a wider source's width, or
 * every output when the newer upload is rejected) go, so the bucket holds what the record
 * lists. This is also what leaves a delete-then-re-upload right when the re-upload is handled
 * first and the older removal is then stale.
 */
async function removeReplacedOutputs(
  params: RunStageParams,
  previousKeys: readonly string[],
  writtenKeys: readonly string[],
): Promise<void> {
  const { deleteOutput } = params;
  if (deleteOutput === undefined) return;
  const kept = new Set(writtenKeys);
  await Promise.all(previousKeys.filter((key) => !kept.has(key)).map(deleteOutput));
}

/**
 * After the work's write came back stale: when the newer event that holds the stage is a
 * removal, the outputs this upload just wrote belong to a deleted source, so they go. Not
 * when it is a newer upload: its outputs have the same deterministic keys.
 *
 * Residual window: a re-upload processed at the same time may write these keys between
 * the removal's deletes and this cleanup, and only then record itself; this cleanup would
 * then delete its outputs, and its record would list outputs that are gone (until the
 * object is uploaded or reprocessed again). It needs three events for one key in flight at
 * once, the middle one a removal.
 */
async function removeOvertakenOutputs(
  params: RunStageParams,
  writtenKeys: readonly string[],
): Promise<void> {
  const { deleteOutput } = params;
  if (deleteOutput === undefined || writtenKeys.length === 0) return;
  const current = (await params.records.get(params.event.imageId))?.[params.stage] as
    { status?: string } | undefined;
  if (current?.status === 'deleted') await Promise.all(writtenKeys.map(deleteOutput));
}

/**
 * Runs one stage of one image event under the failure rules of DESIGN.md §5:
 * - a duplicate or out-of-order event (the record already holds this stage for the same or
 *   a newer sequencer) does no work and changes nothing;
 * - success writes `{ status: 'done', … }` with a conditional update; outputs an older upload
 *   recorded and this one did not rewrite are deleted; if the update finds a removal of the
 *   source recorded meanwhile, the outputs just written are deleted again;
 * - a permanent failure writes `{ status: 'rejected', code, reason }` and is acknowledged;
 * - any other failure is re-thrown, so the batch reports the record for retry.
 *
 * @example
 * const outcome = await runStage({ event, stage: 'resize', records }, async () => {
 *   const outputs = await resizeAndUpload(event);
 *   return { value: { outputs }, bytesIn, bytesOut };
 * });
 */
export async function runStage(
  params: RunStageParams,
  work: () => Promise<StageResult>,
): Promise<StageOutcome> {
  const { event, stage, records, now = () => new Date() } = params;
  const before = await records.get(event.imageId);
  if (isStageCurrent(before, stage, event.sequencer)) {
    return { status: 'duplicate' };
  }
  const started = now().getTime();
  let write: Record<string, unknown>;
  let outcome: StageOutcome;
  let writtenKeys: readonly string[] = [];
  try {
    const result = await work();
    writtenKeys = result.writtenKeys ?? [];
    const durationMs = now().getTime() - started;
    write = { ...result.value, status: 'done', durationMs };
    outcome = {
      status: 'done',
      durationMs,
      bytesIn: result.bytesIn ?? 0,
      bytesOut: result.bytesOut ?? 0,
    };
  } catch (error) {
    if (!isPermanentFailure(error)) throw error;
    const durationMs = now().getTime() - started;
    const code = rejectionCode(error);
    write = { status: 'rejected', code, reason: error.message };
    outcome = { status: 'rejected', code, reason: error.message, durationMs };
  }
  const written = await records.writeStage({
    imageId: event.imageId,
    stage,
    value: { ...write, sequencer: event.sequencer, updatedAt: now().toISOString() },
    ...(params.also ? { also: params.also } : {}),
  });
  if (written === 'written') {
    await removeReplacedOutputs(params, keysToRemove(before?.[stage], []), writtenKeys);
    return outcome;
  }
  await removeOvertakenOutputs(params, writtenKeys);
  return { status: 'duplicate' };
}
