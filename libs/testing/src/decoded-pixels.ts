import sharp from 'sharp';
import type { Rgb } from './fixture-pixels';

/**
 * Decodes an encoded image (an output a job made, or an object read back from the local
 * stack) so a test can read its pixels: `at(x, y)` gives every channel.
 *
 * @example
 * const image = await decodePixels({ body: webpBytes });
 * image.at(0, 0); // [220, 20, 30]
 */
export async function decodePixels(output: { readonly body: Buffer }) {
  const { data, info } = await sharp(output.body).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): number[] => {
    const start = (y * info.width + x) * info.channels;
    return [...data.subarray(start, start + info.channels)];
  };
  return { info, at };
}

/**
 * Asserts a pixel's first three channels are within `tolerance` of a colour (lossy
 * encoders move colours a little).
 *
 * @example
 * expectColour(image.at(4, 4), RED, 12);
 */
export function expectColour(actual: readonly number[], expected: Rgb, tolerance: number): void {
  const off = [expected.r, expected.g, expected.b].map((channel, index) =>
    Math.abs((actual[index] ?? Number.NaN) - channel),
  );
  expect({ actual: actual.slice(0, 3), withinTolerance: off.every((d) => d <= tolerance) }).toEqual(
    {
      actual: actual.slice(0, 3),
      withinTolerance: true,
    },
  );
}
