import sharp from 'sharp';
import type { Sharp } from 'sharp';

/** Uncompressed 8-bit RGBA pixels: how mark parts are passed between steps. */
export interface RawRgba {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Runs a pipeline to straight (not premultiplied) 8-bit RGBA pixels.
 *
 * @example
 * const logo = await toRawRgba(sharp(pngBytes).resize({ height: 64 }));
 */
export async function toRawRgba(pipeline: Sharp): Promise<RawRgba> {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Starts a sharp pipeline on {@link RawRgba} pixels.
 *
 * @example
 * const png = await fromRawRgba(mark).png().toBuffer();
 */
export function fromRawRgba(image: RawRgba): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
}
