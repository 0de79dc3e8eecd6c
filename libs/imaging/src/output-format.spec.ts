import sharp from 'sharp';

import { chooseOutputFamily, encodeOutput, outputFormat } from './output-format';

describe('chooseOutputFamily', () => {
  it.each([
    [{ animated: true, hasAlpha: true }, { format: 'webp', animated: true, contentType: 'image/webp', extension: 'webp' }],
    [{ animated: false, hasAlpha: true }, { format: 'png', animated: false, contentType: 'image/png', extension: 'png' }],
    [{ animated: false, hasAlpha: false }, { format: 'jpeg', animated: false, contentType: 'image/jpeg', extension: 'jpg' }],
  ])('given an image with %o, when a family is chosen, then it is %o', (image, expected) => {
    expect(chooseOutputFamily(image)).toEqual(expected);
  });
});

describe('encodeOutput', () => {
  it('given transparent pixels, when encoded as JPEG, then they are flattened onto white, not black', async () => {
    const transparent = sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } });

    const jpeg = await encodeOutput(transparent, outputFormat('jpeg')).toBuffer();

    const { data } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(250);
  });

  it('given raw frames and their timing, when encoded as animated WebP, then the timing is written', async () => {
    // Two different frames: the WebP encoder merges identical neighbours into one.
    const pixels = Buffer.concat([Buffer.alloc(4 * 3 * 3, 30), Buffer.alloc(4 * 3 * 3, 220)]);
    const frames = sharp(pixels, { raw: { width: 4, height: 6, channels: 3, pageHeight: 3 } });

    const webp = await encodeOutput(frames, outputFormat('webp', true), { animation: { delay: [40, 80], loop: 2 } }).toBuffer();

    expect(await sharp(webp).metadata()).toMatchObject({ format: 'webp', pages: 2, delay: [40, 80], loop: 2 });
  });
});
