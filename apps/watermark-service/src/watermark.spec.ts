import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { RejectionCode } from '@imgpipe/imaging';
import { DEFAULT_IMAGE_LIMITS, ImageRejectedError } from '@imgpipe/imaging';
import {
  animatedGif,
  BLUE,
  cmykJpeg,
  decompressionBombPng,
  encoded,
  fakeHeic,
  jpeg,
  png16,
  pngWithAlpha,
  RED,
  svg,
  textAsJpeg,
  truncated,
} from '@imgpipe/testing';
import sharp from 'sharp';

import type { Pixels } from './testing/pixel-testing';
import { decode, difference, inside, pixelAt } from './testing/pixel-testing';
import type { RawRgba } from './raw-image';
import type { WatermarkOptions } from './watermark';
import { watermarkImage } from './watermark';
import type { Box } from './watermark-layout';
import { renderBundledLogo, renderMark } from './watermark-mark';

const limits = DEFAULT_IMAGE_LIMITS;
// Made by tools/samples/generate-heic.ts (see tools/samples/README.md).
const heic = (name: string): Promise<Buffer> => readFile(join(__dirname, '../../../tools/samples/heic', name));
const settings: Omit<WatermarkOptions, 'mark'> = {
  box: 2048,
  opacity: 0.8,
  position: 'bottom-right',
  scale: 0.3,
  margin: 0.02,
  maxCoverage: 0.1,
  maxAnimationFrames: 50,
};

let mark: RawRgba;
beforeAll(async () => {
  mark = await renderMark({ text: '© imgpipe', logo: await renderBundledLogo() }, limits);
});

/** The marked copy and the same pipeline without a mark, decoded, with the mark's box. */
async function markedAndPlain(bytes: Uint8Array, overrides: Partial<WatermarkOptions> = {}) {
  const marked = await watermarkImage(bytes, { ...settings, mark, ...overrides }, limits);
  const plain = await watermarkImage(bytes, { ...settings, ...overrides }, limits);
  const box = marked.facts.markBox;
  if (box === undefined) throw new Error('expected a mark');
  return { marked, box, markedPixels: await decode(marked.output.body), plainPixels: await decode(plain.output.body) };
}

function distance(pixel: readonly number[], colour: { r: number; g: number; b: number }): number {
  return Math.max(Math.abs((pixel[0] ?? 0) - colour.r), Math.abs((pixel[1] ?? 0) - colour.g), Math.abs((pixel[2] ?? 0) - colour.b));
}

/** Bounding box of the pixels where any channel differs by more than `threshold`. */
function changedBounds(a: Pixels, b: Pixels, threshold: number): Box {
  let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
  for (let index = 0; index < a.data.length; index += 1) {
    if (Math.abs((a.data[index] ?? 0) - (b.data[index] ?? 0)) <= threshold) continue;
    const pixel = Math.floor(index / a.channels);
    const [x, y] = [pixel % a.width, Math.floor(pixel / a.width)];
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** A plain grey photo, made by libvips itself: large sizes cost no pixel loop in JS. */
function greyJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 110, g: 120, b: 130 } } }).jpeg().toBuffer();
}

// Real encodes and pixel scans on a machine shared with other jobs: allow more than 5 s.
jest.setTimeout(60_000);

