import type { ImageRecord, StageName } from '@imgpipe/event-schemas';

/** One service's write of its own stage attribute, plus any top-level attributes it owns. */
export interface StageWrite {
  readonly imageId: string;
  readonly stage: StageName;
  /** The stage attribute; its `sequencer` decides whether the write is stale. */
  readonly value: { readonly sequencer: string } & Record<string, unknown>;
  /** Further top-level attributes written in the same conditional update. */
  readonly also?: Readonly<Record<string, unknown>>;
}

/** `stale`: the record already holds this stage for the same or a newer event. */
export type StageWriteResult = 'written' | 'stale';

/** The image table as services see it: the port their process-record depends on. */
export interface ImageRecords {
  get(imageId: string): Promise<ImageRecord | undefined>;
  /**
   * Writes a stage only if the record has no value for it yet or holds one from an older
   * event (a smaller sequencer), so duplicate and out-of-order deliveries change nothing.
   */
  writeStage(write: StageWrite): Promise<StageWriteResult>;
}

/**
 * Whether a stage already holds the outcome of this event or a newer one: the check a
 * service makes before doing work for a delivery that may be a duplicate.
 *
 * @example
 * if (isStageCurrent(record, 'resize', event.sequencer)) return 'duplicate';
 */
export function isStageCurrent(
  record: ImageRecord | undefined,
  stage: StageName,
  sequencer: string,
): boolean {
  const existing = record?.[stage]?.sequencer;
  return existing !== undefined && existing >= sequencer;
}
