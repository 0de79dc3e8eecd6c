import sharp from 'sharp';
import type { Sharp } from 'sharp';

import { exifTags } from './exif-fixture';
import type { ExifFixture } from './exif-fixture';
import type { FixtureSize, Rgb } from './fixture-pixels';
import { BLUE, gradientPixels, quadrantPixels, RED, storeForOrientation } from './fixture-pixels';

// Small images made with sharp at test time, so every service tests real decoding without
// binary files in the repository.

/** Options of {@link jpeg}. */
export interface JpegFixtureOptions extends FixtureSize {
  /** EXIF orientation to tag; the stored pixels are turned so the image displays upright. */
  readonly orientation?: number;
  /** Fills all but the top-left quadrant of the upright image. */
  readonly colour?: Rgb;
  /** Fills the top-left quadrant of the upright image, to check orientation. */
  readonly marker?: Rgb;
  readonly exif?: ExifFixture;
}

/**
 * A JPEG whose upright picture is `colour` with a `marker` top-left quadrant, stored
 * turned for `orientation` so that applying the EXIF orientation puts the marker back
 * top-left.
 *
 * @example
 * const bytes = await jpeg({ width: 64, height: 48, orientation: 6, exif: { make: 'Canon' } });
 */
export async function jpeg(options: JpegFixtureOptions = {}): Promise<Buffer> {
  const { width = 64, height = 48, orientation = 1, colour = BLUE, marker = RED } = options;
  const upright = quadrantPixels(width, height, colour, marker);
  const stored = storeForOrientation(upright, width, height, orientation);
  let pipeline = sharp(stored.data, {
    raw: { width: stored.width, height: stored.height, channels: 3 },
  }).jpeg({ quality: 90 });
  if (options.exif !== undefined) pipeline = pipeline.withExif(exifTags(options.exif));
  if (orientation !== 1) pipeline = pipeline.withMetadata({ orientation });
  return pipeline.toBuffer();
}

/**
 * A PNG whose left half is opaque `colour` and right half fully transparent.
 *
 * @example
 * const bytes = await pngWithAlpha({ width: 32, height: 16 });
 */
export async function pngWithAlpha(options: FixtureSize & { colour?: Rgb } = {}): Promise<Buffer> {
  const { width = 32, height = 16, colour = RED } = options;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    const opaque = i % width < width / 2;
    data.set([colour.r, colour.g, colour.b, opaque ? 255 : 0], i * 4);
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/**
 * A still lossy WebP of a horizontal gradient.
 *
 * @example
 * const bytes = await webp({ width: 40, height: 30 });
 */
export async function webp(options: FixtureSize = {}): Promise<Buffer> {
  const { width = 40, height = 30 } = options;
  return sharp(gradientPixels(width, height), { raw: { width, height, channels: 3 } })
    .webp({ quality: 80 })
    .toBuffer();
}

/**
 * The same gradient encoded as any format sharp writes, for format-coverage tests.
 *
 * @example
 * const bytes = await encoded('avif');
 */
export async function encoded(
  format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff',
  options: FixtureSize = {},
): Promise<Buffer> {
  const { width = 40, height = 30 } = options;
  const pipeline = sharp(gradientPixels(width, height), { raw: { width, height, channels: 3 } });
  return (format === 'avif' ? pipeline.avif({ effort: 0 }) : pipeline.toFormat(format)).toBuffer();
}

/**
 * A CMYK JPEG (4 channels) of one sRGB colour, converted through libvips' default CMYK
 * profile; decoding it correctly gives back roughly that colour if it is inside the CMYK
 * gamut (the default is; saturated blues are not).
 *
 * @example
 * const bytes = await cmykJpeg({ colour: { r: 120, g: 140, b: 170 } });
 */
export async function cmykJpeg(options: FixtureSize & { colour?: Rgb } = {}): Promise<Buffer> {
  const { width = 32, height = 24, colour = { r: 120, g: 140, b: 170 } } = options;
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .toColourspace('cmyk')
    .jpeg({ quality: 95 })
    .toBuffer();
}

/**
 * A PNG whose pixels are stored in Display P3 with the P3 profile embedded: read with the
 * profile it shows `colour`; read without it, the numbers are visibly different.
 *
 * @example
 * const bytes = await displayP3Png({ colour: { r: 40, g: 160, b: 90 } });
 */
export async function displayP3Png(options: FixtureSize & { colour?: Rgb } = {}): Promise<Buffer> {
  const { width = 16, height = 16, colour = { r: 40, g: 160, b: 90 } } = options;
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .withIccProfile('p3')
    .png()
    .toBuffer();
}

/**
 * A 16-bit-per-channel RGB PNG of a gradient.
 *
 * @example
 * const bytes = await png16({ width: 40, height: 30 });
 */
export async function png16(options: FixtureSize = {}): Promise<Buffer> {
  const { width = 40, height = 30 } = options;
  return sharp(gradientPixels(width, height), { raw: { width, height, channels: 3 } })
    .toColourspace('rgb16')
    .png()
    .toBuffer();
}

/** Options of the animated fixtures: each frame is one solid colour of `colours`, cycled. */
export interface AnimationFixtureOptions extends FixtureSize {
  readonly frames?: number;
  readonly colours?: readonly Rgb[];
}

/**
 * An endlessly looping animated GIF, 100 ms per frame.
 *
 * @example
 * const bytes = await animatedGif({ frames: 3 });
 */
export async function animatedGif(options: AnimationFixtureOptions = {}): Promise<Buffer> {
  return animation(options).then(({ pipeline, delay }) =>
    pipeline.gif({ delay, loop: 0 }).toBuffer(),
  );
}

/**
 * An endlessly looping animated WebP, 100 ms per frame.
 *
 * @example
 * const bytes = await animatedWebp({ frames: 3 });
 */
export async function animatedWebp(options: AnimationFixtureOptions = {}): Promise<Buffer> {
  return animation(options).then(({ pipeline, delay }) =>
    pipeline.webp({ delay, loop: 0, quality: 80 }).toBuffer(),
  );
}

async function animation(
  options: AnimationFixtureOptions,
): Promise<{ pipeline: Sharp; delay: number[] }> {
  const {
    width = 16,
    height = 12,
    frames = 3,
    colours = [RED, BLUE, { r: 30, g: 200, b: 40 }],
  } = options;
  const frame = width * height * 3;
  const data = Buffer.alloc(frame * frames);
  for (let index = 0; index < frames; index += 1) {
    const colour = colours[index % colours.length] ?? RED;
    for (let offset = index * frame; offset < (index + 1) * frame; offset += 3)
      data.set([colour.r, colour.g, colour.b], offset);
  }
  const pipeline = sharp(data, {
    raw: { width, height: height * frames, channels: 3, pageHeight: height },
  });
  return { pipeline, delay: Array.from({ length: frames }, () => 100) };
}
