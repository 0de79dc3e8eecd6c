import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { imageFactsSchema } from '@imgpipe/event-schemas';
import { DEFAULT_IMAGE_LIMITS, ImageRejectedError } from '@imgpipe/imaging';
import {
  animatedGif,
  BLUE,
  cmykJpeg,
  decompressionBombPng,
  jpeg,
  png16,
  pngWithAlpha,
  RED,
  textAsJpeg,
  truncated,
} from '@imgpipe/testing';
import { thumbHashToApproximateAspectRatio, thumbHashToRGBA } from 'thumbhash';

import { extractImageFacts } from './metadata';

// Made by tools/samples/generate-heic.ts (see tools/samples/README.md).
const heic = (name: string): Promise<Buffer> =>
  readFile(join(__dirname, '../../../tools/samples/heic', name));

const hexToRgb = (hex: string): number[] =>
  [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));

describe('extractImageFacts', () => {
  it('given a camera JPEG tagged orientation 6, when read, then the facts are upright and carry its EXIF', async () => {
    const bytes = await jpeg({
      width: 120,
      height: 80,
      orientation: 6,
      exif: {
        make: 'FUJIFILM',
        model: 'X-T5',
        lensModel: 'XF23mmF1.4 R LM WR',
        takenAt: '2025:03:09 08:15:00',
        offset: '-05:00',
        exposureTime: '1/250',
        fNumber: 5.6,
        iso: 160,
        focalLength: 23,
        gps: { latitude: 40.689247, longitude: -74.044502 },
      },
    });

    const facts = await extractImageFacts(bytes, DEFAULT_IMAGE_LIMITS);

    expect(imageFactsSchema.parse(facts)).toEqual(facts);
    expect(facts).toMatchObject({
      format: 'jpeg',
      width: 120,
      height: 80,
      orientation: 6,
      colourSpace: 'srgb',
      bitsPerSample: 8,
      hasAlpha: false,
      pages: 1,
      animated: false,
    });
    expect(facts.exif).toEqual({
      make: 'FUJIFILM',
      model: 'X-T5',
      lensModel: 'XF23mmF1.4 R LM WR',
      takenAt: '2025-03-09T08:15:00-05:00',
      exposureTime: 0.004,
      fNumber: 5.6,
      iso: 160,
      focalLength: 23,
      gps: { latitude: expect.closeTo(40.689247, 5), longitude: expect.closeTo(-74.044502, 5) },
    });
  });

  it('given an iPhone-style HEIC stored sideways (irot and EXIF orientation 6), when read, then the facts are upright and carry its EXIF', async () => {
    const bytes = await heic('iphone-orientation-6.heic');

    const facts = await extractImageFacts(bytes, DEFAULT_IMAGE_LIMITS);

    expect(imageFactsSchema.parse(facts)).toEqual(facts);
    expect(facts).toMatchObject({
      format: 'heic',
      width: 64,
      height: 48,
      orientation: 6,
      colourSpace: 'srgb',
      bitsPerSample: 8,
      hasAlpha: false,
      pages: 1,
      animated: false,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(facts.exif).toEqual({
      make: 'Apple',
      model: 'iPhone 15 Pro',
      lensModel: 'iPhone 15 Pro back triple camera 6.765mm f/1.78',
      takenAt: '2025-08-02T18:45:10+01:00',
      exposureTime: expect.closeTo(1 / 120, 6),
      fNumber: 1.8,
      iso: 80,
      focalLength: 6.8,
      gps: { latitude: expect.closeTo(51.5007, 4), longitude: expect.closeTo(-0.1246, 4) },
    });
    // The marker quarter of the upright picture is red: the placeholder sees it top-left.
    const preview = thumbHashToRGBA(Buffer.from(facts.placeholder, 'base64'));
    const [r = 0, g = 0, b = 0] = preview.rgba;
    expect(r).toBeGreaterThan(Math.max(g, b));
  });

  it('given a HEIC with scrambled picture data, when read, then it is rejected for good as corrupt', async () => {
    await expect(
      extractImageFacts(await heic('corrupt-picture-data.heic'), DEFAULT_IMAGE_LIMITS),
    ).rejects.toMatchObject({ code: 'corrupt', permanent: true });
  });

  it('given any bytes, when read, then sha256 is the hex digest of exactly those bytes', async () => {
    const bytes = await jpeg();

    const facts = await extractImageFacts(bytes, DEFAULT_IMAGE_LIMITS);

    expect(facts.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('given a mostly red image with a blue quadrant, when read, then the dominant colour is the red', async () => {
    const facts = await extractImageFacts(
      await jpeg({ colour: RED, marker: BLUE }),
      DEFAULT_IMAGE_LIMITS,
    );

    const [r = 0, g = 0, b = 0] = hexToRgb(facts.dominantColour);
    expect([
      Math.abs(r - RED.r) <= 16,
      Math.abs(g - RED.g) <= 16,
      Math.abs(b - RED.b) <= 16,
    ]).toEqual([true, true, true]);
  });

  it('given a PNG whose right half is transparent, when read, then the dominant colour is the opaque half', async () => {
    const facts = await extractImageFacts(
      await pngWithAlpha({ colour: BLUE }),
      DEFAULT_IMAGE_LIMITS,
    );

    expect([facts.hasAlpha, facts.dominantColour]).toEqual([true, '#1428d2']);
  });

  it('given a 3:1 image turned by orientation 6, when read, then the placeholder decodes to a 3:1 picture', async () => {
    const facts = await extractImageFacts(
      await jpeg({ width: 150, height: 50, orientation: 6 }),
      DEFAULT_IMAGE_LIMITS,
    );

    const hash = Buffer.from(facts.placeholder, 'base64');
    const decoded = thumbHashToRGBA(hash);
    // ThumbHash keeps the aspect ratio only roughly (it quantises the DCT grid): within 20 %.
    expect(Math.abs(decoded.w / decoded.h / 3 - 1)).toBeLessThan(0.2);
    expect(Math.abs(thumbHashToApproximateAspectRatio(hash) / 3 - 1)).toBeLessThan(0.2);
    expect(hash.length).toBeLessThanOrEqual(25);
  });

  it.each([
    ['a CMYK JPEG', cmykJpeg, { colourSpace: 'cmyk' }],
    ['a 16-bit PNG', png16, { bitsPerSample: 16, format: 'png' }],
    [
      'a 3-frame GIF',
      () => animatedGif({ width: 16, height: 12, frames: 3 }),
      { format: 'gif', width: 16, height: 12, pages: 3, animated: true },
    ],
  ])('given %s, when read, then its kind shows in the facts', async (_name, make, expected) => {
    const facts = await extractImageFacts(await make(), DEFAULT_IMAGE_LIMITS);

    expect(facts).toMatchObject(expected);
    expect(imageFactsSchema.safeParse(facts).success).toBe(true);
  });

  it.each([
    ['text named .jpg', async () => textAsJpeg(), 'not-an-image'],
    ['a 50000×50000 PNG header', async () => decompressionBombPng(), 'too-many-pixels'],
    [
      'a JPEG cut in half',
      async () => truncated(await jpeg({ width: 256, height: 256 }), 0.5),
      'corrupt',
    ],
  ])('given %s, when read, then it is rejected permanently', async (_name, make, code) => {
    const result = extractImageFacts(await make(), DEFAULT_IMAGE_LIMITS);

    await expect(result).rejects.toBeInstanceOf(ImageRejectedError);
    await expect(result).rejects.toMatchObject({ code, permanent: true });
  });
});
