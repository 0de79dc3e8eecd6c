import sharp from 'sharp';
import type { OutputInfo, Sharp } from 'sharp';

import type { InspectedImage } from './inspect-image';
import { toImageRejection } from './sharp-errors';

/** How {@link openImage} should read the image. */
export interface OpenImageOptions {
  /** Read every frame of an animated GIF/WebP (at most `maxFrames`); default: first frame only. */
  readonly animated?: boolean;
}

/**
 * Starts a sharp pipeline on bytes that {@link inspectImage} accepted: decoding stays within
 * the pixel limit, truncated or corrupt data throws instead of yielding grey pixels, the
 * image is turned upright from its EXIF orientation, and the output is 8-bit sRGB (CMYK,
 * 16-bit and ICC-profiled input converted through their embedded or default profiles)
 * with alpha kept and all metadata (EXIF, GPS, ICC) stripped. A HEIC starts from the
 * upright TIFF {@link inspectImage} decoded it to.
 *
 * @example
 * const image = await inspectImage(bytes, limits);
 * const { data, info } = await renderToBuffer(
 *   openImage(bytes, image).resize({ width: 1024, withoutEnlargement: true }).webp(),
 * );
 */
export function openImage(
  bytes: Uint8Array,
  inspected: InspectedImage,
  options: OpenImageOptions = {},
): Sharp {
  const frames =
    options.animated === true && inspected.animated
      ? Math.min(inspected.pages, inspected.limits.maxFrames)
      : 1;
  return (
    sharp(inspected.decoded ?? bytes, {
      limitInputPixels: inspected.limits.maxPixels,
      // 'error' rejects truncated and corrupt data; 'warning' would also refuse the many
      // camera JPEGs with harmless "extraneous bytes" warnings.
      failOn: 'error',
      pages: frames,
      autoOrient: true,
    })
      // Sharp already strips metadata by default; converting explicitly makes 16-bit and
      // CMYK input 8-bit sRGB whatever output format a service picks later.
      .toColourspace('srgb')
  );
}

/**
 * Runs a pipeline to a buffer, turning decode failures of the input (truncated, premature
 * end, corrupt data, pixel limit) into a permanent {@link ImageRejectedError}; anything
 * else (out of memory, a bug) propagates unchanged so the message is retried.
 *
 * @example
 * const { data, info } = await renderToBuffer(openImage(bytes, image).jpeg({ quality: 80 }));
 */
export async function renderToBuffer(pipeline: Sharp): Promise<{ data: Buffer; info: OutputInfo }> {
  try {
    return await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw toImageRejection(error) ?? error;
  }
}
