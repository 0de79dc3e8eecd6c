// Pixel helpers for this service's specs: decode outputs and compare regions of them.
import sharp from 'sharp';

import type { Box } from '../watermark-layout';

/** Decoded pixels of one image or all frames stacked, with their layout. */
export interface Pixels {
  readonly data: Buffer;
  readonly width: number;
  /** Height of all frames together. */
  readonly height: number;
  readonly channels: number;
}

/**
 * Decodes encoded bytes (every frame of an animation) to raw pixels.
 *
 * @example
 * const pixels = await decode(output.body);
 */
export async function decode(bytes: Uint8Array, options: { readonly allFrames?: boolean } = {}): Promise<Pixels> {
  const { data, info } = await sharp(bytes, { pages: options.allFrames === true ? -1 : 1 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Summed and largest per-channel difference of two same-sized images over a selection. */
export interface Difference {
  readonly sum: number;
  readonly max: number;
  /** Pixels where any channel differs by more than `threshold`. */
  readonly changed: number;
}

/**
 * Compares two images pixel by pixel, over the pixels `where` selects. With alpha, colours
 * are compared premultiplied: what a viewer sees, so the colour of a fully transparent pixel
 * (which compositing may zero) does not count.
 *
 * @example
 * const outside = difference(marked, plain, (x, y) => !inside(box, x, y));
 */
export function difference(a: Pixels, b: Pixels, where: (x: number, y: number) => boolean, threshold = 0): Difference {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new Error(`sizes differ: ${a.width}×${a.height}×${a.channels} vs ${b.width}×${b.height}×${b.channels}`);
  }
  let sum = 0;
  let max = 0;
  let changed = 0;
  const { channels } = a;
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) {
      if (!where(x, y)) continue;
      const start = (y * a.width + x) * channels;
      // Premultiplying by alpha (or by 255 without it) compares what a viewer sees.
      const alphaA = channels === 4 ? (a.data[start + 3] ?? 0) : 255;
      const alphaB = channels === 4 ? (b.data[start + 3] ?? 0) : 255;
      let pixelMax = 0;
      for (let c = 0; c < channels; c += 1) {
        const isAlpha = channels === 4 && c === 3;
        const valueA = isAlpha ? alphaA : Math.round(((a.data[start + c] ?? 0) * alphaA) / 255);
        const valueB = isAlpha ? alphaB : Math.round(((b.data[start + c] ?? 0) * alphaB) / 255);
        const delta = Math.abs(valueA - valueB);
        sum += delta;
        pixelMax = Math.max(pixelMax, delta);
      }
      max = Math.max(max, pixelMax);
      if (pixelMax > threshold) changed += 1;
    }
  }
  return { sum, max, changed };
}

/**
 * Whether a pixel lies inside a box grown by `grow` pixels on every side.
 *
 * @example
 * inside({ left: 10, top: 10, width: 5, height: 5 }, 12, 12); // true
 */
export function inside(box: Box, x: number, y: number, grow = 0): boolean {
  return x >= box.left - grow && x < box.left + box.width + grow && y >= box.top - grow && y < box.top + box.height + grow;
}

/**
 * The colour at a pixel, as `[r, g, b]` or `[r, g, b, a]`.
 *
 * @example
 * pixelAt(pixels, 0, 0); // [220, 20, 30]
 */
export function pixelAt(pixels: Pixels, x: number, y: number): number[] {
  const start = (y * pixels.width + x) * pixels.channels;
  return [...pixels.data.subarray(start, start + pixels.channels)];
}
