import sharp from 'sharp';

import { uncompressedTiff } from './uncompressed-tiff';

// Two pixels: opaque red, half-transparent blue.
const rgba = new Uint8Array([220, 20, 30, 255, 20, 40, 210, 128]);

async function read(tiff: Buffer) {
  const { data, info } = await sharp(tiff).raw().toBuffer({ resolveWithObject: true });
  return { size: [info.width, info.height, info.channels], pixels: [...data] };
}

describe('uncompressedTiff', () => {
  it('given RGBA pixels and alpha kept, when read back by sharp, then every byte is as given', async () => {
    const tiff = uncompressedTiff({ rgba, width: 2, height: 1, alpha: true, icc: undefined });

    expect(await read(tiff)).toEqual({ size: [2, 1, 4], pixels: [...rgba] });
  });

  it('given RGBA pixels and no alpha wanted, when read back, then it is RGB without the alpha bytes', async () => {
    const tiff = uncompressedTiff({ rgba, width: 2, height: 1, alpha: false, icc: undefined });

    expect(await read(tiff)).toEqual({ size: [2, 1, 3], pixels: [220, 20, 30, 20, 40, 210] });
  });

  it('given an ICC profile, when read back, then sharp finds the same profile embedded', async () => {
    const p3 = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const { icc } = await sharp(p3).metadata();

    const tiff = uncompressedTiff({ rgba, width: 2, height: 1, alpha: false, icc });

    expect((await sharp(tiff).metadata()).icc?.equals(icc ?? Buffer.alloc(0))).toBe(true);
  });
});
