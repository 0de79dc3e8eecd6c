import type { Rgb } from '@imgpipe/testing';
import sharp from 'sharp';
import type { ResizedOutput } from '../resize';

/**
 * Decodes an output so a test can read its pixels: `at(x, y)` gives every channel.
 *
 * @example
 * const image = await decodePixels(outputNamed(outputs, '800w.webp'));
 * image.at(0, 0); // [220, 20, 30]
 */
export async function decodePixels(output: Pick<ResizedOutput, 'body'>) {
  const { data, info } = await sharp(output.body).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): number[] => {
    const start = (y * info.width + x) * info.channels;
    return [...data.subarray(start, start + info.channels)];
  };
  return { info, at };
}

/**
 * Finds an output by its file name (`800w.webp`), failing with the names there are.
 *
 * @example
 * const thumb = outputNamed(outputs, 'thumb-200.jpg');
 */
export function outputNamed(outputs: readonly ResizedOutput[], file: string): ResizedOutput {
  const names = outputs.map((output) => `${output.name}.${output.extension}`);
  const found = outputs[names.indexOf(file)];
  if (!found) throw new Error(`no ${file} among ${names.join(', ')}`);
  return found;
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
