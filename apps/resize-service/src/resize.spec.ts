import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import {
  animatedGif,
  animatedWebp,
  BLUE,
  cmykJpeg,
  decodePixels,
  displayP3Png,
  expectColour,
  jpeg,
  png16,
  pngWithAlpha,
  RED,
} from '@imgpipe/testing';
import sharp from 'sharp';
import type { ResizeSpec } from './resize';
import { DEFAULT_RESIZE_SPEC, resizeImage } from './resize';
import { outputNamed } from './testing/output-pixels';

// Small widths keep fixtures tiny; the default widths are covered in resize-plan.spec.ts.
const SPEC: ResizeSpec = { ...DEFAULT_RESIZE_SPEC, widths: [48, 24], thumbnailSize: 16 };

// Made by tools/samples/generate-heic.ts (see tools/samples/README.md).
const heic = (name: string): Promise<Buffer> =>
  readFile(join(__dirname, '../../../tools/samples/heic', name));

describe('resizeImage', () => {
  it('given a JPEG, when resized with the defaults, then each size and the thumbnail come as WebP and JPEG with matching sizes', async () => {
    const { outputs } = await resizeImage(
      await jpeg({ width: 64, height: 48 }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    const summary = await Promise.all(
      outputs.map(async (o) => {
        const meta = await sharp(o.body).metadata();
        return [
          `${o.name}.${o.extension}`,
          o.contentType,
          meta.format,
          meta.width,
          meta.height,
          o.width,
          o.height,
        ];
      }),
    );
    expect(summary).toEqual([
      ['48w.webp', 'image/webp', 'webp', 48, 36, 48, 36],
      ['48w.jpg', 'image/jpeg', 'jpeg', 48, 36, 48, 36],
      ['24w.webp', 'image/webp', 'webp', 24, 18, 24, 18],
      ['24w.jpg', 'image/jpeg', 'jpeg', 24, 18, 24, 18],
      ['thumb-16.webp', 'image/webp', 'webp', 16, 16, 16, 16],
      ['thumb-16.jpg', 'image/jpeg', 'jpeg', 16, 16, 16, 16],
    ]);
  });

  it.each([2, 3, 4, 5, 6, 7, 8])(
    'given a JPEG stored turned with EXIF orientation %i, when resized, then the marker ends top-left of an upright image',
    async (orientation) => {
      const source = await jpeg({ width: 64, height: 48, orientation, marker: RED, colour: BLUE });

      const { outputs } = await resizeImage(source, SPEC, DEFAULT_IMAGE_LIMITS);

      const image = await decodePixels(outputNamed(outputs, '48w.jpg'));
      expect([image.info.width, image.info.height]).toEqual([48, 36]);
      expectColour(image.at(4, 4), RED, 40);
      expectColour(image.at(43, 31), BLUE, 40);
      expect(
        (await sharp(outputNamed(outputs, '48w.jpg').body).metadata()).orientation,
      ).toBeUndefined();
    },
  );

  it('given an iPhone-style HEIC stored sideways (irot and EXIF orientation 6), when resized, then every rendition is upright with the marker top-left', async () => {
    const { outputs, facts } = await resizeImage(
      await heic('iphone-orientation-6.heic'),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    expect(facts).toMatchObject({ format: 'heic', width: 64, height: 48, animated: false });
    expect(outputs.map((o) => `${o.name}.${o.extension} ${o.width}×${o.height}`)).toEqual([
      '48w.webp 48×36',
      '48w.jpg 48×36',
      '24w.webp 24×18',
      '24w.jpg 24×18',
      'thumb-16.webp 16×16',
      'thumb-16.jpg 16×16',
    ]);
    for (const file of ['48w.webp', '48w.jpg']) {
      const image = await decodePixels(outputNamed(outputs, file));
      expect([image.info.width, image.info.height, image.info.channels]).toEqual([48, 36, 3]);
      expectColour(image.at(4, 4), RED, 40);
      expectColour(image.at(43, 31), BLUE, 40);
      const meta = await sharp(outputNamed(outputs, file).body).metadata();
      expect([meta.orientation, meta.exif]).toEqual([undefined, undefined]);
    }
  });

  it('given a HEIC of two images, when resized, then the renditions are of the primary one', async () => {
    const { outputs } = await resizeImage(
      await heic('two-images-primary-second.heic'),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    const image = await decodePixels(outputNamed(outputs, '48w.jpg'));
    expect([image.info.width, image.info.height]).toEqual([48, 36]);
    expectColour(image.at(4, 4), RED, 40);
  });

  it('given a JPEG with camera EXIF, when resized, then no output carries EXIF or an ICC profile', async () => {
    const source = await jpeg({
      exif: { make: 'Canon', gps: { latitude: 48.85, longitude: 2.35 } },
    });

    const { outputs } = await resizeImage(source, SPEC, DEFAULT_IMAGE_LIMITS);

    const metas = await Promise.all(outputs.map((o) => sharp(o.body).metadata()));
    expect(metas.map((meta) => [meta.exif, meta.icc])).toEqual(
      metas.map(() => [undefined, undefined]),
    );
  });

  it('given a 40 px wide source, when resized to 48 and 24, then nothing is enlarged and the source width is kept', async () => {
    const { outputs, facts } = await resizeImage(
      await jpeg({ width: 40, height: 20 }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    expect(
      outputs.filter((o) => o.format === 'webp').map((o) => [o.name, o.width, o.height]),
    ).toEqual([
      ['40w', 40, 20],
      ['24w', 24, 12],
      ['thumb-16', 16, 16],
    ]);
    expect(facts.skippedWidths).toEqual([48]);
  });

  it('given a 1×1 image, when resized, then every output is 1×1', async () => {
    const { outputs } = await resizeImage(
      await jpeg({ width: 1, height: 1 }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    const sizes = await Promise.all(outputs.map(async (o) => (await decodePixels(o)).info));
    expect(sizes.map((info) => [info.width, info.height])).toEqual(outputs.map(() => [1, 1]));
  });

  it('given a PNG with alpha, when resized, then WebP and the PNG fallback keep the transparent half', async () => {
    const { outputs } = await resizeImage(
      await pngWithAlpha({ width: 64, height: 32, colour: RED }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    for (const file of ['48w.webp', '48w.png']) {
      const image = await decodePixels(outputNamed(outputs, file));
      expect(image.info.channels).toBe(4);
      expectColour(image.at(4, 12), RED, 8);
      expect(image.at(4, 12)[3]).toBe(255);
      expect(image.at(44, 12)[3]).toBe(0);
    }
  });

  it('given a PNG with alpha and JPEG asked for, when resized, then the transparent half is flattened onto white', async () => {
    const source = await pngWithAlpha({ width: 64, height: 32, colour: RED });

    const { outputs } = await resizeImage(
      source,
      { ...SPEC, formats: ['jpeg'] },
      DEFAULT_IMAGE_LIMITS,
    );

    const image = await decodePixels(outputNamed(outputs, '48w.jpg'));
    expect(image.info.channels).toBe(3);
    expectColour(image.at(44, 12), { r: 255, g: 255, b: 255 }, 4);
    expectColour(image.at(4, 12), RED, 12);
  });

  it('given a CMYK JPEG, when resized, then outputs are 3-channel sRGB of the same colour', async () => {
    const colour = { r: 0, g: 120, b: 200 };

    const { outputs } = await resizeImage(
      await cmykJpeg({ width: 64, height: 48, colour }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    const file = outputNamed(outputs, '48w.jpg');
    const meta = await sharp(file.body).metadata();
    expect([meta.space, meta.channels]).toEqual(['srgb', 3]);
    expectColour((await decodePixels(file)).at(20, 20), colour, 25);
  });

  it('given a Display P3 PNG, when resized, then the colour is converted to sRGB and the profile dropped', async () => {
    const colour = { r: 40, g: 160, b: 90 };

    const { outputs } = await resizeImage(
      await displayP3Png({ width: 64, height: 64, colour }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    const file = outputNamed(outputs, '48w.jpg');
    expect((await sharp(file.body).metadata()).icc).toBeUndefined();
    expectColour((await decodePixels(file)).at(20, 20), colour, 8);
  });

  it('given a 16-bit PNG, when resized, then every output is 8-bit', async () => {
    const { outputs } = await resizeImage(
      await png16({ width: 64, height: 48 }),
      SPEC,
      DEFAULT_IMAGE_LIMITS,
    );

    const depths = await Promise.all(
      outputs.map(async (o) => (await sharp(o.body).metadata()).depth),
    );
    expect(depths).toEqual(outputs.map(() => 'uchar'));
  });

  it.each([
    ['GIF', animatedGif],
    ['WebP', animatedWebp],
  ])(
    'given a 5-frame animated %s, when resized, then WebP keeps the frames and stills take the first',
    async (_name, make) => {
      const source = await make({ width: 64, height: 48, frames: 5, colours: [RED, BLUE] });

      const { outputs, facts } = await resizeImage(source, SPEC, DEFAULT_IMAGE_LIMITS);

      expect(facts.animated).toBe(true);
      const webp = outputNamed(outputs, '48w.webp');
      const meta = await sharp(webp.body).metadata();
      expect([meta.pages, meta.width, meta.pageHeight ?? meta.height, webp.frames]).toEqual([
        5, 48, 36, 5,
      ]);
      const thumb = await sharp(outputNamed(outputs, 'thumb-16.webp').body).metadata();
      expect([thumb.pages, thumb.width, thumb.pageHeight ?? thumb.height]).toEqual([5, 16, 16]);
      const still = outputs.find((o) => o.name === '48w' && o.format !== 'webp');
      if (!still) throw new Error('no still fallback');
      expect([(await sharp(still.body).metadata()).pages ?? 1, still.frames]).toEqual([1, 1]);
      expectColour((await decodePixels(still)).at(20, 20), RED, 12);
    },
  );

  it('given a 5-frame GIF and a cap of 3 frames, when resized, then animated outputs keep 3 frames', async () => {
    const source = await animatedGif({ width: 32, height: 24, frames: 5 });

    const { outputs } = await resizeImage(
      source,
      { ...SPEC, maxAnimationFrames: 3 },
      DEFAULT_IMAGE_LIMITS,
    );

    const pages = await Promise.all(
      outputs
        .filter((o) => o.format === 'webp')
        .map(async (o) => (await sharp(o.body).metadata()).pages),
    );
    expect(pages).toEqual([3, 3, 3]);
  });

  it('given AVIF asked for, when resized, then AVIF outputs decode at the planned size', async () => {
    const { outputs } = await resizeImage(
      await jpeg({ width: 64, height: 48 }),
      { ...SPEC, formats: ['avif'] },
      DEFAULT_IMAGE_LIMITS,
    );

    const file = outputNamed(outputs, '24w.avif');
    const meta = await sharp(file.body).metadata();
    expect([file.contentType, meta.format, meta.compression, meta.width, meta.height]).toEqual([
      'image/avif',
      'heif',
      'av1',
      24,
      18,
    ]);
  });
});
