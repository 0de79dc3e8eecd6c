import sharp from 'sharp';
import { seededRandom, syntheticPhotoJpeg, withOrientation } from './synthetic-photo';

describe('seededRandom', () => {
  it('given the same seed, when drawn twice, then the sequences match and stay within [0, 1)', () => {
    const first = Array.from({ length: 1000 }, seededRandom(42));
    const second = Array.from({ length: 1000 }, seededRandom(42));

    expect(second).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('syntheticPhotoJpeg', () => {
  it('given a size, when generated, then it is a JPEG of that size with photo-like detail', async () => {
    const jpeg = await syntheticPhotoJpeg({ width: 640, height: 480 });

    const meta = await sharp(jpeg).metadata();
    const { channels } = await sharp(jpeg).stats();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 480]);
    // A flat or smooth image compresses far below a bit per pixel and has little spread.
    expect(jpeg.length * 8).toBeGreaterThan(640 * 480);
    expect(channels.every((channel) => channel.stdev > 20)).toBe(true);
  });
});

describe('withOrientation', () => {
  // A dark picture with a white block in its top-left corner: where the block lands on
  // display tells whether the stored pixels were turned back the right way.
  const picture = () =>
    sharp({ create: { width: 96, height: 64, channels: 3, background: '#101010' } })
      .composite([
        {
          input: { create: { width: 24, height: 16, channels: 3, background: '#ffffff' } },
          left: 0,
          top: 0,
        },
      ])
      .jpeg({ quality: 95 })
      .toBuffer();

  it.each([1, 3, 6, 8])(
    'given orientation %i, when made, then it is tagged with it and displays as the original picture',
    async (orientation) => {
      const stored = await withOrientation(await picture(), orientation);

      const meta = await sharp(stored).metadata();
      expect(meta.orientation).toBe(orientation);
      const shown = await sharp(stored).rotate().raw().toBuffer({ resolveWithObject: true });
      expect([shown.info.width, shown.info.height]).toEqual([96, 64]);
      const at = (x: number, y: number) => shown.data[(y * 96 + x) * shown.info.channels] ?? 0;
      expect(at(4, 4)).toBeGreaterThan(200);
      expect(at(91, 59)).toBeLessThan(60);
    },
  );

  it('given a mirrored orientation, when asked, then it refuses', async () => {
    await expect(withOrientation(await picture(), 5)).rejects.toThrow('only 1, 3, 6 and 8');
  });
});
