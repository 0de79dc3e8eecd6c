import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { inspectImage, readExifSubset } from '@imgpipe/imaging';
import sharp from 'sharp';

// Guards the committed samples: each still exercises what README.md says it does.
const image = (name: string): string => join(__dirname, '..', 'images', name);

describe('sample images', () => {
  it.each([
    'café au lait.jpg',
    'plus+sign.png',
    'dusk over hills.webp',
    'print proof CMYK.jpg',
    'deep gradient 16-bit.png',
    'spinner-animated.gif',
  ])('given %s, when its size is checked, then it is at most 150 KB', async (name) => {
    expect((await stat(image(name))).size).toBeLessThanOrEqual(150 * 1024);
  });

  it('given café au lait.jpg, when inspected, then it is stored sideways with orientation 6 and camera EXIF', async () => {
    const facts = await inspectImage(await readFile(image('café au lait.jpg')));

    expect(facts).toMatchObject({
      format: 'jpeg',
      width: 480,
      height: 640,
      displayWidth: 640,
      displayHeight: 480,
      orientation: 6,
    });
    expect(readExifSubset(facts.exif ?? new Uint8Array())).toEqual({
      make: 'Canon',
      model: 'Canon EOS R6',
      lensModel: 'RF35mm F1.8 MACRO IS STM',
      takenAt: '2024-05-17T14:03:22+02:00',
      exposureTime: 0.004,
      fNumber: 5.6,
      iso: 200,
      focalLength: 35,
      gps: { latitude: expect.closeTo(48.8582, 4), longitude: expect.closeTo(2.2945, 4) },
    });
  });

  it.each([
    ['plus+sign.png', { format: 'png', hasAlpha: true, channels: 4 }],
    ['dusk over hills.webp', { format: 'webp', width: 800, height: 500 }],
    ['print proof CMYK.jpg', { format: 'jpeg', space: 'cmyk', channels: 4 }],
    ['deep gradient 16-bit.png', { format: 'png', bitsPerSample: 16, depth: 'ushort' }],
    ['spinner-animated.gif', { format: 'gif', pages: 12, animated: true, width: 160, height: 160 }],
  ])(
    'given %s, when inspected, then it has the property it is there to exercise',
    async (name, expected) => {
      expect(await inspectImage(await readFile(image(name)))).toMatchObject(expected);
    },
  );

  it.each([
    ['upright.heic', 64, 48, 1],
    ['iphone-orientation-6.heic', 64, 48, 1],
    ['mirrored-orientation-5.heic', 64, 48, 1],
    ['two-images-primary-second.heic', 64, 48, 2],
    ['display-p3.heic', 32, 32, 1],
    ['corrupt-picture-data.heic', 64, 48, 1],
  ])(
    'given the HEIC fixture %s, when its header is read, then it is a small HEVC HEIF of the size README.md gives',
    async (name, width, height, pages) => {
      const bytes = await readFile(join(__dirname, '..', 'heic', name));

      expect(bytes.length).toBeLessThanOrEqual(4 * 1024);
      expect(await sharp(bytes).metadata()).toMatchObject({
        format: 'heif',
        compression: 'hevc',
        width,
        height,
        pages,
      });
    },
  );
});
