import {
  animatedGif,
  animatedWebp,
  cmykJpeg,
  decompressionBombPng,
  encoded,
  fakeHeic,
  jpeg,
  pdf,
  png16,
  pngWithAlpha,
  svg,
  textAsJpeg,
  truncated,
} from '@imgpipe/testing';

import { DEFAULT_IMAGE_LIMITS } from './image-limits';
import type { ImageLimits } from './image-limits';
import { inspectImage } from './inspect-image';

const limits = (overrides: Partial<ImageLimits>): ImageLimits => ({
  ...DEFAULT_IMAGE_LIMITS,
  ...overrides,
});

describe('inspectImage rejections', () => {
  it.each([
    ['empty bytes', () => new Uint8Array(0), 'empty', 'file is 0 bytes'],
    ['text named .jpg', textAsJpeg, 'not-an-image', 'bytes are not an image (looks like text)'],
    ['a PDF', pdf, 'not-an-image', 'bytes are not an image (looks like PDF)'],
    [
      'random binary',
      () => Uint8Array.from([0, 1, 2, 3, 250, 251, 252, 0]),
      'not-an-image',
      'bytes are not an image (no known image signature)',
    ],
    [
      'an SVG',
      () => svg({ prolog: true }),
      'svg-not-allowed',
      'SVG is not accepted: it can load external resources and embed scripts',
    ],
    [
      'a BMP',
      () =>
        Uint8Array.from([
          0x42,
          0x4d,
          0x36,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0x36,
          0,
          0,
          0,
          40,
          ...new Array(20).fill(0),
        ]),
      'unsupported-format',
      'BMP images are not supported',
    ],
  ])(
    'given %s, when inspected, then it is rejected permanently with a readable reason',
    async (_name, make, code, message) => {
      await expect(inspectImage(make())).rejects.toMatchObject({
        name: 'ImageRejectedError',
        permanent: true,
        code,
        message,
      });
    },
  );

  it('given a HEIC signature over zeros, when inspected, then it is rejected as corrupt from its header', async () => {
    await expect(inspectImage(fakeHeic())).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('image header is corrupt'),
    });
  });

  it('given a 79-byte PNG declaring 50000×50000, when inspected, then it is rejected from the header as too many pixels', async () => {
    const bomb = decompressionBombPng();

    await expect(inspectImage(bomb)).rejects.toMatchObject({
      code: 'too-many-pixels',
      message: 'image is 50000×50000 = 2500 MP, over the 100 MP limit',
    });
    expect(bomb.byteLength).toBeLessThan(100);
  });

  it('given a 1200×1000 JPEG and a 1 MP limit, when inspected, then it is rejected with its dimensions', async () => {
    const image = await jpeg({ width: 1200, height: 1000 });

    await expect(inspectImage(image, limits({ maxPixels: 1_000_000 }))).rejects.toMatchObject({
      code: 'too-many-pixels',
      message: 'image is 1200×1000 = 1.2 MP, over the 1 MP limit',
    });
  });

  it('given a 5-frame GIF and a 4-frame limit, when inspected, then it is rejected as too many frames', async () => {
    await expect(
      inspectImage(await animatedGif({ frames: 5 }), limits({ maxFrames: 4 })),
    ).rejects.toMatchObject({
      code: 'too-many-frames',
      message: 'image has 5 frames, over the 4 frame limit',
    });
  });

  it('given frames whose total pixels exceed the limit, when inspected, then the reason counts the frames', async () => {
    const gif = await animatedGif({ width: 100, height: 100, frames: 3 });

    await expect(inspectImage(gif, limits({ maxPixels: 20_000 }))).rejects.toMatchObject({
      code: 'too-many-pixels',
      message: 'image is 100×100 × 3 frames = 0.03 MP, over the 0.02 MP limit',
    });
  });

  it('given bytes over the byte limit, when inspected, then it is rejected before sniffing', async () => {
    await expect(inspectImage(textAsJpeg(), limits({ maxBytes: 10 }))).rejects.toMatchObject({
      code: 'too-large',
    });
  });

  it('given a WebP cut in half, when inspected, then its header is reported corrupt', async () => {
    const cut = truncated(await encoded('webp', { width: 64, height: 64 }), 0.5);

    await expect(inspectImage(cut)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^image header is corrupt \(.+\)$/),
    });
  });
});

describe('inspectImage facts', () => {
  it('given a 64×48 JPEG tagged orientation 6, when inspected, then display dimensions are swapped', async () => {
    const image = await jpeg({ width: 64, height: 48, orientation: 6 });

    const facts = await inspectImage(image);

    expect(facts).toMatchObject({
      format: 'jpeg',
      mime: 'image/jpeg',
      width: 48,
      height: 64,
      displayWidth: 64,
      displayHeight: 48,
      orientation: 6,
    });
    expect(facts.exif?.subarray(0, 6).toString('latin1')).toBe('Exif\0\0');
  });

  it('given a plain JPEG, when inspected, then it is upright 8-bit sRGB with 3 channels and one page', async () => {
    const facts = await inspectImage(await jpeg({ width: 30, height: 20 }));

    expect(facts).toMatchObject({
      orientation: 1,
      space: 'srgb',
      depth: 'uchar',
      bitsPerSample: 8,
      channels: 3,
      hasAlpha: false,
      pages: 1,
      animated: false,
      exif: undefined,
    });
  });

  it('given a CMYK JPEG, when inspected, then it reports the cmyk space with 4 channels', async () => {
    expect(await inspectImage(await cmykJpeg())).toMatchObject({ space: 'cmyk', channels: 4 });
  });

  it('given a 16-bit PNG, when inspected, then it reports 16 bits per sample', async () => {
    expect(await inspectImage(await png16())).toMatchObject({
      format: 'png',
      depth: 'ushort',
      bitsPerSample: 16,
      space: 'rgb16',
    });
  });

  it('given a PNG with alpha, when inspected, then it reports alpha', async () => {
    expect(await inspectImage(await pngWithAlpha())).toMatchObject({ hasAlpha: true, channels: 4 });
  });

  it.each([
    ['GIF', animatedGif],
    ['WebP', animatedWebp],
  ])(
    'given a 3-frame animated %s, when inspected, then it is animated with 3 pages of one frame each',
    async (_name, make) => {
      const facts = await inspectImage(await make({ width: 16, height: 12, frames: 3 }));

      expect(facts).toMatchObject({ width: 16, height: 12, pages: 3, animated: true });
    },
  );

  it('given an AVIF, when inspected, then it is decodable and reported as avif', async () => {
    expect(await inspectImage(await encoded('avif', { width: 40, height: 30 }))).toMatchObject({
      format: 'avif',
      mime: 'image/avif',
      width: 40,
      height: 30,
    });
  });
});
