import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import sharp from 'sharp';
import { DEFAULT_RESIZE_SPEC, resizeImage } from './resize';
import { outputNamed } from './testing/output-pixels';

const WIDTH = 600;
const HEIGHT = 450;

// Fine detail everywhere (a diagonal grating plus seeded noise), so softening shows up.
function detailedPixels(): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 7;
  for (let index = 0; index < data.length; index += 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const pixel = Math.floor(index / 3);
    const grating = 60 * Math.sin(((pixel % WIDTH) + Math.floor(pixel / WIDTH)) / 6);
    data[index] = Math.max(0, Math.min(255, Math.round(128 + grating + (seed >>> 26) - 32)));
  }
  return data;
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1)
    sum += Math.abs((a[index] ?? 0) - (b[index] ?? 0));
  return sum / a.length;
}

function standardDeviation(values: Buffer): number {
  let sum = 0;
  let squares = 0;
  for (const value of values) {
    sum += value;
    squares += value * value;
  }
  const mean = sum / values.length;
  return Math.sqrt(squares / values.length - mean * mean);
}

describe('resizeImage quality', () => {
  it('given a detailed image, when sizes cascade, then each matches a direct resize of the full decode and is no softer', async () => {
    const raw = { width: WIDTH, height: HEIGHT, channels: 3 } as const;
    const pixels = detailedPixels();
    const source = await sharp(pixels, { raw }).png().toBuffer();
    const spec = { ...DEFAULT_RESIZE_SPEC, widths: [400, 160, 64], formats: ['png' as const] };

    const { outputs } = await resizeImage(source, spec, DEFAULT_IMAGE_LIMITS);

    const comparisons = await Promise.all(
      [400, 160, 64].map(async (width) => {
        const ours = await sharp(outputNamed(outputs, `${width}w.png`).body)
          .raw()
          .toBuffer();
        const direct = await sharp(pixels, { raw })
          .resize({ width, height: (width * 3) / 4, fit: 'fill' })
          .raw()
          .toBuffer();
        return {
          width,
          // Out of 255: under 2 is invisible, while a 1 px blur of this grating is off by 5–20.
          invisible: meanAbsoluteDifference(ours, direct) < 2,
          // Softening lowers contrast; the cascade may keep a little more, never much less.
          noSofter: standardDeviation(ours) >= 0.97 * standardDeviation(direct),
        };
      }),
    );
    expect(comparisons).toEqual(
      [400, 160, 64].map((width) => ({ width, invisible: true, noSofter: true })),
    );
  }, 30_000);
});
