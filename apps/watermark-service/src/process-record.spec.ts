import type { ObjectStore, PutOptions } from '@imgpipe/aws';
import { InMemoryImageRecords, InMemoryObjectStore } from '@imgpipe/aws';
import type { ImageEvent } from '@imgpipe/event-schemas';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import { animatedGif, jpeg, pngWithAlpha, textAsJpeg, imageEventFactory } from '@imgpipe/testing';
import sharp from 'sharp';

import { WATERMARK_DEFAULTS } from './config';
import { createMarkLoader, MarkUnavailableError } from './mark-loader';
import type { WatermarkDeps } from './process-record';
import { removeWatermarked, watermarkRecord } from './process-record';

const SOURCE = 'imgpipe-source';
const PROCESSED = 'imgpipe-processed';

function eventFor(key: string, sequencer = '0A'): ImageEvent {
  return imageEventFactory({ key, bucket: SOURCE, sequencer });
}

function setup(overrides: Partial<WatermarkDeps> = {}) {
  const store = new InMemoryObjectStore();
  const records = new InMemoryImageRecords();
  const { text, ...options } = WATERMARK_DEFAULTS;
  const deps: WatermarkDeps = {
    store,
    records,
    processedBucket: PROCESSED,
    limits: DEFAULT_IMAGE_LIMITS,
    options,
    mark: createMarkLoader(
      { text, logo: { kind: 'bundled' } },
      { store, bucket: PROCESSED, limits: DEFAULT_IMAGE_LIMITS },
    ),
    cacheControl: 'public, max-age=86400',
    ...overrides,
  };
  return { store, records, deps };
}

