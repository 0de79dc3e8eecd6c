import { deletedRecord, doneRecord, rejectedStage, withoutStages } from './testing/record-fixtures';
import { recordState } from './record-state';

describe('record state', () => {
  it('is pending without a record, and while any stage is missing', () => {
    const partial = withoutStages(doneRecord('a.jpg'), 'watermark');

    expect(recordState(undefined).state).toBe('pending');
    expect(recordState(partial)).toEqual({
      state: 'pending',
      stages: { image: 'done', resize: 'done', watermark: 'pending' },
      reasons: [],
    });
  });

  it('is done when every stage is done, and rejected with reasons when any stage refused', () => {
    expect(recordState(doneRecord('a.jpg')).state).toBe('done');
    expect(
      recordState(
        doneRecord('a.jpg', { resize: rejectedStage('too-many-pixels', 'the image has 120 MP') }),
      ),
    ).toEqual({
      state: 'rejected',
      stages: { image: 'done', resize: 'rejected', watermark: 'done' },
      reasons: ['resize: the image has 120 MP'],
    });
  });

  it('is deleted when every stage says deleted, and pending while only some do', () => {
    const deleted = deletedRecord('a.jpg');
    const halfway = deletedRecord('a.jpg', ['image']);

    expect(recordState(deleted)).toEqual({
      state: 'deleted',
      stages: { image: 'deleted', resize: 'deleted', watermark: 'deleted' },
      reasons: [],
    });
    expect(recordState(halfway).state).toBe('pending');
    expect(recordState(halfway).stages).toEqual({
      image: 'deleted',
      resize: 'done',
      watermark: 'done',
    });
  });

  it('treats a record from an upload of other bytes as pending for this upload', () => {
    const record = doneRecord('a.jpg');

    expect(recordState(record, '"9b2cf535f27731c974343645a3985328"').state).toBe('done');
    expect(recordState(record, '"0000000000000000000000000000beef"').state).toBe('pending');
  });

  it('treats a stage written for an older event than the recorded source as pending', () => {
    const record = doneRecord('a.jpg');
    const source = record.source && {
      ...record.source,
      sequencer: '0000000000000000005AED6DCD90FFFF',
    };
    const image = record.image && {
      ...record.image,
      sequencer: '0000000000000000005AED6DCD90FFFF',
    };

    const state = recordState(
      { ...record, ...(source ? { source } : {}), ...(image ? { image } : {}) },
      '9b2cf535f27731c974343645a3985328',
    );

    expect(state.state).toBe('pending');
  });
});
