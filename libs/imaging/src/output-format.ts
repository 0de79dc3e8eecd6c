import type { Sharp } from 'sharp';

import type { InspectedImage } from './inspect-image';

/** The formats the services write. */
export type OutputFormatName = 'jpeg' | 'png' | 'webp' | 'avif';

/** An output format with what S3 and a browser need to know about it. */
export interface OutputFormat {
  readonly format: OutputFormatName;
  /** Whether every frame is written (animated WebP); otherwise one still frame. */
  readonly animated: boolean;
  readonly contentType: string;
  /** File extension without the dot, used in output keys. */
  readonly extension: string;
}

const CONTENT_TYPES: Readonly<Record<OutputFormatName, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

const EXTENSIONS: Readonly<Record<OutputFormatName, string>> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

/**
 * `Cache-Control` for objects in the processed bucket. Not `immutable`: output keys are
 * deterministic, so re-uploading a source overwrites its outputs in place, and a day is
 * the longest a viewer may keep seeing the old one.
 */
export const OUTPUT_CACHE_CONTROL = 'public, max-age=86400';

/**
 * Describes one output format.
 *
 * @example
 * outputFormat('avif'); // { format: 'avif', animated: false, contentType: 'image/avif', extension: 'avif' }
 */
export function outputFormat(format: OutputFormatName, animated = false): OutputFormat {
  return { format, animated, contentType: CONTENT_TYPES[format], extension: EXTENSIONS[format] };
}

/**
 * The format family that keeps what matters about a source: animations stay animated (WebP,
 * which unlike GIF keeps full colour), transparency stays transparent (PNG), everything else
 * is a photo (JPEG). Only the header facts are consulted, never the extension.
 *
 * @example
 * const image = await inspectImage(bytes, limits);
 * chooseOutputFamily(image).format; // 'png' for a PNG with alpha, 'webp' for an animated GIF
 */
export function chooseOutputFamily(image: Pick<InspectedImage, 'animated' | 'hasAlpha'>): OutputFormat {
  if (image.animated) return outputFormat('webp', true);
  return outputFormat(image.hasAlpha ? 'png' : 'jpeg');
}

/** Encoder settings a caller may change; the defaults suit display copies. */
export interface EncodeOptions {
  /** 1–100 for JPEG, WebP and AVIF; ignored for PNG (lossless). */
  readonly quality?: number;
  /**
   * Frame timing for animated WebP. Pass it when the pipeline starts from raw pixels, which
   * carry no timing; a pipeline opened on the source keeps the source's own.
   */
  readonly animation?: { readonly delay: readonly number[]; readonly loop: number };
}

const DEFAULT_QUALITY: Readonly<Record<OutputFormatName, number>> = { jpeg: 82, png: 100, webp: 80, avif: 55 };

/**
 * Ends a pipeline with the encoder of `output`. JPEG has no alpha, so anything transparent
 * is flattened onto white on purpose (sharp would otherwise flatten onto black).
 *
 * @example
 * const { data } = await renderToBuffer(encodeOutput(openImage(bytes, image), chooseOutputFamily(image)));
 */
export function encodeOutput(pipeline: Sharp, output: OutputFormat, options: EncodeOptions = {}): Sharp {
  const quality = options.quality ?? DEFAULT_QUALITY[output.format];
  switch (output.format) {
    case 'jpeg':
      return pipeline.flatten({ background: '#ffffff' }).jpeg({ quality, progressive: true });
    case 'png':
      return pipeline.png({ compressionLevel: 6 });
    case 'webp':
      // effort 4 (the default) keeps animated WebP encoding within a Lambda's budget.
      return pipeline.webp({
        quality,
        effort: 4,
        ...(output.animated && options.animation ? { delay: [...options.animation.delay], loop: options.animation.loop } : {}),
      });
    case 'avif':
      // effort 4 costs ~2 s on 12 MP here; 2 gives nearly the same size at a sixth of it.
      return pipeline.avif({ quality, effort: 2 });
  }
}