describe('watermarkImage', () => {
  it('given a PNG with alpha, when watermarked, then only the mark box changes and transparency is kept', async () => {
    const { marked, box, markedPixels, plainPixels } = await markedAndPlain(await pngWithAlpha({ width: 600, height: 300 }));

    expect(marked.output).toMatchObject({ format: 'png', contentType: 'image/png', extension: 'png', width: 600, height: 300 });
    expect(markedPixels.channels).toBe(4);
    expect(difference(markedPixels, plainPixels, (x, y) => !inside(box, x, y)).max).toBe(0);
    expect(difference(markedPixels, plainPixels, (x, y) => inside(box, x, y)).changed).toBeGreaterThan(box.width * box.height * 0.2);
    expect(pixelAt(markedPixels, 10, 10)).toEqual([RED.r, RED.g, RED.b, 255]);
    expect(pixelAt(markedPixels, 590, 10)[3]).toBe(0);
  });

  it('given a photo, when watermarked, then the mark box changes and the rest stays within JPEG noise', async () => {
    const { marked, box, markedPixels, plainPixels } = await markedAndPlain(await jpeg({ width: 1200, height: 800 }));

    expect(marked.output).toMatchObject({ format: 'jpeg', contentType: 'image/jpeg', extension: 'jpg', width: 1200, height: 800, pages: 1 });
    // JPEG codes 16-px blocks independently; chroma upsampling reaches one block further.
    expect(difference(markedPixels, plainPixels, (x, y) => !inside(box, x, y, 32)).max).toBeLessThanOrEqual(2);
    expect(difference(markedPixels, plainPixels, (x, y) => inside(box, x, y), 40).changed).toBeGreaterThan(box.width * box.height * 0.1);
  });

  it('given a small and a large image, when watermarked, then the mark covers the same share of the width', async () => {
    const small = await markedAndPlain(await greyJpeg(400, 300));
    const large = await markedAndPlain(await greyJpeg(2000, 1500));

    const smallDrawn = changedBounds(small.markedPixels, small.plainPixels, 40);
    const largeDrawn = changedBounds(large.markedPixels, large.plainPixels, 40);
    expect(small.box.width / 400).toBeCloseTo(0.3, 2);
    expect(large.box.width / 2000).toBeCloseTo(0.3, 2);
    expect(Math.abs(smallDrawn.width / 400 - largeDrawn.width / 2000)).toBeLessThan(0.02);
    expect(Math.abs(smallDrawn.left / 400 - largeDrawn.left / 2000)).toBeLessThan(0.02);
  });

  it('given a mark that would cover most of the image, when watermarked, then it is clamped to the coverage limit', async () => {
    const overrides = { scale: 1, margin: 0, maxCoverage: 0.05, position: 'center' as const };
    const { box, markedPixels, plainPixels } = await markedAndPlain(await pngWithAlpha({ width: 800, height: 600 }), overrides);

    const area = 800 * 600;
    expect(box.width * box.height).toBeLessThanOrEqual(0.05 * area);
    expect(box.width * box.height).toBeGreaterThan(0.045 * area);
    expect(difference(markedPixels, plainPixels, () => true).changed).toBeLessThanOrEqual(0.05 * area);
  });

  it('given two opacities, when watermarked, then the fainter mark changes the pixels less', async () => {
    const bytes = await jpeg({ width: 600, height: 300 });
    const faint = await markedAndPlain(bytes, { opacity: 0.3 });
    const strong = await markedAndPlain(bytes, { opacity: 0.9 });

    const faintChange = difference(faint.markedPixels, faint.plainPixels, (x, y) => inside(faint.box, x, y)).sum;
    const strongChange = difference(strong.markedPixels, strong.plainPixels, (x, y) => inside(strong.box, x, y)).sum;
    expect(faintChange / strongChange).toBeGreaterThan(0.2);
    expect(faintChange / strongChange).toBeLessThan(0.5);
  });

  it.each([3, 6, 8])('given a JPEG with EXIF orientation %i, when watermarked, then the marker ends top-left', async (orientation) => {
    const { output } = await watermarkImage(await jpeg({ width: 600, height: 400, orientation }), { ...settings, mark }, limits);
    const pixels = await decode(output.body);

    expect([output.width, output.height]).toEqual([600, 400]);
    expect(distance(pixelAt(pixels, 20, 20), RED)).toBeLessThan(12);
    expect(distance(pixelAt(pixels, 580, 20), BLUE)).toBeLessThan(12);
    expect(distance(pixelAt(pixels, 20, 380), BLUE)).toBeLessThan(12);
    expect((await sharp(output.body).metadata()).orientation).toBeUndefined();
  });

  it('given an iPhone-style HEIC stored sideways (irot and EXIF orientation 6), when watermarked, then the JPEG copy is upright with the marker top-left', async () => {
    const { output } = await watermarkImage(await heic('iphone-orientation-6.heic'), { ...settings, mark }, limits);
    const pixels = await decode(output.body);
    const meta = await sharp(output.body).metadata();

    expect([output.format, output.width, output.height, pixels.channels]).toEqual(['jpeg', 64, 48, 3]);
    expect(distance(pixelAt(pixels, 6, 6), RED)).toBeLessThan(40);
    expect(distance(pixelAt(pixels, 58, 6), BLUE)).toBeLessThan(40);
    expect([meta.orientation, meta.exif]).toEqual([undefined, undefined]);
  });

  it('given a CMYK JPEG, when watermarked, then the output is sRGB with the colour kept and no profile', async () => {
    const colour = { r: 120, g: 140, b: 170 };
    const { output } = await watermarkImage(await cmykJpeg({ width: 320, height: 240, colour }), { ...settings, mark }, limits);
    const metadata = await sharp(output.body).metadata();

    expect(metadata).toMatchObject({ format: 'jpeg', space: 'srgb', channels: 3, hasProfile: false });
    expect(distance(pixelAt(await decode(output.body), 10, 10), colour)).toBeLessThan(10);
  });

  it('given a 16-bit PNG, when watermarked, then the output is 8-bit', async () => {
    const { output } = await watermarkImage(await png16({ width: 300, height: 200 }), { ...settings, mark }, limits);

    expect((await sharp(output.body).metadata()).depth).toBe('uchar');
  });

  it('given an animated GIF, when watermarked, then an animated WebP keeps every frame, its timing and the mark on each', async () => {
    const colours = [RED, BLUE, { r: 30, g: 200, b: 40 }, RED];
    const { output, facts } = await watermarkImage(await animatedGif({ width: 200, height: 150, frames: 4, colours }), { ...settings, mark }, limits);
    const box = facts.markBox as Box;
    const frames = await decode(output.body, { allFrames: true });
    const metadata = await sharp(output.body).metadata();

    expect(output).toMatchObject({ format: 'webp', contentType: 'image/webp', width: 200, height: 150, pages: 4 });
    expect(metadata).toMatchObject({ pages: 4, delay: [100, 100, 100, 100], loop: 0 });
    colours.forEach((colour, frame) => {
      let marked = 0;
      let worstOutside = 0;
      for (let y = 0; y < 150; y += 1) {
        for (let x = 0; x < 200; x += 1) {
          const off = distance(pixelAt(frames, x, frame * 150 + y), colour);
          if (inside(box, x, y)) marked += off > 40 ? 1 : 0;
          else if (!inside(box, x, y, 6)) worstOutside = Math.max(worstOutside, off);
        }
      }
      expect(marked).toBeGreaterThan(box.width * box.height * 0.1);
      expect(worstOutside).toBeLessThan(25);
    });
  });

  it('given more frames than the animation cap, when watermarked, then only the first frames are kept', async () => {
    const { output } = await watermarkImage(await animatedGif({ frames: 6 }), { ...settings, mark, maxAnimationFrames: 3 }, limits);

    expect(output.pages).toBe(3);
    expect((await sharp(output.body).metadata()).pages).toBe(3);
  });

  it('given a two-page TIFF, when watermarked, then the still output is the first page', async () => {
    const pages = Buffer.concat([Buffer.alloc(40 * 30 * 3, 0), Buffer.alloc(40 * 30 * 3, 255)]);
    pages.fill(Buffer.from([RED.r, RED.g, RED.b]), 0, 40 * 30 * 3);
    const tiff = await sharp(pages, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } }).tiff().toBuffer();

    const { output } = await watermarkImage(tiff, { ...settings, mark }, limits);

    expect(output).toMatchObject({ format: 'jpeg', width: 40, height: 30, pages: 1 });
    expect(distance(pixelAt(await decode(output.body), 2, 2), RED)).toBeLessThan(12);
  });

  it.each([
    ['a wide image', 1500, 500, 512, 171],
    ['a small image', 40, 30, 40, 30],
  ])('given %s, when watermarked, then it fits inside the 512-px box without being enlarged', async (_name, width, height, outWidth, outHeight) => {
    const { output } = await watermarkImage(await encoded('jpeg', { width, height }), { ...settings, box: 512, mark }, limits);

    expect([output.width, output.height]).toEqual([outWidth, outHeight]);
  });

  it('given an image too small to hold a mark, when watermarked, then the copy is made without one', async () => {
    const bytes = await pngWithAlpha({ width: 8, height: 6 });

    const marked = await watermarkImage(bytes, { ...settings, mark }, limits);
    const plain = await watermarkImage(bytes, settings, limits);

    expect(marked.facts.markBox).toBeUndefined();
    expect(marked.output.body.equals(plain.output.body)).toBe(true);
  });

  it.each<[string, () => Promise<Buffer> | Buffer, RejectionCode]>([
    ['SVG', () => svg(), 'svg-not-allowed'],
    ['text named .jpg', () => textAsJpeg(), 'not-an-image'],
    ['a HEIC signature over zeros', () => fakeHeic(), 'corrupt'],
    ['a HEIC with scrambled picture data', () => heic('corrupt-picture-data.heic'), 'corrupt'],
    ['a decompression bomb', () => decompressionBombPng(), 'too-many-pixels'],
    ['a truncated JPEG', async () => truncated(await jpeg({ width: 256, height: 256 }), 0.5), 'corrupt'],
  ])('given %s, when watermarked, then it is rejected for good', async (_name, bytes, code) => {
    const attempt = watermarkImage(await bytes(), { ...settings, mark }, limits);

    await expect(attempt).rejects.toBeInstanceOf(ImageRejectedError);
    await expect(attempt).rejects.toMatchObject({ code });
  });
});
