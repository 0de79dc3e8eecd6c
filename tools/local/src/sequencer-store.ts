import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Hex digits of an issued sequencer; S3's own are 16–18, any width compares once padded. */
const WIDTH = 16;

/** Issued sequencers: the last one, and the one each source key got for its current upload. */
export interface SequencerState {
  readonly last: string;
  readonly keys: Readonly<Record<string, string>>;
}

export const EMPTY_SEQUENCER_STATE: SequencerState = { last: '0', keys: {} };

/**
 * The sequencer after `last`: the clock in milliseconds times 65 536, or `last + 1` when the
 * clock has not moved on (or went back), so the sequence only grows, across restarts too.
 *
 * @example
 * nextSequencer('0', 1); // '0000000000010000'
 */
export function nextSequencer(last: string, nowMs: number): string {
  const fromClock = BigInt(Math.floor(nowMs)) * 0x10000n;
  const afterLast = BigInt(`0x${last}`) + 1n;
  const next = fromClock > afterLast ? fromClock : afterLast;
  return next.toString(16).toUpperCase().padStart(WIDTH, '0');
}

/**
 * Gives `key` a new sequencer, for a new upload of it.
 *
 * @example
 * const { state, sequencer } = assignSequencer(EMPTY_SEQUENCER_STATE, 'a.jpg', Date.now());
 */
export function assignSequencer(
  state: SequencerState,
  key: string,
  nowMs: number,
): { readonly state: SequencerState; readonly sequencer: string } {
  const sequencer = nextSequencer(state.last, nowMs);
  return { sequencer, state: { last: sequencer, keys: { ...state.keys, [key]: sequencer } } };
}

/**
 * Gives a removal of `key` a new sequencer, greater than any issued before (so greater than
 * its upload's, as S3's are): the key then has no current upload.
 *
 * @example
 * const { state, sequencer } = assignRemovalSequencer(state, 'a.jpg', Date.now());
 */
export function assignRemovalSequencer(
  state: SequencerState,
  key: string,
  nowMs: number,
): { readonly state: SequencerState; readonly sequencer: string } {
  const sequencer = nextSequencer(state.last, nowMs);
  const keys = Object.fromEntries(Object.entries(state.keys).filter(([known]) => known !== key));
  return { sequencer, state: { last: sequencer, keys } };
}

/**
 * The sequencers of the source bucket's objects, kept in a JSON file in the data folder so a
 * restart republishes an object with the sequencer its first delivery had: stages already
 * done then see a duplicate, not a newer upload. Writes are synchronous, so two events are
 * numbered in the order s3rver emitted them.
 *
 * @example
 * const store = SequencerStore.open('.imgpipe/sequencers.json');
 * const seq = store.assign('photos/a.jpg'); // on ObjectCreated
 * store.current('photos/a.jpg') === seq; // on reconcile
 * store.assignRemoval('photos/a.jpg'); // on ObjectRemoved: a greater sequencer
 */
export class SequencerStore {
  private constructor(
    private readonly file: string,
    private state: SequencerState,
    private readonly clock: () => number,
  ) {}

  static open(file: string, clock: () => number = Date.now): SequencerStore {
    const state = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as SequencerState)
      : EMPTY_SEQUENCER_STATE;
    return new SequencerStore(file, state, clock);
  }

  /** A new sequencer for a new upload of `key`, saved before it is returned. */
  assign(key: string): string {
    return this.save(assignSequencer(this.state, key, this.clock()));
  }

  /** A new sequencer for the removal of `key`, saved before it is returned. */
  assignRemoval(key: string): string {
    return this.save(assignRemovalSequencer(this.state, key, this.clock()));
  }

  private save(next: { readonly state: SequencerState; readonly sequencer: string }): string {
    this.state = next.state;
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(next.state));
    renameSync(temp, this.file);
    return next.sequencer;
  }

  /** The sequencer of `key`'s current upload, if it ever got one. */
  current(key: string): string | undefined {
    return Object.hasOwn(this.state.keys, key) ? this.state.keys[key] : undefined;
  }
}
