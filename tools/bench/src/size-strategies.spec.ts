import sharp from 'sharp';
import { encodeRenditions, referenceWidths, SIZE_STRATEGIES } from './size-strategies';
import { syntheticPhotoJpeg } from './synthetic-photo';

describe('SIZE_STRATEGIES', () => {
  it('given a photo narrower than 1600 px, when each strategy derives sizes, then all give the same unenlarged sizes and thumbnail', async () => {
    const jpeg = await syntheticPhotoJpeg({ width: 1200, height: 900 });

    const sizes = await Promise.all(
      Object.values(SIZE_STRATEGIES).map(async (derive) =>
        (await derive(jpeg)).map(({ width, height }) => [width, height]),
      ),
    );

    const expected = [
      [1200, 900],
      [800, 600],
      [320, 240],
      [200, 200],
    ];
    expect(sizes).toEqual([expected, expected, expected]);
    expect((await referenceWidths(jpeg)).map(({ width }) => width)).toEqual([1200, 800, 320]);
  }, 30_000);

  it('given renditions, when encoded, then each gives a WebP and a JPEG', async () => {
    const renditions = await SIZE_STRATEGIES.cascade(
      await syntheticPhotoJpeg({ width: 400, height: 300 }),
    );

    const files = await encodeRenditions(renditions);

    const formats = await Promise.all(
      files.map(async (file) => (await sharp(file).metadata()).format),
    );
    expect(formats).toEqual(renditions.flatMap(() => ['webp', 'jpeg']));
  }, 30_000);
});
