import { imageRecordSchema, isRecordComplete } from './image-record.schema';

const stage = { sequencer: '01', updatedAt: '2026-01-01T00:00:00.000Z' };

describe('image record', () => {
  it('given a record missing a stage, then it is not complete', () => {
    expect(
      isRecordComplete({ image: { ...stage, status: 'rejected', code: 'corrupt', reason: 'r' } }),
    ).toBe(false);
    expect(isRecordComplete(undefined)).toBe(false);
  });

  it('given every stage ended, done or rejected, then it is complete', () => {
    const rejected = {
      ...stage,
      status: 'rejected' as const,
      code: 'corrupt',
      reason: 'truncated JPEG',
    };
    const done = { ...stage, status: 'done' as const, durationMs: 3, outputs: [] };

    expect(isRecordComplete({ image: rejected, resize: done, watermark: rejected })).toBe(true);
  });

  it('given a rejected stage without a reason, then the schema refuses it', () => {
    const result = imageRecordSchema.safeParse({
      imageId: 'a',
      resize: { ...stage, status: 'rejected', code: 'x', reason: '' },
    });

    expect(result.success).toBe(false);
  });

  it('given a stage deleted after its source was removed, then the schema accepts it and the record is complete', () => {
    const deleted = {
      ...stage,
      status: 'deleted' as const,
      deletedAt: '2026-01-02T00:00:00.000Z',
      removedKeys: ['resized/a/320w.webp'],
    };
    const record = {
      imageId: 'a',
      image: { ...deleted, removedKeys: [] },
      resize: deleted,
      watermark: deleted,
    };

    expect(imageRecordSchema.parse(record)).toEqual(record);
    expect(isRecordComplete(record)).toBe(true);
  });
});
