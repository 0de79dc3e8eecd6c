import type { ImageRecord, StageName } from '@imgpipe/event-schemas';
import { STAGES, compareSequencers } from '@imgpipe/event-schemas';

/** How far one stage of a record has got; `deleted` once it removed what it made of a deleted source. */
export type StageState = 'done' | 'rejected' | 'deleted' | 'pending';

/** Where a record stands as a whole. */
export interface RecordState {
  /**
   * `done`: every stage done; `rejected`: every stage ended and one refused the image;
   * `deleted`: every stage says its source was deleted; `pending` otherwise (a deletion that
   * only some stages have followed yet too).
   */
  readonly state: StageState;
  readonly stages: Readonly<Record<StageName, StageState>>;
  /** `stage: reason` for each rejected stage. */
  readonly reasons: readonly string[];
}

/**
 * The state of a record, optionally as seen by an upload of a known ETag: a record left
 * by an earlier upload of other bytes to the same key (a different ETag, or stages from
 * an older event than the recorded source) counts as pending, so `--wait` waits for the
 * new upload's results instead of reporting the old ones.
 *
 * @example
 * recordState({ imageId: 'a.jpg' }).state; // 'pending'
 */
export function recordState(record: ImageRecord | undefined, uploadedETag?: string): RecordState {
  const stages = Object.fromEntries(
    STAGES.map((stage) => [stage, stageState(record, stage)]),
  ) as Record<StageName, StageState>;
  const reasons = STAGES.flatMap((stage) => {
    const value = record?.[stage];
    return value?.status === 'rejected' ? [`${stage}: ${value.reason}`] : [];
  });
  const stale =
    record !== undefined && uploadedETag !== undefined && !isForUpload(record, uploadedETag);
  const ended = STAGES.every((stage) => stages[stage] !== 'pending');
  const deleted = STAGES.filter((stage) => stages[stage] === 'deleted').length;
  const state: StageState =
    stale || !ended || (deleted > 0 && deleted < STAGES.length)
      ? 'pending'
      : deleted > 0
        ? 'deleted'
        : reasons.length > 0
          ? 'rejected'
          : 'done';
  return { state, stages, reasons };
}

function stageState(record: ImageRecord | undefined, stage: StageName): StageState {
  const value = record?.[stage];
  return value === undefined ? 'pending' : value.status;
}

function isForUpload(record: ImageRecord, uploadedETag: string): boolean {
  const source = record.source;
  // Without source facts there is nothing to tell one upload from another by.
  if (source === undefined) return true;
  if (unquote(source.eTag) !== unquote(uploadedETag)) return false;
  return STAGES.every((stage) => {
    const sequencer = record[stage]?.sequencer;
    return sequencer === undefined || isSameOrLater(sequencer, source.sequencer);
  });
}

function isSameOrLater(sequencer: string, reference: string): boolean {
  try {
    return compareSequencers(sequencer, reference) >= 0;
  } catch {
    // A sequencer that is not hex cannot be ordered; trust the matching ETag.
    return true;
  }
}

function unquote(eTag: string): string {
  return eTag.replace(/"/g, '');
}
