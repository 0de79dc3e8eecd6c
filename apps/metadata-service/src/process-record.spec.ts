import { createHash } from 'node:crypto';
import { InMemoryImageRecords, InMemoryObjectStore } from '@imgpipe/aws';
import type { ImageEvent } from '@imgpipe/event-schemas';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import { jpeg, textAsJpeg, truncated, imageEventFactory } from '@imgpipe/testing';
import { describeImage, markImageDeleted } from './process-record';

const BUCKET = 'imgpipe-source';

function eventFor(key: string, sequencer = '0A'): ImageEvent {
  return imageEventFactory({ key, bucket: BUCKET, sequencer });
}

function setup() {
  const store = new InMemoryObjectStore();
  const records = new InMemoryImageRecords();
  return { store, records, deps: { store, records, limits: DEFAULT_IMAGE_LIMITS } };
}

describe('describeImage', () => {
  it('given a rotated camera JPEG, then the record holds its source and true image facts', async () => {
    const { store, records, deps } = setup();
    const bytes = await jpeg({
      width: 64,
      height: 48,
      orientation: 6,
      exif: { make: 'Canon', model: 'EOS R5' },
    });
    store.seed(BUCKET, 'ana/beach day.jpg', bytes, { contentType: 'image/jpeg' });

    const outcome = await describeImage(eventFor('ana/beach day.jpg'), deps);

    expect(outcome).toMatchObject({ status: 'done', bytesIn: bytes.length });
    const record = await records.get('ana/beach day.jpg');
    expect(record).toMatchObject({
      ownerId: 'ana',
      uploadedAt: '2026-01-01T00:00:00.000Z',
      source: {
        bucket: BUCKET,
        key: 'ana/beach day.jpg',
        size: bytes.length,
        contentType: 'image/jpeg',
        ownerId: 'ana',
      },
      image: {
        status: 'done',
        format: 'jpeg',
        width: 64,
        height: 48,
        orientation: 6,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        exif: { make: 'Canon', model: 'EOS R5' },
        sequencer: normalizeSequencer('0A'),
      },
    });
  });

  it('given a zero-byte object, then it is rejected as empty without a download', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'empty.jpg', Buffer.alloc(0));

    await describeImage(eventFor('empty.jpg'), deps);

    expect((await records.get('empty.jpg'))?.image).toMatchObject({
      status: 'rejected',
      code: 'empty',
      reason: 'file is 0 bytes',
    });
    expect(store.reads).toEqual([]);
  });

  it('given an object over the byte limit, then it is rejected from its GET headers alone, with its source facts kept', async () => {
    const { store, records, deps } = setup();
    const bytes = await jpeg({ width: 64, height: 64 });
    store.seed(BUCKET, 'big.jpg', bytes, { contentType: 'image/jpeg' });

    await describeImage(eventFor('big.jpg'), {
      ...deps,
      limits: { ...DEFAULT_IMAGE_LIMITS, maxBytes: 100 },
    });

    const record = await records.get('big.jpg');
    expect(record?.image).toMatchObject({ status: 'rejected', code: 'too-large' });
    expect(record?.source).toMatchObject({
      size: bytes.length,
      eTag: `etag-${bytes.length}`,
      contentType: 'image/jpeg',
    });
    expect(store.reads).toEqual([]);
    expect([store.discarded, store.unsettled]).toEqual([[`${BUCKET}/big.jpg`], 0]);
  });

  it('given a text file named .jpg, then it is rejected as not an image, with its owner kept', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'bo/notes.jpg', textAsJpeg(), { contentType: 'image/jpeg' });

    await describeImage(eventFor('bo/notes.jpg'), deps);

    const record = await records.get('bo/notes.jpg');
    expect(record?.image).toMatchObject({ status: 'rejected', code: 'not-an-image' });
    expect(record?.ownerId).toBe('bo');
  });

  it('given a truncated JPEG, then it is rejected as corrupt, not retried', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'cut.jpg', truncated(await jpeg({ width: 256, height: 256 }), 0.5));

    const outcome = await describeImage(eventFor('cut.jpg'), deps);

    expect(outcome).toMatchObject({ status: 'rejected', code: 'corrupt' });
    expect((await records.get('cut.jpg'))?.image?.status).toBe('rejected');
  });

  it('given the object was deleted before processing, then the stage records that it is missing', async () => {
    const { records, deps } = setup();

    await describeImage(eventFor('gone.jpg'), deps);

    expect((await records.get('gone.jpg'))?.image).toMatchObject({
      status: 'rejected',
      code: 'source-missing',
    });
  });

  it('given the same event twice, then the second does no download and changes nothing', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'a.jpg', await jpeg());
    await describeImage(eventFor('a.jpg'), deps);
    const first = await records.get('a.jpg');

    const again = await describeImage(eventFor('a.jpg'), deps);

    expect(again).toEqual({ status: 'duplicate' });
    expect(store.reads).toEqual([`${BUCKET}/a.jpg`]);
    expect([store.discarded, store.unsettled]).toEqual([[`${BUCKET}/a.jpg`], 0]);
    expect(await records.get('a.jpg')).toEqual(first);
  });

  it('given a stale event after a newer one, then the newer facts stay', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'a.jpg', await jpeg({ width: 40, height: 30 }));
    await describeImage(eventFor('a.jpg', '0200'), deps);

    const late = await describeImage(eventFor('a.jpg', '01FF'), deps);

    expect(late).toEqual({ status: 'duplicate' });
    expect((await records.get('a.jpg'))?.image?.sequencer).toBe(normalizeSequencer('0200'));
  });

  it('given the download fails for a transient reason, then the error propagates and nothing is recorded', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'a.jpg', await jpeg());
    const open = store.open.bind(store);
    store.open = async (bucket, key) => {
      const opened = await open(bucket, key);
      return opened && { ...opened, read: () => Promise.reject(new Error('ETIMEDOUT')) };
    };

    await expect(describeImage(eventFor('a.jpg'), deps)).rejects.toThrow('ETIMEDOUT');
    expect(await records.get('a.jpg')).toBeUndefined();
    expect(store.unsettled).toBe(0);
  });
});

