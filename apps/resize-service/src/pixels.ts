import { renderToBuffer } from '@imgpipe/imaging';
import sharp from 'sharp';
import type { Channels, Sharp } from 'sharp';

/** Decoded, uncompressed 8-bit pixels: what a size cascade hands from one step to the next. */
export interface Pixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: Channels;
}

/**
 * Starts a pipeline on pixels an earlier step produced.
 *
 * @example
 * const smaller = await toPixels(fromPixels(pixels).resize({ width: 320 }));
 */
export function fromPixels(pixels: Pixels): Sharp {
  return sharp(pixels.data, {
    raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
  });
}

/**
 * Runs a pipeline on trusted input (pixels we made) to raw pixels; errors propagate as
 * they are, since nothing about them is the uploader's fault.
 *
 * @example
 * const pixels = await toPixels(fromPixels(previous).resize({ width: 800 }));
 */
export async function toPixels(pipeline: Sharp): Promise<Pixels> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/**
 * Runs a pipeline that decodes the untrusted source to raw pixels, turning corrupt or
 * truncated data into a permanent rejection.
 *
 * @example
 * const pixels = await decodeToPixels(openImage(bytes, image).resize({ width: 1600 }));
 */
export async function decodeToPixels(pipeline: Sharp): Promise<Pixels> {
  const { data, info } = await renderToBuffer(pipeline.raw());
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/**
 * Resizes to exactly `size` (aspect already kept by the plan), or passes the pipeline
 * through when it is that size already. Exact heights from the plan make a cascaded
 * rendition the same size a direct resize would give.
 *
 * @example
 * fitExactly(openImage(bytes, image), { width: 4000, height: 3000 }, { width: 800, height: 600 });
 */
export function fitExactly(
  pipeline: Sharp,
  current: { readonly width: number; readonly height: number },
  size: { readonly width: number; readonly height: number },
): Sharp {
  return current.width === size.width && current.height === size.height
    ? pipeline
    : pipeline.resize({ width: size.width, height: size.height, fit: 'fill' });
}
