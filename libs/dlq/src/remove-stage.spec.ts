import { InMemoryImageRecords } from '@imgpipe/aws';
import type { ImageRecords } from '@imgpipe/aws';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { imageEventFactory } from '@imgpipe/testing';
import { removeStage } from './remove-stage';

const KEY = 'ana/a b+.jpg';
const clock = () => new Date('2026-03-04T05:06:07.000Z');
const seq = normalizeSequencer;

function removal(sequencer: string) {
  return imageEventFactory({
    key: KEY,
    sequencer,
    kind: 'removed',
    eventTime: '2026-03-04T05:00:00.000Z',
  });
}

function doneStage(sequencer: string, keys: readonly string[]) {
  return {
    status: 'done',
    sequencer: seq(sequencer),
    updatedAt: 't',
    durationMs: 1,
    outputs: keys.map((key) => ({ key, format: 'webp', width: 1, height: 1, bytes: 1 })),
  };
}

async function seeded(stage: Record<string, unknown>): Promise<InMemoryImageRecords> {
  const records = new InMemoryImageRecords();
  await records.writeStage({
    imageId: KEY,
    stage: 'resize',
    value: stage as { sequencer: string } & Record<string, unknown>,
  });
  return records;
}

describe('removeStage', () => {
  function setUp(records: ImageRecords) {
    const deleted: string[] = [];
    const params = {
      stage: 'resize' as const,
      records,
      source: { head: async () => undefined },
      possibleKeys: ['resized/ana/a b+.jpg/800w.webp'],
      deleteOutput: async (key: string) => {
        deleted.push(key);
      },
      now: clock,
    };
    return { deleted, params };
  }

  it('given a done stage, when the source is removed, then the stage is marked deleted first and every output is deleted', async () => {
    const records = await seeded(doneStage('01', ['resized/ana/a b+.jpg/500w.webp']));
    const order: string[] = [];
    const tracking: ImageRecords = {
      get: (id) => records.get(id),
      writeStage: async (write) => {
        order.push('mark');
        return records.writeStage(write);
      },
    };
    const { deleted, params } = setUp(tracking);
    const deleteOutput = async (key: string) => {
      order.push('delete');
      await params.deleteOutput(key);
    };

    const outcome = await removeStage({ ...params, event: removal('02'), deleteOutput });

    expect(outcome).toEqual({ status: 'deleted', removedKeys: 2, durationMs: 0 });
    expect(order).toEqual(['mark', 'delete', 'delete']);
    expect(deleted).toEqual(['resized/ana/a b+.jpg/500w.webp', 'resized/ana/a b+.jpg/800w.webp']);
    expect((await records.get(KEY))?.resize).toEqual({
      status: 'deleted',
      sequencer: seq('02'),
      deletedAt: '2026-03-04T05:00:00.000Z',
      updatedAt: '2026-03-04T05:06:07.000Z',
      removedKeys: deleted,
    });
  });

  it('given the key still has an object (an older version or a delete marker was deleted, or a re-upload landed), when the removal arrives, then nothing changes and nothing is deleted', async () => {
    const records = await seeded(doneStage('01', ['resized/ana/a b+.jpg/500w.webp']));
    const before = await records.get(KEY);
    const { deleted, params } = setUp(records);
    const heads: string[] = [];
    const source = {
      head: async (bucket: string, key: string) => {
        heads.push(`${bucket}/${key}`);
        return {
          size: 1,
          eTag: 'e',
          contentType: 'image/jpeg',
          lastModified: new Date(0),
          metadata: {},
        };
      },
    };

    const outcome = await removeStage({ ...params, source, event: removal('02') });

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(heads).toEqual([`${removal('02').bucket}/${KEY}`]);
    expect(deleted).toEqual([]);
    expect(await records.get(KEY)).toEqual(before);
  });

  it('given a newer upload already recorded, when an older removal arrives late, then nothing changes and nothing is deleted', async () => {
    const records = await seeded(doneStage('03', ['resized/ana/a b+.jpg/500w.webp']));
    const before = await records.get(KEY);
    const { deleted, params } = setUp(records);

    const outcome = await removeStage({ ...params, event: removal('02') });

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(deleted).toEqual([]);
    expect(await records.get(KEY)).toEqual(before);
  });

  it('given the deletes failed after the mark, when the removal is redelivered, then it deletes the recorded keys again', async () => {
    const records = await seeded(doneStage('01', ['resized/ana/a b+.jpg/500w.webp']));
    const { deleted, params } = setUp(records);
    const failing = async () => {
      throw new Error('SlowDown');
    };
    await expect(
      removeStage({ ...params, event: removal('02'), deleteOutput: failing }),
    ).rejects.toThrow('SlowDown');
    const marked = await records.get(KEY);

    const retried = await removeStage({ ...params, event: removal('02') });

    expect(retried).toEqual({ status: 'duplicate' });
    expect(deleted).toEqual(['resized/ana/a b+.jpg/500w.webp', 'resized/ana/a b+.jpg/800w.webp']);
    expect(await records.get(KEY)).toEqual(marked);
  });

  it('given a done stage, when the source is removed, then its recorded outputs are deleted first and no key twice', async () => {
    const records = await seeded(
      doneStage('01', ['resized/ana/a b+.jpg/500w.webp', 'resized/ana/a b+.jpg/800w.webp']),
    );
    const { deleted, params } = setUp(records);

    await removeStage({ ...params, event: removal('02') });

    expect(deleted).toEqual(['resized/ana/a b+.jpg/500w.webp', 'resized/ana/a b+.jpg/800w.webp']);
  });

  it('given a rejected stage or none, when the source is removed, then it is marked deleted and only the possible keys are deleted', async () => {
    const rejected = { status: 'rejected', sequencer: seq('01'), code: 'c', reason: 'r' };
    for (const records of [await seeded(rejected), new InMemoryImageRecords()]) {
      const { deleted, params } = setUp(records);

      const outcome = await removeStage({ ...params, event: removal('02') });

      expect(outcome).toEqual({ status: 'deleted', removedKeys: 1, durationMs: 0 });
      expect(deleted).toEqual(params.possibleKeys);
      expect((await records.get(KEY))?.resize?.status).toBe('deleted');
    }
  });

  it('given a later removal already marked the stage, when an older removal arrives, then nothing changes and nothing is deleted', async () => {
    const records = new InMemoryImageRecords();
    await removeStage({ ...setUp(records).params, event: removal('03') });
    const marked = await records.get(KEY);
    const { deleted, params } = setUp(records);

    const outcome = await removeStage({ ...params, event: removal('02') });

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(deleted).toEqual([]);
    expect(await records.get(KEY)).toEqual(marked);
  });

  it('given a newer event wins the write after the read, then the removal deletes nothing', async () => {
    const racing: ImageRecords = {
      get: async () => undefined,
      writeStage: async () => 'stale',
    };
    const { deleted, params } = setUp(racing);

    const outcome = await removeStage({ ...params, event: removal('02') });

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(deleted).toEqual([]);
  });
});
