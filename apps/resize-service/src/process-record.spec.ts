import { InMemoryImageRecords, InMemoryObjectStore } from '@imgpipe/aws';
import type { ImageEvent } from '@imgpipe/event-schemas';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { DEFAULT_IMAGE_LIMITS, OUTPUT_CACHE_CONTROL } from '@imgpipe/imaging';
import { jpeg, textAsJpeg, imageEventFactory } from '@imgpipe/testing';
import sharp from 'sharp';
import type { ResizeDeps } from './process-record';
import { removeRenditions, resizeRecord } from './process-record';
import { DEFAULT_RESIZE_SPEC } from './resize';

const SOURCE = 'uploads';
const PROCESSED = 'processed';
const KEY = 'ana/my photo+1 é.jpg';

function eventFor(key: string, sequencer = '0000000000000000A1'): ImageEvent {
  return imageEventFactory({ key, bucket: SOURCE, sequencer });
}

function removalOf(key: string, sequencer: string): ImageEvent {
  return imageEventFactory({ key, bucket: SOURCE, sequencer, kind: 'removed' });
}

function setUp(overrides: Partial<ResizeDeps> = {}) {
  const store = new InMemoryObjectStore();
  const records = new InMemoryImageRecords();
  const ticks = [0, 40, 80, 120];
  const deps: ResizeDeps = {
    store,
    records,
    processedBucket: PROCESSED,
    limits: DEFAULT_IMAGE_LIMITS,
    spec: { ...DEFAULT_RESIZE_SPEC, widths: [48, 24], thumbnailSize: 16 },
    cacheControl: OUTPUT_CACHE_CONTROL,
    now: () => new Date(Date.UTC(2026, 0, 1) + (ticks.shift() ?? 200)),
    ...overrides,
  };
  return { store, records, deps };
}

describe('resizeRecord', () => {
  it('given a JPEG upload, when processed, then each rendition is stored with its type and recorded with its size', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, KEY, await jpeg({ width: 64, height: 48 }), { contentType: 'image/jpeg' });

    const outcome = await resizeRecord(eventFor(KEY), deps);

    const stage = (await records.get(KEY))?.resize;
    if (stage?.status !== 'done') throw new Error(`resize stage is ${JSON.stringify(stage)}`);
    expect(stage.durationMs).toBe(40);
    expect(stage.outputs.map((o) => [o.key, o.format, o.width, o.height])).toEqual([
      [`resized/${KEY}/48w.webp`, 'webp', 48, 36],
      [`resized/${KEY}/48w.jpg`, 'jpeg', 48, 36],
      [`resized/${KEY}/24w.webp`, 'webp', 24, 18],
      [`resized/${KEY}/24w.jpg`, 'jpeg', 24, 18],
      [`resized/${KEY}/thumb-16.webp`, 'webp', 16, 16],
      [`resized/${KEY}/thumb-16.jpg`, 'jpeg', 16, 16],
    ]);
    for (const file of stage.outputs) {
      const stored = store.objects.get(`${PROCESSED}/${file.key}`);
      const meta = await sharp(stored?.body).metadata();
      expect([stored?.head.contentType, stored?.body.length, meta.width, meta.height]).toEqual([
        file.format === 'webp' ? 'image/webp' : 'image/jpeg',
        file.bytes,
        file.width,
        file.height,
      ]);
    }
    expect(outcome).toMatchObject({
      status: 'done',
      bytesOut: stage.outputs.reduce((sum, o) => sum + o.bytes, 0),
    });
  });

  it('given an object over the byte limit, when processed, then it is rejected without a download', async () => {
    const { store, records, deps } = setUp({ limits: { ...DEFAULT_IMAGE_LIMITS, maxBytes: 100 } });
    store.seed(SOURCE, KEY, await jpeg({ width: 64, height: 48 }));

    const outcome = await resizeRecord(eventFor(KEY), deps);

    expect(store.reads).toEqual([]);
    expect(store.discarded).toEqual([`${SOURCE}/${KEY}`]);
    expect(outcome).toMatchObject({ status: 'rejected', code: 'too-large' });
    expect((await records.get(KEY))?.resize).toMatchObject({
      status: 'rejected',
      code: 'too-large',
    });
  });

  it('given a source key too long for its outputs, when processed, then the stage is rejected before any read and nothing is written', async () => {
    const { store, records, deps } = setUp({ spec: DEFAULT_RESIZE_SPEC });
    const key = `long/${'é'.repeat(498)}x`; // 1,002 bytes: thumb-200.webp's key would be 1,025
    store.seed(SOURCE, key, await jpeg({ width: 64, height: 48 }));

    const outcome = await resizeRecord(eventFor(key), deps);

    expect(outcome).toMatchObject({ status: 'rejected', code: 'output-key-too-long' });
    expect((await records.get(key))?.resize).toMatchObject({
      status: 'rejected',
      code: 'output-key-too-long',
      reason: expect.stringMatching(
        /^source key is 1,002 bytes of UTF-8, so output key resized\/<source key>\/thumb-200\.webp would be 1,025 bytes, over S3's 1,024-byte key limit/,
      ),
    });
    expect(store.reads).toEqual([]);
    expect([...store.objects.keys()]).toEqual([`${SOURCE}/${key}`]);
  });

  it('given the longest source key whose outputs fit, when processed, then every rendition is written and the longest key is 1,024 bytes', async () => {
    const { store, records, deps } = setUp({ spec: DEFAULT_RESIZE_SPEC });
    const key = `long/${'é'.repeat(497)}xx`; // 1,001 bytes
    store.seed(SOURCE, key, await jpeg({ width: 64, height: 48 }));

    await resizeRecord(eventFor(key), deps);

    const stage = (await records.get(key))?.resize;
    if (stage?.status !== 'done') throw new Error(`resize stage is ${JSON.stringify(stage)}`);
    expect(stage.outputs.map((o) => Buffer.byteLength(o.key))).toEqual([1018, 1017, 1024, 1023]);
    expect(stage.outputs.every((o) => store.objects.has(`${PROCESSED}/${o.key}`))).toBe(true);
  });

  it('given text uploaded as .jpg, when processed, then the stage is rejected with a readable reason and nothing is stored', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, 'notes.jpg', textAsJpeg(), { contentType: 'image/jpeg' });

    await resizeRecord(eventFor('notes.jpg'), deps);

    expect((await records.get('notes.jpg'))?.resize).toMatchObject({
      status: 'rejected',
      code: 'not-an-image',
      reason: 'bytes are not an image (looks like text)',
    });
    expect([...store.objects.keys()]).toEqual([`${SOURCE}/notes.jpg`]);
  });

  it('given an object deleted before processing, when processed, then the stage is rejected as source-missing', async () => {
    const { records, deps } = setUp();

    const outcome = await resizeRecord(eventFor('gone.jpg'), deps);

    expect(outcome).toMatchObject({ status: 'rejected', code: 'source-missing' });
    expect((await records.get('gone.jpg'))?.resize?.status).toBe('rejected');
  });

  it('given the same event delivered twice, when processed again, then nothing is downloaded or rewritten', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, KEY, await jpeg({ width: 64, height: 48 }));
    await resizeRecord(eventFor(KEY), deps);
    const first = await records.get(KEY);

    const outcome = await resizeRecord(eventFor(KEY), deps);

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(store.reads).toHaveLength(1);
    expect(store.unsettled).toBe(0);
    expect(await records.get(KEY)).toEqual(first);
  });

  it('given an upload that fails for a transient reason, when processed, then the error is thrown for a retry and nothing is recorded', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, KEY, await jpeg({ width: 64, height: 48 }));
    store.put = () => Promise.reject(new Error('SlowDown: please reduce your request rate'));

    await expect(resizeRecord(eventFor(KEY), deps)).rejects.toThrow('SlowDown');
    expect(await records.get(KEY)).toBeUndefined();
  });
});

