import { deflateSync } from 'node:zlib';

import sharp from 'sharp';
import type { Exif, Sharp } from 'sharp';

// Small images made with sharp at test time, so every service tests real decoding without
// binary files in the repository. Pixel layouts are simple on purpose: tests assert them.

/** An 8-bit sRGB colour. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

export const RED: Rgb = { r: 220, g: 20, b: 30 };
export const BLUE: Rgb = { r: 20, g: 40, b: 210 };

/** Size of a fixture; small by default so suites stay fast. */
export interface FixtureSize {
  readonly width?: number;
  readonly height?: number;
}

/** EXIF written into a fixture JPEG, in the units photographers use. */
export interface ExifFixture {
  readonly make?: string;
  readonly model?: string;
  readonly lensModel?: string;
  /** EXIF date format `YYYY:MM:DD HH:MM:SS` (local time of the camera). */
  readonly takenAt?: string;
  /** Offset of `takenAt` from UTC, e.g. `+02:00`. */
  readonly offset?: string;
  /** Seconds as a fraction, e.g. `1/125`. */
  readonly exposureTime?: `${number}/${number}`;
  readonly fNumber?: number;
  readonly iso?: number;
  /** Millimetres. */
  readonly focalLength?: number;
  readonly gps?: { readonly latitude: number; readonly longitude: number };
}

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

/**
 * The first `fraction` of some bytes, as an upload cut short would leave them.
 *
 * @example
 * const cut = truncated(await jpeg({ width: 512, height: 512 }), 0.5);
 */
export function truncated(bytes: Uint8Array, fraction: number): Buffer {
  return Buffer.from(bytes.subarray(0, Math.floor(bytes.byteLength * fraction)));
}

/**
 * A valid-looking PNG of under 100 bytes whose header declares a huge image
 * (50000×50000 = 2500 MP by default): anything that decodes before checking the header
 * allocates gigabytes.
 *
 * @example
 * const bomb = decompressionBombPng();
 */
export function decompressionBombPng(options: { width?: number; height?: number } = {}): Buffer {
  const { width = 50_000, height = 50_000 } = options;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour, deflate, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * An SVG document that references an external image, optionally after a UTF-8 BOM,
 * whitespace, an XML declaration and a comment.
 *
 * @example
 * const bytes = svg({ prolog: true });
 */
export function svg(options: { prolog?: boolean } = {}): Buffer {
  const body =
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="https://example.com/x.png"/></svg>';
  const prolog =
    options.prolog === true
      ? '\uFEFF \n<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n'
      : '';
  return Buffer.from(prolog + body, 'utf8');
}

/**
 * An ISO-media `ftyp` box with HEIC brands and nothing decodable after it.
 *
 * @example
 * const bytes = fakeHeic();
 */
export function fakeHeic(): Buffer {
  return Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    Buffer.alloc(64),
  ]);
}

/**
 * Plain text, as uploaded under a `.jpg` name.
 *
 * @example
 * const bytes = textAsJpeg();
 */
export function textAsJpeg(): Buffer {
  return Buffer.from('This is not a JPEG, whatever its name says.\n', 'utf8');
}

/**
 * The opening of a PDF document.
 *
 * @example
 * const bytes = pdf();
 */
export function pdf(): Buffer {
  return Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
}

function quadrantPixels(width: number, height: number, colour: Rgb, marker: Rgb): Buffer {
  const row = (left: Rgb): Buffer => {
    const line = Buffer.alloc(width * 3);
    for (let x = 0; x < width; x += 1)
      line.set(x < width / 2 ? [left.r, left.g, left.b] : [colour.r, colour.g, colour.b], x * 3);
    return line;
  };
  const markerRow = row(marker);
  const plainRow = row(colour);
  return Buffer.concat(
    Array.from({ length: height }, (_, y) => (y < height / 2 ? markerRow : plainRow)),
  );
}

function gradientPixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data.set(
        [
          Math.round((255 * x) / Math.max(1, width - 1)),
          Math.round((255 * y) / Math.max(1, height - 1)),
          128,
        ],
        (y * width + x) * 3,
      );
    }
  }
  return data;
}

// For each upright (display) pixel, where EXIF orientation 1–8 says it is stored.
const STORED_AT: Readonly<
  Record<number, (x: number, y: number, w: number, h: number) => readonly [number, number]>
> = {
  1: (x, y) => [x, y],
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, w) => [y, w - 1 - x],
  7: (x, y, w, h) => [h - 1 - y, w - 1 - x],
  8: (x, y, _w, h) => [h - 1 - y, x],
};

function storeForOrientation(
  upright: Buffer,
  width: number,
  height: number,
  orientation: number,
): { data: Buffer; width: number; height: number } {
  const storedAt = STORED_AT[orientation];
  if (storedAt === undefined) throw new RangeError(`orientation must be 1–8, got ${orientation}`);
  const swapped = orientation >= 5;
  const stored = {
    data: Buffer.alloc(upright.length),
    width: swapped ? height : width,
    height: swapped ? width : height,
  };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [sx, sy] = storedAt(x, y, width, height);
      upright.copy(
        stored.data,
        (sy * stored.width + sx) * 3,
        (y * width + x) * 3,
        (y * width + x) * 3 + 3,
      );
    }
  }
  return stored;
}

function exifTags(exif: ExifFixture): Exif {
  const ifd0: Record<string, string> = {};
  const ifd2: Record<string, string> = {};
  const gps: Record<string, string> = {};
  if (exif.make !== undefined) ifd0['Make'] = exif.make;
  if (exif.model !== undefined) ifd0['Model'] = exif.model;
  if (exif.takenAt !== undefined) {
    ifd0['DateTime'] = exif.takenAt;
    ifd2['DateTimeOriginal'] = exif.takenAt;
  }
  if (exif.offset !== undefined) ifd2['OffsetTimeOriginal'] = exif.offset;
  if (exif.lensModel !== undefined) ifd2['LensModel'] = exif.lensModel;
  if (exif.exposureTime !== undefined) ifd2['ExposureTime'] = exif.exposureTime;
  if (exif.fNumber !== undefined) ifd2['FNumber'] = `${Math.round(exif.fNumber * 10)}/10`;
  if (exif.iso !== undefined) ifd2['ISOSpeedRatings'] = String(exif.iso);
  if (exif.focalLength !== undefined)
    ifd2['FocalLength'] = `${Math.round(exif.focalLength * 10)}/10`;
  if (exif.gps !== undefined) {
    Object.assign(gps, {
      GPSLatitudeRef: exif.gps.latitude < 0 ? 'S' : 'N',
      GPSLatitude: degreesMinutesSeconds(exif.gps.latitude),
      GPSLongitudeRef: exif.gps.longitude < 0 ? 'W' : 'E',
      GPSLongitude: degreesMinutesSeconds(exif.gps.longitude),
    });
  }
  return { IFD0: ifd0, IFD2: ifd2, IFD3: gps };
}

function degreesMinutesSeconds(decimal: number): string {
  const absolute = Math.abs(decimal);
  const degrees = Math.floor(absolute);
  const minutes = Math.floor((absolute - degrees) * 60);
  const hundredthsOfSeconds = Math.round(((absolute - degrees) * 60 - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${hundredthsOfSeconds}/100`;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
