import type { ImageLimits, OutputFormat, OutputFormatName } from '@imgpipe/imaging';
import { chooseOutputFamily, encodeOutput, inspectImage, openImage, renderToBuffer } from '@imgpipe/imaging';
import sharp from 'sharp';
import type { OverlayOptions } from 'sharp';

import type { RawRgba } from './raw-image';
import { fromRawRgba, toRawRgba } from './raw-image';
import type { Box, WatermarkLayout } from './watermark-layout';
import { layoutWatermark } from './watermark-layout';

/** What {@link watermarkImage} makes of an image. */
export interface WatermarkOptions extends WatermarkLayout {
  /** The display copy fits inside a square of this side, never enlarged. */
  readonly box: number;
  /** 0 (invisible) to 1 (as drawn). */
  readonly opacity: number;
  /** Most frames an animated WebP copy keeps; later frames are dropped. */
  readonly maxAnimationFrames: number;
  /** The mark as drawn by `renderMark`; without one the display copy is left unmarked. */
  readonly mark?: RawRgba;
}

/** The encoded display copy. */
export interface WatermarkOutput {
  readonly body: Buffer;
  readonly format: OutputFormatName;
  readonly contentType: string;
  readonly extension: string;
  /** Size of one frame. */
  readonly width: number;
  readonly height: number;
  /** Frames written: 1 unless the output is an animated WebP. */
  readonly pages: number;
}

/** What happened on the way, for logs and tests. */
export interface WatermarkFacts {
  /** Where the mark sits in each frame; `undefined` when the image was too small for one. */
  readonly markBox: Box | undefined;
}

export interface WatermarkResult {
  readonly output: WatermarkOutput;
  readonly facts: WatermarkFacts;
}

/**
 * Makes the watermarked display copy of untrusted image bytes: header checks first (format
 * by magic bytes, SVG/HEIC refusal, byte, pixel and frame limits), then an upright 8-bit
 * sRGB copy fitted inside `box`, the mark composited on every frame, encoded in the
 * source's family (JPEG for photos, PNG with alpha, animated WebP for animations).
 *
 * @throws ImageRejectedError for input that will never process; other errors are transient.
 * @example
 * const mark = await renderMark({ text: '© imgpipe' }, limits);
 * const { output, facts } = await watermarkImage(bytes, { box: 2048, opacity: 0.6, mark, maxAnimationFrames: 50,
 *   position: 'bottom-right', scale: 0.25, margin: 0.02, maxCoverage: 0.1 }, limits);
 */
export async function watermarkImage(bytes: Uint8Array, options: WatermarkOptions, limits: ImageLimits): Promise<WatermarkResult> {
  const image = await inspectImage(bytes, limits);
  const family = chooseOutputFamily(image);
  // openImage reads at most `maxFrames` frames; more than the limit was refused above.
  const capped = { ...image, limits: { ...image.limits, maxFrames: Math.min(image.limits.maxFrames, options.maxAnimationFrames) } };
  // Fitting to raw pixels first gives the exact fitted size the mark is laid out against.
  const fitted = await renderToBuffer(
    openImage(bytes, capped, { animated: family.animated })
      .resize({ width: options.box, height: options.box, fit: 'inside', withoutEnlargement: true })
      .raw({ depth: 'uchar' }),
  );
  const { width, channels } = fitted.info;
  const pages = family.animated ? (fitted.info.pages ?? 1) : 1;
  const height = fitted.info.pageHeight ?? fitted.info.height / pages;
  const markBox =
    options.mark === undefined ? undefined : layoutWatermark({ width, height }, options.mark.width / options.mark.height, options);
  let pipeline = sharp(fitted.data, {
    // The copy is never larger than the source, which inspectImage held to the limit.
    limitInputPixels: limits.maxPixels,
    raw: { width, height: fitted.info.height, channels, ...(pages > 1 ? { pageHeight: height } : {}) },
  });
  if (options.mark !== undefined && markBox !== undefined) {
    pipeline = pipeline.composite(await markLayers(options.mark, markBox, options.opacity, pages, height));
  }
  const body = (await renderToBuffer(encodeOutput(pipeline, family, await encodeOptions(bytes, family, pages)))).data;
  return {
    output: { body, format: family.format, contentType: family.contentType, extension: family.extension, width, height, pages },
    facts: { markBox },
  };
}

/** The mark scaled to its box and faded to `opacity`, placed once per frame. */
async function markLayers(mark: RawRgba, box: Box, opacity: number, pages: number, pageHeight: number): Promise<OverlayOptions[]> {
  const scaled = await toRawRgba(fromRawRgba(mark).resize({ width: box.width, height: box.height, fit: 'fill' }));
  const faded = Buffer.from(scaled.data);
  for (let alpha = 3; alpha < faded.length; alpha += 4) faded[alpha] = Math.round((faded[alpha] ?? 0) * opacity);
  return Array.from({ length: pages }, (_, page) => ({
    input: faded,
    raw: { width: scaled.width, height: scaled.height, channels: 4 as const },
    left: box.left,
    top: page * pageHeight + box.top,
  }));
}

/** Raw pixels carry no frame timing, so an animation's is read from the source header. */
async function encodeOptions(bytes: Uint8Array, family: OutputFormat, pages: number) {
  if (!family.animated) return {};
  const { delay = [], loop = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
  // GIFs may omit per-frame delays; 100 ms is what browsers show for them.
  const frames = Array.from({ length: pages }, (_, index) => delay[index] ?? 100);
  return { animation: { delay: frames, loop } };
}