describe('removeRenditions', () => {
  it('given renditions named after a source narrower than the widest width, when the source is removed, then every rendition is deleted and the stage says deleted', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, KEY, await jpeg({ width: 30, height: 20 }));
    await resizeRecord(eventFor(KEY, '01'), deps);
    const written = store.keysUnder(PROCESSED);
    store.seed(PROCESSED, 'resized/other.jpg/24w.webp', Buffer.from('not mine'));
    await store.delete(SOURCE, KEY);

    const outcome = await removeRenditions(removalOf(KEY, '02'), deps);

    expect(written).toContain(`resized/${KEY}/30w.webp`);
    expect(outcome).toMatchObject({ status: 'deleted' });
    expect(store.keysUnder(PROCESSED)).toEqual(['resized/other.jpg/24w.webp']);
    const stage = (await records.get(KEY))?.resize as Record<string, unknown> | undefined;
    expect(stage).toMatchObject({ status: 'deleted', sequencer: normalizeSequencer('02') });
    expect(stage?.['removedKeys']).toEqual(expect.arrayContaining(written));
  });

  it('given a re-upload already processed, when the older removal arrives late, then its renditions and record stay', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, KEY, await jpeg({ width: 64, height: 48 }));
    await resizeRecord(eventFor(KEY, '03'), deps);
    const before = await records.get(KEY);
    const written = store.keysUnder(PROCESSED);

    const outcome = await removeRenditions(removalOf(KEY, '02'), deps);

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(store.keysUnder(PROCESSED)).toEqual(written);
    expect(await records.get(KEY)).toEqual(before);
  });

  it('given a removal already applied, when the older upload arrives late, then nothing is written', async () => {
    const { store, records, deps } = setUp();
    await removeRenditions(removalOf(KEY, '02'), deps);

    const outcome = await resizeRecord(eventFor(KEY, '01'), deps);

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(store.keysUnder(PROCESSED)).toEqual([]);
    expect((await records.get(KEY))?.resize).toMatchObject({ status: 'deleted' });
  });

  it('given the source is removed while its upload is being resized, then no rendition is left behind', async () => {
    const { store, records, deps } = setUp();
    store.seed(SOURCE, KEY, await jpeg({ width: 64, height: 48 }));
    const open = store.open.bind(store);
    store.open = async (bucket, key) => {
      const opened = await open(bucket, key);
      if (!opened) return undefined;
      const read = async (): Promise<Buffer> => {
        const bytes = await opened.read();
        await store.delete(SOURCE, KEY);
        await removeRenditions(removalOf(KEY, '02'), deps);
        return bytes;
      };
      return { ...opened, read };
    };

    const outcome = await resizeRecord(eventFor(KEY, '01'), deps);

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(store.keysUnder(PROCESSED)).toEqual([]);
    expect((await records.get(KEY))?.resize).toMatchObject({ status: 'deleted' });
  });
});
