import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareSequencers } from '@imgpipe/event-schemas';
import {
  EMPTY_SEQUENCER_STATE,
  SequencerStore,
  assignRemovalSequencer,
  assignSequencer,
  nextSequencer,
} from './sequencer-store';

describe('nextSequencer', () => {
  it('given a clock ahead of the last sequencer, then the clock decides', () => {
    expect(nextSequencer('0', 1)).toBe('0000000000010000');
    expect(nextSequencer('0000000000010000', 2)).toBe('0000000000020000');
  });

  it('given the same millisecond twice, then the second is one more than the first', () => {
    const first = nextSequencer('0', 5);
    expect(nextSequencer(first, 5)).toBe('0000000000050001');
  });

  it('given a clock that went back, then the sequence still grows', () => {
    const late = nextSequencer('0', 1_700_000_000_000);
    const next = nextSequencer(late, 1_600_000_000_000);

    expect(compareSequencers(next, late)).toBeGreaterThan(0);
  });
});

describe('assignSequencer', () => {
  it('records the sequencer for the key and as the last one', () => {
    const { state, sequencer } = assignSequencer(EMPTY_SEQUENCER_STATE, 'a b.jpg', 3);

    expect(state).toEqual({ last: sequencer, keys: { 'a b.jpg': sequencer } });
    expect(EMPTY_SEQUENCER_STATE.keys).toEqual({});
  });
});

describe('assignRemovalSequencer', () => {
  it('given a key with an upload, then its removal is sequenced after it and the key has no current upload', () => {
    const uploaded = assignSequencer(EMPTY_SEQUENCER_STATE, 'a b.jpg', 3);
    const other = assignSequencer(uploaded.state, 'c.jpg', 3);

    const removed = assignRemovalSequencer(other.state, 'a b.jpg', 3);

    expect(compareSequencers(removed.sequencer, uploaded.sequencer)).toBeGreaterThan(0);
    expect(compareSequencers(removed.sequencer, other.sequencer)).toBeGreaterThan(0);
    expect(removed.state).toEqual({ last: removed.sequencer, keys: { 'c.jpg': other.sequencer } });
  });
});

describe('SequencerStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sequencers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given uploads in one run, when the store is opened again, then each key keeps the sequencer of its last upload', () => {
    const file = join(dir, 'sequencers.json');
    const clock = () => 1_000;
    const store = SequencerStore.open(file, clock);
    const first = store.assign('photos/café.jpg');
    const other = store.assign('b.png');
    const second = store.assign('photos/café.jpg');

    const reopened = SequencerStore.open(file, clock);

    expect([first, other, second]).toEqual([
      '0000000003E80000',
      '0000000003E80001',
      '0000000003E80002',
    ]);
    expect(reopened.current('photos/café.jpg')).toBe(second);
    expect(reopened.current('b.png')).toBe(other);
    expect(reopened.current('never-uploaded.jpg')).toBeUndefined();
    expect(reopened.current('__proto__')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      last: second,
      keys: { 'photos/café.jpg': second, 'b.png': other },
    });
  });

  it('given a reopened store and a stopped clock, when a key is uploaded again, then its sequencer is still newer', () => {
    const file = join(dir, 'sequencers.json');
    const before = SequencerStore.open(file, () => 2_000).assign('a.jpg');

    const after = SequencerStore.open(file, () => 1_000).assign('a.jpg');

    expect(compareSequencers(after, before)).toBeGreaterThan(0);
  });

  it('given a removal, when the store is opened again, then the key has no current upload and the next upload is newer', () => {
    const file = join(dir, 'sequencers.json');
    const store = SequencerStore.open(file, () => 1_000);
    const uploaded = store.assign('a.jpg');
    const removed = store.assignRemoval('a.jpg');

    const reopened = SequencerStore.open(file, () => 1_000);
    const reuploaded = reopened.assign('a.jpg');

    expect(compareSequencers(removed, uploaded)).toBeGreaterThan(0);
    expect(compareSequencers(reuploaded, removed)).toBeGreaterThan(0);
    expect(SequencerStore.open(file).current('a.jpg')).toBe(reuploaded);
  });
});
