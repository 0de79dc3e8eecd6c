import sharp from 'sharp';
import { seededRandom, syntheticPhotoJpeg } from './synthetic-photo';

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
