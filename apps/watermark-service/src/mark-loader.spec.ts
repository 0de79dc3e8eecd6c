import { InMemoryObjectStore } from '@imgpipe/aws';
import { isPermanentFailure } from '@imgpipe/dlq';
import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import { pngWithAlpha, textAsJpeg } from '@imgpipe/testing';

import { createMarkLoader, MarkUnavailableError } from './mark-loader';

const bucket = 'processed';
const source = { text: '© imgpipe', logo: { kind: 'object', key: 'assets/watermark/logo.png' } } as const;

describe('createMarkLoader', () => {
  it('given a logo key, when the mark is asked for twice, then the logo is read once and the same pixels returned', async () => {
    const store = new InMemoryObjectStore();
    store.seed(bucket, 'assets/watermark/logo.png', await pngWithAlpha({ width: 64, height: 32 }));
    const mark = createMarkLoader(source, { store, bucket, limits: DEFAULT_IMAGE_LIMITS });

    const first = await mark();
    const second = await mark();

    expect(second).toBe(first);
    expect(store.reads).toEqual([`${bucket}/assets/watermark/logo.png`]);
  });

  it('given a missing logo, when the mark is asked for, then it fails retryably and succeeds once the logo exists', async () => {
    const store = new InMemoryObjectStore();
    const mark = createMarkLoader(source, { store, bucket, limits: DEFAULT_IMAGE_LIMITS });

    const failure = await mark().catch((error: unknown) => error);
    store.seed(bucket, 'assets/watermark/logo.png', await pngWithAlpha({ width: 64, height: 32 }));
    const drawn = await mark();

    expect(failure).toBeInstanceOf(MarkUnavailableError);
    expect(isPermanentFailure(failure)).toBe(false);
    expect(drawn.width).toBeGreaterThan(0);
  });

  it('given a logo object that is not an image, when the mark is asked for, then the failure is not permanent', async () => {
    const store = new InMemoryObjectStore();
    store.seed(bucket, 'assets/watermark/logo.png', textAsJpeg());

    const failure = await createMarkLoader(source, { store, bucket, limits: DEFAULT_IMAGE_LIMITS })().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MarkUnavailableError);
    expect(isPermanentFailure(failure)).toBe(false);
  });

  it('given text and no logo, when the mark is asked for, then nothing is read from the bucket', async () => {
    const store = new InMemoryObjectStore();

    const mark = await createMarkLoader({ text: '© imgpipe', logo: { kind: 'none' } }, { store, bucket, limits: DEFAULT_IMAGE_LIMITS })();

    expect(mark.height).toBeGreaterThan(0);
    expect(store.reads).toEqual([]);
  });
});