describe('markImageDeleted', () => {
  function removalOf(key: string, sequencer: string) {
    return imageEventFactory({ key, bucket: BUCKET, sequencer, kind: 'removed' });
  }

  it('given a described image, when its source is removed, then the image stage says deleted and the source facts stay', async () => {
    const { store, records, deps } = setup();
    store.seed(BUCKET, 'ana/a.jpg', await jpeg(), { contentType: 'image/jpeg' });
    await describeImage(eventFor('ana/a.jpg', '01'), deps);
    const { source, ownerId } = (await records.get('ana/a.jpg')) ?? {};
    await store.delete(BUCKET, 'ana/a.jpg');

    const outcome = await markImageDeleted(removalOf('ana/a.jpg', '02'), deps);

    expect(outcome).toMatchObject({ status: 'deleted', removedKeys: 0 });
    expect(await records.get('ana/a.jpg')).toEqual({
      imageId: 'ana/a.jpg',
      ownerId,
      uploadedAt: source?.uploadedAt,
      source,
      image: {
        status: 'deleted',
        sequencer: normalizeSequencer('02'),
        deletedAt: '2026-01-01T00:00:00.000Z',
        removedKeys: [],
        updatedAt: expect.any(String),
      },
    });
  });

  it('given the removal was applied first, when the re-upload arrives, then the record describes the re-upload', async () => {
    const { store, records, deps } = setup();
    await markImageDeleted(removalOf('ana/a.jpg', '02'), deps);
    store.seed(BUCKET, 'ana/a.jpg', await jpeg({ width: 40, height: 30 }));

    const outcome = await describeImage(eventFor('ana/a.jpg', '03'), deps);

    expect(outcome).toMatchObject({ status: 'done' });
    expect((await records.get('ana/a.jpg'))?.image).toMatchObject({
      status: 'done',
      width: 40,
      sequencer: normalizeSequencer('03'),
    });
  });
});
