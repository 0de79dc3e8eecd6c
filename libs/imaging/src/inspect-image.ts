import sharp from 'sharp';
import type { Metadata } from 'sharp';

import { decodesWithSharp, isDecodable } from './decodable-formats';
import type { DecodableFormat } from './decodable-formats';
import { checkHeicPixels, decodeHeic } from './decode-heic';
import { describeMegapixels } from './describe-size';
import { checkByteSize, DEFAULT_IMAGE_LIMITS } from './image-limits';
import type { ImageLimits } from './image-limits';
import { ImageRejectedError } from './image-rejected-error';
import { describeNonImage } from './describe-non-image';
import { heifOrientation } from './heif-orientation';
import { sniffFormat } from './sniff-format';

/** EXIF orientation: 1 is upright; 5–8 swap width and height when applied. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * Facts about an image read from its header, after every limit was checked, and the pixels
 * of a HEIC, which only a decoder other than sharp can read.
 */
export interface InspectedImage {
  readonly format: DecodableFormat;
  readonly mime: string;
  /** Width and height as stored (one frame), before EXIF orientation. */
  readonly width: number;
  readonly height: number;
  /** Width and height as displayed, after EXIF orientation. */
  readonly displayWidth: number;
  readonly displayHeight: number;
  readonly orientation: Orientation;
  /** libvips interpretation, e.g. `srgb`, `cmyk`, `b-w`, `rgb16`. */
  readonly space: string;
  /** libvips band format, e.g. `uchar` (8 bit), `ushort` (16 bit). */
  readonly depth: string;
  readonly bitsPerSample: number;
  readonly channels: number;
  readonly hasAlpha: boolean;
  readonly hasProfile: boolean;
  /** Frames or pages; 1 for a still image. */
  readonly pages: number;
  readonly animated: boolean;
  /** Raw EXIF block (starting `Exif\0\0`), if any. */
  readonly exif: Buffer | undefined;
  readonly byteLength: number;
  /** The limits this image was checked against; {@link openImage} decodes within them. */
  readonly limits: ImageLimits;
  /**
   * For a HEVC-coded HEIC, which sharp cannot decode: its primary image decoded already,
   * upright, as an uncompressed TIFF with the file's ICC profile; {@link openImage} reads
   * it instead of the source. `undefined` for every format sharp decodes.
   */
  readonly decoded: Buffer | undefined;
}

const BITS_OF_DEPTH: Readonly<Record<string, number>> = {
  uchar: 8,
  char: 8,
  ushort: 16,
  short: 16,
  uint: 32,
  int: 32,
  float: 32,
  double: 64,
};

/**
 * Decides whether untrusted bytes may be decoded, reading only the header: sniffs the
 * format by magic bytes, refuses non-images and SVG, then checks byte, pixel and frame
 * limits before a single pixel is decoded. A HEVC-coded HEIC, which sharp cannot decode, is
 * then decoded here once (primary image, upright, within {@link HEIC_MAX_PIXELS} too), so
 * every service opens it like any other image.
 *
 * @throws ImageRejectedError for every permanent refusal; other errors are unexpected.
 * @example
 * const image = await inspectImage(bytes, limitsFromEnv(process.env));
 * console.log(image.format, image.displayWidth, image.displayHeight);
 */
export async function inspectImage(
  bytes: Uint8Array,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<InspectedImage> {
  checkByteSize(bytes.byteLength, limits);
  const sniffed = sniffFormat(bytes);
  if (sniffed === undefined || !sniffed.isImage) {
    throw new ImageRejectedError(
      'not-an-image',
      `bytes are not an image (${describeNonImage(bytes, sniffed)})`,
    );
  }
  const { format, mime } = sniffed;
  if (format === 'svg') {
    throw new ImageRejectedError(
      'svg-not-allowed',
      'SVG is not accepted: it can load external resources and embed scripts',
    );
  }
  if (!isDecodable(format)) {
    throw new ImageRejectedError(
      'unsupported-format',
      `${format.toUpperCase()} images are not supported`,
    );
  }
  const header = await readHeader(bytes);
  const metadata = HEIF_FORMATS.has(format) ? withHeifOrientation(header, bytes) : header;
  const facts = checkedFacts(format, mime, metadata, bytes.byteLength, limits);
  if (decodesWithSharp(format, metadata.compression)) return facts;
  const { displayWidth: width, displayHeight: height } = facts;
  checkHeicPixels(width, height);
  const { pagePrimary: index = 0, hasAlpha, icc } = metadata;
  const primary = { index, width, height, hasAlpha, icc };
  return { ...facts, decoded: await decodeHeic(bytes, primary) };
}

const HEIF_FORMATS: ReadonlySet<DecodableFormat> = new Set<DecodableFormat>([
  'avif',
  'heic',
  'heif',
]);

/**
 * libheif applies HEIF's own transforms (`irot`, `imir`) on decode, so sharp reports the
 * upright size and no orientation; the transforms say how the picture is stored.
 */
function withHeifOrientation(metadata: Metadata, bytes: Uint8Array): Metadata {
  const orientation = heifOrientation(bytes);
  const swapped = orientation >= 5;
  return {
    ...metadata,
    orientation,
    width: swapped ? metadata.height : metadata.width,
    height: swapped ? metadata.width : metadata.height,
    autoOrient: { width: metadata.width, height: metadata.height },
  };
}

async function readHeader(bytes: Uint8Array): Promise<Metadata> {
  try {
    // No pixel limit here: the header is all that is read, and a limit error would hide
    // the real dimensions the rejection reason should show.
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageRejectedError('corrupt', `image header is corrupt (${firstLine(error)})`, {
      cause: error,
    });
  }
}

function checkedFacts(
  format: DecodableFormat,
  mime: string,
  metadata: Metadata,
  byteLength: number,
  limits: ImageLimits,
): InspectedImage {
  const { width, height } = metadata;
  const pages = metadata.pages ?? 1;
  if (pages > limits.maxFrames) {
    throw new ImageRejectedError(
      'too-many-frames',
      `image has ${pages} frames, over the ${limits.maxFrames} frame limit`,
    );
  }
  const pixels = width * height * pages;
  if (pixels > limits.maxPixels) {
    const frames = pages > 1 ? ` × ${pages} frames` : '';
    throw new ImageRejectedError(
      'too-many-pixels',
      `image is ${width}×${height}${frames} = ${describeMegapixels(pixels)}, over the ${describeMegapixels(limits.maxPixels)} limit`,
    );
  }
  const orientation = toOrientation(metadata.orientation);
  return {
    format,
    mime,
    width,
    height,
    displayWidth: metadata.autoOrient.width,
    displayHeight: metadata.autoOrient.height,
    orientation,
    space: metadata.space,
    depth: metadata.depth,
    bitsPerSample: metadata.bitsPerSample ?? BITS_OF_DEPTH[metadata.depth] ?? 8,
    channels: metadata.channels,
    hasAlpha: metadata.hasAlpha,
    hasProfile: metadata.hasProfile,
    pages,
    // Multi-page TIFF and HEIF collections are documents, not animations.
    animated: pages > 1 && (format === 'gif' || format === 'webp'),
    exif: metadata.exif,
    byteLength,
    limits,
    decoded: undefined,
  };
}

function toOrientation(value: number | undefined): Orientation {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8
    ? (value as Orientation)
    : 1;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'unreadable'
  );
}