describe('watermarkRecord', () => {
  it.each([
    [
      'ana/été 2024/a+b 1.jpg',
      () => jpeg({ width: 640, height: 480 }),
      'jpeg',
      'image/jpeg',
      'jpg',
    ],
    [
      'logos/c++ tea.png',
      () => pngWithAlpha({ width: 320, height: 160 }),
      'png',
      'image/png',
      'png',
    ],
    [
      'fun/cat.gif',
      () => animatedGif({ width: 160, height: 120, frames: 3 }),
      'webp',
      'image/webp',
      'webp',
    ],
  ])(
    'given %s, when processed, then the copy is stored with its type and the record lists it',
    async (key, make, format, contentType, extension) => {
      const { store, records, deps } = setup();
      const bytes = await make();
      store.seed(SOURCE, key, bytes);

      const outcome = await watermarkRecord(eventFor(key), deps);

      const outputKey = `watermarked/${key}.${extension}`;
      const stored = store.objects.get(`${PROCESSED}/${outputKey}`);
      expect(stored?.head.contentType).toBe(contentType);
      const metadata = await sharp(stored?.body).metadata();
      expect(metadata.format).toBe(format);
      expect(outcome).toMatchObject({
        status: 'done',
        bytesIn: bytes.length,
        bytesOut: stored?.body.length,
      });
      expect((await records.get(key))?.watermark).toMatchObject({
        status: 'done',
        sequencer: normalizeSequencer('0A'),
        outputs: [
          {
            key: outputKey,
            format,
            width: metadata.width,
            height: metadata.pageHeight ?? metadata.height,
            bytes: stored?.body.length,
          },
        ],
      });
    },
  );

  it('given a copy is stored, when written, then it carries the configured Cache-Control', async () => {
    const puts: PutOptions[] = [];
    const { store, deps } = setup();
    const recordingStore: ObjectStore = {
      head: (bucket, key) => store.head(bucket, key),
      open: (bucket, key) => store.open(bucket, key),
      get: (bucket, key) => store.get(bucket, key),
      put: async (bucket, key, body, options) => {
        puts.push(options);
        await store.put(bucket, key, body, options);
      },
      delete: (bucket, key) => store.delete(bucket, key),
    };
    store.seed(SOURCE, 'a.jpg', await jpeg());

    await watermarkRecord(eventFor('a.jpg'), { ...deps, store: recordingStore });

    expect(puts).toEqual([{ contentType: 'image/jpeg', cacheControl: 'public, max-age=86400' }]);
  });

  it('given an object over the byte limit, when processed, then it is rejected without a download', async () => {
    const { store, records, deps } = setup({ limits: { ...DEFAULT_IMAGE_LIMITS, maxBytes: 100 } });
    store.seed(SOURCE, 'big.jpg', await jpeg({ width: 256, height: 256 }));

    const outcome = await watermarkRecord(eventFor('big.jpg'), deps);

    expect(outcome).toMatchObject({ status: 'rejected', code: 'too-large' });
    expect(store.reads).toEqual([]);
    expect(store.discarded).toEqual([`${SOURCE}/big.jpg`]);
    expect((await records.get('big.jpg'))?.watermark).toMatchObject({
      status: 'rejected',
      code: 'too-large',
      reason: expect.stringContaining('over the 100 bytes limit'),
    });
  });

  it('given a source key too long for the copy, when processed, then the stage is rejected before any read and nothing is written', async () => {
    const { store, records, deps } = setup();
    const key = `long/${'ü'.repeat(501)}.jpg`; // 1,011 bytes: the .webp copy's key would be 1,028
    store.seed(SOURCE, key, await jpeg());

    const outcome = await watermarkRecord(eventFor(key), deps);

    expect(outcome).toMatchObject({ status: 'rejected', code: 'output-key-too-long' });
    expect((await records.get(key))?.watermark).toMatchObject({
      status: 'rejected',
      code: 'output-key-too-long',
      reason:
        'source key is 1,011 bytes of UTF-8, so output key watermarked/<source key>.webp would be ' +
        "1,028 bytes, over S3's 1,024-byte key limit (source keys up to 1,007 bytes fit)",
    });
    expect(store.reads).toEqual([]);
    expect([...store.objects.keys()]).toEqual([`${SOURCE}/${key}`]);
  });

  it('given the longest source key every copy format fits, when processed, then the copy is written', async () => {
    const { store, records, deps } = setup();
    const key = `long/${'ü'.repeat(498)}xx.jpg`; // 1,007 bytes
    store.seed(SOURCE, key, await jpeg());

    await watermarkRecord(eventFor(key), deps);

    const output = `watermarked/${key}.jpg`;
    expect(Buffer.byteLength(output)).toBe(1023);
    expect((await records.get(key))?.watermark).toMatchObject({
      status: 'done',
      outputs: [{ key: output }],
    });
    expect(store.objects.has(`${PROCESSED}/${output}`)).toBe(true);
  });

  it('given a rejected object, when the same event comes again, then the rejection stays and nothing is redone', async () => {
    const { store, records, deps } = setup();
    store.seed(SOURCE, 'notes.jpg', textAsJpeg());

    const first = await watermarkRecord(eventFor('notes.jpg'), deps);
    const again = await watermarkRecord(eventFor('notes.jpg'), deps);

    expect(first).toMatchObject({ status: 'rejected', code: 'not-an-image' });
    expect(again).toEqual({ status: 'duplicate' });
    expect(store.reads).toEqual([`${SOURCE}/notes.jpg`]);
    expect((await records.get('notes.jpg'))?.watermark).toMatchObject({
      status: 'rejected',
      code: 'not-an-image',
    });
  });

  it('given a source deleted before processing, when processed, then it is rejected as missing', async () => {
    const { records, deps } = setup();

    const outcome = await watermarkRecord(eventFor('gone.jpg'), deps);

    expect(outcome).toMatchObject({ status: 'rejected', code: 'source-missing' });
    expect((await records.get('gone.jpg'))?.watermark).toMatchObject({ status: 'rejected' });
  });

  it('given the upload fails, when processed, then the error propagates for a retry and the record is untouched', async () => {
    const { store, records, deps } = setup();
    store.seed(SOURCE, 'a.jpg', await jpeg());
    const failingStore: ObjectStore = {
      head: (bucket, key) => store.head(bucket, key),
      open: (bucket, key) => store.open(bucket, key),
      get: (bucket, key) => store.get(bucket, key),
      put: () => Promise.reject(new Error('SlowDown')),
      delete: (bucket, key) => store.delete(bucket, key),
    };

    await expect(
      watermarkRecord(eventFor('a.jpg'), { ...deps, store: failingStore }),
    ).rejects.toThrow('SlowDown');
    expect(await records.get('a.jpg')).toBeUndefined();
  });

  it('given the configured logo is missing, when processed, then the error propagates for a retry and the image is not rejected', async () => {
    const { store, records, deps } = setup();
    store.seed(SOURCE, 'a.jpg', await jpeg());
    const mark = createMarkLoader(
      { text: undefined, logo: { kind: 'object', key: 'assets/watermark/logo.png' } },
      { store, bucket: PROCESSED, limits: DEFAULT_IMAGE_LIMITS },
    );

    await expect(watermarkRecord(eventFor('a.jpg'), { ...deps, mark })).rejects.toBeInstanceOf(
      MarkUnavailableError,
    );
    expect(await records.get('a.jpg')).toBeUndefined();
    expect([store.discarded, store.unsettled]).toEqual([[`${SOURCE}/a.jpg`], 0]);
  });

  it('given a newer event already recorded, when an older one arrives, then nothing changes', async () => {
    const { store, records, deps } = setup();
    store.seed(SOURCE, 'a.jpg', await jpeg());
    await watermarkRecord(eventFor('a.jpg', '0B'), deps);
    const before = await records.get('a.jpg');

    const outcome = await watermarkRecord(eventFor('a.jpg', '0A'), deps);

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(await records.get('a.jpg')).toEqual(before);
  });
});

