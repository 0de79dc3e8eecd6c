import { STAGES, isRecordComplete } from '@imgpipe/event-schemas';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { needsProcessing, selectIncomplete, stagesOf } from './reconcile';

const done = { status: 'done', sequencer: '01', updatedAt: '2026-01-01T00:00:00Z' };
const rejected = {
  status: 'rejected',
  sequencer: '01',
  updatedAt: '2026-01-01T00:00:00Z',
  reason: 'not an image',
  code: 'not-an-image',
};

function record(stages: Partial<Record<'image' | 'resize' | 'watermark', object>>): ImageRecord {
  return { imageId: 'x', ...stages } as ImageRecord;
}

describe('stagesOf', () => {
  it('maps services to the record stages they write', () => {
    expect(stagesOf(['metadata', 'resize', 'watermark'])).toEqual(['image', 'resize', 'watermark']);
    expect(stagesOf([])).toEqual([]);
  });
});

describe('needsProcessing', () => {
  it.each([
    ['no record', undefined],
    ['no stage yet', record({})],
    ['image done only', record({ image: done })],
    ['two of three', record({ image: done, resize: rejected })],
    ['all ended', record({ image: done, resize: rejected, watermark: done })],
  ])('given %s and every service running, then it agrees with isRecordComplete', (_name, item) => {
    expect(needsProcessing(item, STAGES)).toBe(!isRecordComplete(item));
  });

  it('given a stage whose service is not running, then that stage is not waited for', () => {
    expect(needsProcessing(record({ image: done }), ['image'])).toBe(false);
    expect(needsProcessing(record({ image: done }), ['image', 'resize'])).toBe(true);
  });

  it('given a rejected stage, then it counts as ended', () => {
    expect(needsProcessing(record({ image: rejected }), ['image'])).toBe(false);
  });

  it('given no running service, then nothing needs processing', () => {
    expect(needsProcessing(undefined, [])).toBe(false);
  });
});

describe('selectIncomplete', () => {
  it('given a listing and records, then it keeps, in order, the objects a running stage has not ended', () => {
    const objects = [
      { key: 'new.jpg', size: 1, eTag: 'e1' },
      { key: 'finished.jpg', size: 2, eTag: 'e2' },
      { key: 'half.jpg', size: 3, eTag: 'e3' },
      { key: 'a b+c.jpg', size: 4, eTag: 'e4' },
    ];
    const records = new Map<string, ImageRecord | undefined>([
      ['finished.jpg', record({ image: done, resize: done })],
      ['half.jpg', record({ image: done })],
      ['a b+c.jpg', record({ resize: rejected })],
    ]);

    const selected = selectIncomplete(objects, records, ['image', 'resize']);

    expect(selected.map((object) => object.key)).toEqual(['new.jpg', 'half.jpg', 'a b+c.jpg']);
  });
});
