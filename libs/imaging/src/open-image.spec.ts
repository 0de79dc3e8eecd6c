import sharp from 'sharp';

import {
  animatedGif,
  BLUE,
  cmykJpeg,
  displayP3Png,
  jpeg,
  png16,
  pngWithAlpha,
  RED,
  truncated,
} from '@imgpipe/testing';
import type { Rgb } from '@imgpipe/testing';

import { ImageRejectedError } from './image-rejected-error';
import { inspectImage } from './inspect-image';
import { openImage, renderToBuffer } from './open-image';

async function decodeRaw(
  bytes: Uint8Array,
  animated = false,
): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const inspected = await inspectImage(bytes);
  const { data, info } = await renderToBuffer(openImage(bytes, inspected, { animated }).raw());
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function pixelAt(
  image: { data: Buffer; width: number; channels: number },
  x: number,
  y: number,
): number[] {
  const offset = (y * image.width + x) * image.channels;
  return [...image.data.subarray(offset, offset + image.channels)];
}

function expectNear(actual: number[], expected: Rgb, tolerance: number): void {
  const [r = -1, g = -1, b = -1] = actual;
  expect({
    r: Math.abs(r - expected.r) <= tolerance,
    g: Math.abs(g - expected.g) <= tolerance,
    b: Math.abs(b - expected.b) <= tolerance,
    actual,
  }).toEqual({
    r: true,
    g: true,
    b: true,
    actual,
  });
}

describe('openImage', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'given a 64×48 JPEG stored for orientation %i, when decoded, then it is 64×48 upright with the marker top-left',
    async (orientation) => {
      const image = await decodeRaw(await jpeg({ width: 64, height: 48, orientation }));

      expect([image.width, image.height, image.channels]).toEqual([64, 48, 3]);
      expectNear(pixelAt(image, 8, 8), RED, 12);
      expectNear(pixelAt(image, 56, 40), BLUE, 12);
      expectNear(pixelAt(image, 56, 8), BLUE, 12);
    },
  );

  it('given a CMYK JPEG of sRGB (120,140,170), when decoded, then it is 3-channel sRGB near that colour', async () => {
    const image = await decodeRaw(await cmykJpeg({ colour: { r: 120, g: 140, b: 170 } }));

    expect(image.channels).toBe(3);
    expectNear(pixelAt(image, 10, 10), { r: 120, g: 140, b: 170 }, 8);
  });

  it('given a CMYK JPEG encoded to JPEG, when rendered, then the output is sRGB with 3 channels', async () => {
    const bytes = await cmykJpeg();
    const { data } = await renderToBuffer(openImage(bytes, await inspectImage(bytes)).jpeg());

    expect(await sharp(data).metadata()).toMatchObject({ space: 'srgb', channels: 3 });
  });

  it('given a Display P3 PNG with its profile, when decoded, then the pixels are converted to the sRGB colour shown', async () => {
    const bytes = await displayP3Png({ colour: { r: 40, g: 160, b: 90 } });
    const storedNumbers = await sharp(bytes, { ignoreIcc: true }).raw().toBuffer();

    const image = await decodeRaw(bytes);

    expectNear(pixelAt(image, 4, 4), { r: 40, g: 160, b: 90 }, 3);
    expect(Math.abs((storedNumbers[0] ?? 0) - 40)).toBeGreaterThan(20);
  });

  it('given a 16-bit PNG, when rendered as PNG, then the output has 8 bits per sample', async () => {
    const bytes = await png16({ width: 40, height: 30 });
    const { data } = await renderToBuffer(openImage(bytes, await inspectImage(bytes)).png());

    expect(await sharp(data).metadata()).toMatchObject({
      depth: 'uchar',
      bitsPerSample: 8,
      space: 'srgb',
      width: 40,
      height: 30,
    });
  });

  it('given a PNG with a transparent right half, when decoded, then alpha is kept', async () => {
    const image = await decodeRaw(await pngWithAlpha({ width: 32, height: 16, colour: RED }));

    expect(image.channels).toBe(4);
    expect(pixelAt(image, 4, 8)).toEqual([RED.r, RED.g, RED.b, 255]);
    expect(pixelAt(image, 28, 8)[3]).toBe(0);
  });

  it('given a JPEG with EXIF and orientation, when rendered, then no EXIF or orientation is left in the output', async () => {
    const bytes = await jpeg({
      orientation: 6,
      exif: { make: 'Canon', gps: { latitude: 48.85, longitude: 2.29 } },
    });
    const { data } = await renderToBuffer(openImage(bytes, await inspectImage(bytes)).jpeg());

    const output = await sharp(data).metadata();
    expect([output.exif, output.orientation, output.width, output.height]).toEqual([
      undefined,
      undefined,
      64,
      48,
    ]);
  });

  it('given a 3-frame GIF, when decoded with animated, then all frames are stacked; without, only the first', async () => {
    const gif = await animatedGif({ width: 16, height: 12, frames: 3, colours: [RED, BLUE] });

    const all = await decodeRaw(gif, true);
    const first = await decodeRaw(gif);

    expect([all.width, all.height, first.width, first.height]).toEqual([16, 36, 16, 12]);
    expectNear(pixelAt(all, 8, 18), BLUE, 16);
    expectNear(pixelAt(all, 8, 30), RED, 16);
  });
});

describe('renderToBuffer', () => {
  it.each([
    [
      'a JPEG cut at 60 %',
      async () => truncated(await jpeg({ width: 256, height: 256 }), 0.6),
      /premature end of JPEG/,
    ],
    [
      'a PNG cut at 60 %',
      async () =>
        truncated(
          await sharp({
            create: {
              width: 200,
              height: 200,
              channels: 3,
              background: '#808080',
              noise: { type: 'gaussian', mean: 128, sigma: 40 },
            },
          })
            .png()
            .toBuffer(),
          0.6,
        ),
      /libpng read error/,
    ],
  ])('given %s, when decoded, then it is rejected as corrupt', async (_name, make, detail) => {
    const bytes = await make();
    const inspected = await inspectImage(bytes);

    const result = renderToBuffer(openImage(bytes, inspected).raw());

    await expect(result).rejects.toBeInstanceOf(ImageRejectedError);
    await expect(result).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^image data is corrupt or truncated \(.+\)$/),
    });
    await expect(result).rejects.toMatchObject({ message: expect.stringMatching(detail) });
  });

  it('given limits tighter than the image, when decoded, then sharp enforces the pixel limit and it is rejected', async () => {
    const bytes = await jpeg({ width: 64, height: 48 });
    const inspected = await inspectImage(bytes);

    const result = renderToBuffer(
      openImage(bytes, { ...inspected, limits: { ...inspected.limits, maxPixels: 1000 } }).raw(),
    );

    await expect(result).rejects.toMatchObject({ code: 'too-many-pixels' });
  });
});