describe('removeWatermarked', () => {
  it('given a watermarked copy, when the source is removed, then the copy is deleted and the stage says deleted', async () => {
    const { store, records, deps } = setup();
    store.seed(SOURCE, 'ana/a b.png', await pngWithAlpha({ width: 64, height: 48 }));
    store.seed(PROCESSED, 'watermarked/ana/a b.png.png.keep', Buffer.from('not its output'));
    await watermarkRecord(eventFor('ana/a b.png', '01'), deps);
    const written = store.keysUnder(PROCESSED, 'watermarked/');
    await store.delete(SOURCE, 'ana/a b.png');

    const outcome = await removeWatermarked(
      imageEventFactory({ key: 'ana/a b.png', bucket: SOURCE, sequencer: '02', kind: 'removed' }),
      deps,
    );

    expect(written).toContain('watermarked/ana/a b.png.png');
    expect(outcome).toMatchObject({ status: 'deleted' });
    expect(store.keysUnder(PROCESSED, 'watermarked/')).toEqual([
      'watermarked/ana/a b.png.png.keep',
    ]);
    expect((await records.get('ana/a b.png'))?.watermark).toMatchObject({
      status: 'deleted',
      sequencer: normalizeSequencer('02'),
    });
  });

  it('given a re-upload already processed, when the older removal arrives late, then the copy stays', async () => {
    const { store, records, deps } = setup();
    store.seed(SOURCE, 'a.jpg', await jpeg());
    await watermarkRecord(eventFor('a.jpg', '03'), deps);
    const before = await records.get('a.jpg');

    const outcome = await removeWatermarked(
      imageEventFactory({ key: 'a.jpg', bucket: SOURCE, sequencer: '02', kind: 'removed' }),
      deps,
    );

    expect(outcome).toEqual({ status: 'duplicate' });
    expect(store.keysUnder(PROCESSED, 'watermarked/')).toEqual(['watermarked/a.jpg.jpg']);
    expect(await records.get('a.jpg')).toEqual(before);
  });
});
