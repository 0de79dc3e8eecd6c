import { InMemoryImageRecords } from '@imgpipe/aws';
import type { ImageEvent } from '@imgpipe/event-schemas';
import { imageEventFactory } from '@imgpipe/testing';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { runStage } from './run-stage';

class RejectedForTest extends Error {
  readonly permanent = true as const;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function imageEvent(sequencer: string, key = 'photos/a b.jpg'): ImageEvent {
  return imageEventFactory({ key, bucket: 'src', size: 10, eTag: 'e', sequencer });
}

const clock = () => new Date('2026-02-03T04:05:06.000Z');

describe('runStage', () => {
  it('given a new event, when the work succeeds, then the stage is written done with its sequencer', async () => {
    const records = new InMemoryImageRecords();

    const outcome = await runStage(
      { event: imageEvent('0A'), stage: 'resize', records, now: clock },
      async () => ({
        value: { outputs: [{ key: 'resized/a/320w.webp' }] },
        bytesIn: 100,
        bytesOut: 40,
      }),
    );

    expect(outcome).toEqual({ status: 'done', durationMs: 0, bytesIn: 100, bytesOut: 40 });
    expect((await records.get('photos/a b.jpg'))?.resize).toEqual({
      status: 'done',
      durationMs: 0,
      outputs: [{ key: 'resized/a/320w.webp' }],
      sequencer: normalizeSequencer('0A'),
      updatedAt: '2026-02-03T04:05:06.000Z',
    });
  });

  it('given the same event delivered twice, when it runs again, then no work is done and nothing changes', async () => {
    const records = new InMemoryImageRecords();
    const work = jest.fn(async () => ({ value: { n: 1 } }));
    await runStage({ event: imageEvent('0A'), stage: 'watermark', records, now: clock }, work);
    const before = await records.get('photos/a b.jpg');

    const again = await runStage({ event: imageEvent('0A'), stage: 'watermark', records }, work);

    expect(again).toEqual({ status: 'duplicate' });
    expect(work).toHaveBeenCalledTimes(1);
    expect(await records.get('photos/a b.jpg')).toEqual(before);
  });

  it('given a newer event already recorded, when an older one arrives late, then it is ignored', async () => {
    const records = new InMemoryImageRecords();
    await runStage({ event: imageEvent('0100'), stage: 'image', records }, async () => ({
      value: { width: 2 },
    }));

    const late = await runStage({ event: imageEvent('FF'), stage: 'image', records }, async () => ({
      value: { width: 1 },
    }));

    expect(late).toEqual({ status: 'duplicate' });
    expect((await records.get('photos/a b.jpg'))?.image).toMatchObject({
      width: 2,
      sequencer: normalizeSequencer('0100'),
    });
  });

  it('given a permanent failure, then the stage is recorded rejected with its code and reason, and also-attributes kept', async () => {
    const records = new InMemoryImageRecords();

    const outcome = await runStage(
      { event: imageEvent('0B'), stage: 'image', records, also: { ownerId: 'ana' }, now: clock },
      async () => {
        throw new RejectedForTest('not-an-image', 'bytes are not an image (looks like plain text)');
      },
    );

    expect(outcome).toMatchObject({ status: 'rejected', code: 'not-an-image' });
    expect(await records.get('photos/a b.jpg')).toEqual({
      imageId: 'photos/a b.jpg',
      ownerId: 'ana',
      image: {
        status: 'rejected',
        code: 'not-an-image',
        reason: 'bytes are not an image (looks like plain text)',
        sequencer: normalizeSequencer('0B'),
        updatedAt: '2026-02-03T04:05:06.000Z',
      },
    });
  });

  it('given a retryable failure, then it propagates and the record stays untouched', async () => {
    const records = new InMemoryImageRecords();

    await expect(
      runStage({ event: imageEvent('0C'), stage: 'resize', records }, async () => {
        throw new Error('ECONNRESET');
      }),
    ).rejects.toThrow('ECONNRESET');
    expect(await records.get('photos/a b.jpg')).toBeUndefined();
  });

  /** Runs an upload of sequencer 0D whose work, midway, sees `meanwhile` recorded for the stage. */
  async function runOvertakenBy(meanwhile: { sequencer: string } & Record<string, unknown>) {
    const records = new InMemoryImageRecords();
    const deleted: string[] = [];
    const outcome = await runStage(
      {
        event: imageEvent('0D'),
        stage: 'resize',
        records,
        deleteOutput: async (key) => {
          deleted.push(key);
        },
      },
      async () => {
        await records.writeStage({ imageId: 'photos/a b.jpg', stage: 'resize', value: meanwhile });
        return { value: {}, writtenKeys: ['resized/photos/a b.jpg/320w.webp'] };
      },
    );
    return { outcome, deleted, stage: (await records.get('photos/a b.jpg'))?.resize };
  }

  it('given a removal recorded while the work ran, when the work ends, then the outputs it wrote are deleted again', async () => {
    const removal = imageEventFactory({ key: 'photos/a b.jpg', sequencer: '0E', kind: 'removed' });

    const { outcome, deleted, stage } = await runOvertakenBy({
      status: 'deleted',
      sequencer: removal.sequencer,
      removedKeys: [],
    });

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(deleted).toEqual(['resized/photos/a b.jpg/320w.webp']);
    expect(stage).toMatchObject({ status: 'deleted' });
  });

  it('given a newer upload recorded while the work ran, when the work ends, then its outputs are left alone', async () => {
    const { outcome, deleted, stage } = await runOvertakenBy({
      status: 'done',
      sequencer: normalizeSequencer('0F'),
      outputs: [],
    });

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(deleted).toEqual([]);
    expect(stage).toMatchObject({ status: 'done' });
  });

  it('given an older upload recorded outputs, when a newer one is done, then the outputs it did not rewrite are deleted', async () => {
    const records = new InMemoryImageRecords();
    const deleted: string[] = [];
    const params = {
      stage: 'resize' as const,
      records,
      deleteOutput: async (key: string) => {
        deleted.push(key);
      },
    };
    const outputs = (keys: string[]) => ({
      value: { outputs: keys.map((key) => ({ key })) },
      writtenKeys: keys,
    });
    await runStage({ ...params, event: imageEvent('01') }, async () =>
      outputs(['resized/a/480w.webp', 'resized/a/320w.webp']),
    );

    const outcome = await runStage({ ...params, event: imageEvent('02') }, async () =>
      outputs(['resized/a/400w.webp', 'resized/a/320w.webp']),
    );

    expect(outcome).toMatchObject({ status: 'done' });
    expect(deleted).toEqual(['resized/a/480w.webp']);
  });
});
