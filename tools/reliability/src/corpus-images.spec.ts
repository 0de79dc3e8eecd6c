import sharp from 'sharp';
import type { ImageKind, ImageSpec } from './corpus-plan';
import { encodeImage } from './corpus-images';

const spec = (kind: ImageKind, extra: Partial<ImageSpec> = {}): ImageSpec => ({
  key: `k/${kind}`,
  kind,
  width: 120,
  height: 90,
  orientation: 1,
  frames: 1,
  seed: 'spec',
  ...extra,
});

describe('corpus images', () => {
  it.each([
    ['jpeg', 'jpeg', 'srgb', false, 'uchar'],
    ['png-alpha', 'png', 'srgb', true, 'uchar'],
    ['webp', 'webp', 'srgb', false, 'uchar'],
    ['jpeg-cmyk', 'jpeg', 'cmyk', false, 'uchar'],
    ['png-16bit', 'png', 'rgb16', false, 'ushort'],
  ] as const)(
    'given a %s, then it decodes as %s, %s, alpha %s, %s samples at its size',
    async (kind, format, space, hasAlpha, depth) => {
      const meta = await sharp(await encodeImage(spec(kind))).metadata();

      expect(meta).toMatchObject({ format, space, hasAlpha, depth, width: 120, height: 90 });
    },
  );

  it('given an EXIF-rotated JPEG, then it is stored turned and displays at its planned size', async () => {
    const meta = await sharp(
      await encodeImage(spec('jpeg-exif-rotated', { orientation: 6 })),
    ).metadata();

    expect(meta).toMatchObject({ orientation: 6, width: 90, height: 120 });
    expect([meta.autoOrient.width, meta.autoOrient.height]).toEqual([120, 90]);
  });

  it('given an animated GIF of 5 frames, then 5 pages of its size', async () => {
    const meta = await sharp(await encodeImage(spec('gif-animated', { frames: 5 }))).metadata();

    expect(meta).toMatchObject({ format: 'gif', pages: 5, width: 120, height: 90 });
  });

  it('given a picture, then it is not flat: its channels vary like a photo', async () => {
    const stats = await sharp(await encodeImage(spec('jpeg'))).stats();

    for (const channel of stats.channels) expect(channel.stdev).toBeGreaterThan(5);
  });
});
