import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { BLUE, RED } from '@imgpipe/testing';
import type { Rgb } from '@imgpipe/testing';
import heicDecode from 'heic-decode';

import { HEIC_MAX_PIXELS } from './decode-heic';
import { readExifSubset } from './exif-subset';
import { DEFAULT_IMAGE_LIMITS } from './image-limits';
import { inspectImage } from './inspect-image';
import { openImage, renderToBuffer } from './open-image';

// Counts decoder calls, so a test can prove a refused HEIC was never decoded.
jest.mock('heic-decode', () => {
  const decode = jest.requireActual<typeof heicDecode>('heic-decode');
  return { __esModule: true, default: Object.assign(decode, { all: jest.fn(decode.all) }) };
});

// Made by tools/samples/generate-heic.ts with heif-enc (see tools/samples/README.md).
const heic = (name: string): Promise<Buffer> =>
  readFile(join(__dirname, '../../../tools/samples/heic', name));

async function decodeRaw(bytes: Uint8Array) {
  const { data, info } = await renderToBuffer(openImage(bytes, await inspectImage(bytes)).raw());
  const at = (x: number, y: number): number[] => {
    const offset = (y * info.width + x) * info.channels;
    return [...data.subarray(offset, offset + info.channels)];
  };
  return { width: info.width, height: info.height, channels: info.channels, at };
}

function expectNear(actual: readonly number[], expected: Rgb, tolerance: number): void {
  const [r = -1, g = -1, b = -1] = actual;
  const near = [r - expected.r, g - expected.g, b - expected.b].every(
    (difference) => Math.abs(difference) <= tolerance,
  );
  expect({ actual, near }).toEqual({ actual, near: true });
}

/** Rewrites every `ispe` (image spatial extents) box to declare `width`×`height`. */
function declaringSize(bytes: Buffer, width: number, height: number): Buffer {
  const patched = Buffer.from(bytes);
  for (let at = patched.indexOf('ispe'); at !== -1; at = patched.indexOf('ispe', at + 4)) {
    patched.writeUInt32BE(width, at + 8);
    patched.writeUInt32BE(height, at + 12);
  }
  return patched;
}

describe('HEIC decoding', () => {
  it('given an upright HEIC, when inspected and opened, then it is 64×48 opaque RGB with the marker top-left', async () => {
    const bytes = await heic('upright.heic');

    const inspected = await inspectImage(bytes);
    const image = await decodeRaw(bytes);

    expect(inspected).toMatchObject({
      format: 'heic',
      mime: 'image/heic',
      width: 64,
      height: 48,
      displayWidth: 64,
      displayHeight: 48,
      orientation: 1,
      hasAlpha: false,
      pages: 1,
      animated: false,
    });
    expect([image.width, image.height, image.channels]).toEqual([64, 48, 3]);
    expectNear(image.at(8, 8), RED, 24);
    expectNear(image.at(55, 40), BLUE, 24);
  });

  it('given an iPhone-style HEIC stored sideways with irot and EXIF orientation 6, when opened, then it is upright once, not turned twice', async () => {
    const bytes = await heic('iphone-orientation-6.heic');

    const inspected = await inspectImage(bytes);
    const image = await decodeRaw(bytes);

    expect(inspected).toMatchObject({
      width: 48,
      height: 64,
      displayWidth: 64,
      displayHeight: 48,
      orientation: 6,
    });
    expect([image.width, image.height]).toEqual([64, 48]);
    expectNear(image.at(8, 8), RED, 24);
    expectNear(image.at(55, 40), BLUE, 24);
  });

  it('given a HEIC stored transposed with irot then imir, when opened, then it is upright and the record says orientation 5', async () => {
    const bytes = await heic('mirrored-orientation-5.heic');

    const inspected = await inspectImage(bytes);
    const image = await decodeRaw(bytes);

    expect([inspected.width, inspected.height, inspected.orientation]).toEqual([48, 64, 5]);
    expect([image.width, image.height]).toEqual([64, 48]);
    expectNear(image.at(8, 8), RED, 24);
    expectNear(image.at(55, 40), BLUE, 24);
  });

  it('given an iPhone-style HEIC, when its EXIF is read, then the camera facts come from the HEIF Exif item', async () => {
    const inspected = await inspectImage(await heic('iphone-orientation-6.heic'));

    expect(readExifSubset(inspected.exif ?? new Uint8Array())).toEqual({
      make: 'Apple',
      model: 'iPhone 15 Pro',
      lensModel: 'iPhone 15 Pro back triple camera 6.765mm f/1.78',
      takenAt: '2025-08-02T18:45:10+01:00',
      exposureTime: expect.closeTo(1 / 120, 6),
      fNumber: 1.8,
      iso: 80,
      focalLength: 6.8,
      gps: { latitude: expect.closeTo(51.5007, 4), longitude: expect.closeTo(-0.1246, 4) },
    });
  });

  it('given a HEIC of two images whose primary is the second, when opened, then the primary 64×48 is decoded, not the first 32×32', async () => {
    const bytes = await heic('two-images-primary-second.heic');

    const inspected = await inspectImage(bytes);
    const image = await decodeRaw(bytes);

    expect([inspected.displayWidth, inspected.displayHeight, inspected.pages]).toEqual([64, 48, 2]);
    expect([image.width, image.height]).toEqual([64, 48]);
    expectNear(image.at(8, 8), RED, 24);
  });

  it('given a Display P3 HEIC, when opened, then its colours are converted through its profile to sRGB like a JPEG', async () => {
    const bytes = await heic('display-p3.heic');

    const image = await decodeRaw(bytes);
    const raw = await heicDecode({ buffer: bytes });

    expectNear(image.at(16, 16), { r: 40, g: 160, b: 90 }, 8);
    // The numbers as stored are P3 ones, far from the sRGB ones: the conversion happened.
    const [r = 0, g = 0, b = 0] = raw.data.subarray(0, 3);
    expect(Math.max(Math.abs(r - 40), Math.abs(g - 160), Math.abs(b - 90))).toBeGreaterThan(16);
  });

  it('given a HEIC whose picture data is scrambled, when inspected, then it is rejected for good as corrupt with a readable reason', async () => {
    await expect(inspectImage(await heic('corrupt-picture-data.heic'))).rejects.toMatchObject({
      name: 'ImageRejectedError',
      permanent: true,
      code: 'corrupt',
      message: expect.stringMatching(/^HEIC picture data cannot be decoded \(.+\)$/),
    });
  });

  it('given a corrupt and two good HEICs at once, when inspected, then each gets its own outcome, the failure blocking no other', async () => {
    const [corrupt, upright, primary] = await Promise.allSettled(
      ['corrupt-picture-data.heic', 'upright.heic', 'two-images-primary-second.heic'].map(
        async (name) => inspectImage(await heic(name)),
      ),
    );

    expect(corrupt).toMatchObject({ status: 'rejected', reason: { code: 'corrupt' } });
    expect(upright).toMatchObject({ status: 'fulfilled', value: { decoded: expect.any(Buffer) } });
    expect(primary).toMatchObject({ status: 'fulfilled', value: { decoded: expect.any(Buffer) } });
  });

  it('given a HEIC cut short, when inspected, then it is rejected as corrupt', async () => {
    const bytes = await heic('upright.heic');

    await expect(
      inspectImage(bytes.subarray(0, Math.floor(bytes.length * 0.6))),
    ).rejects.toMatchObject({ code: 'corrupt', permanent: true });
  });

  it('given a small HEIC declaring 20000×20000, when inspected, then it is refused from its header without decoding', async () => {
    const bomb = declaringSize(await heic('upright.heic'), 20_000, 20_000);

    await expect(inspectImage(bomb)).rejects.toMatchObject({
      code: 'too-many-pixels',
      message: 'image is 20000×20000 = 400 MP, over the 100 MP limit',
    });
    expect(bomb.byteLength).toBeLessThan(2048);
    expect(heicDecode.all).not.toHaveBeenCalled();
  });

  it('given a HEIC under the general pixel limit but over the HEIC one, when inspected, then it is refused without decoding', async () => {
    const bytes = declaringSize(await heic('upright.heic'), 8000, 7000);

    await expect(inspectImage(bytes, DEFAULT_IMAGE_LIMITS)).rejects.toMatchObject({
      code: 'too-many-pixels',
      message: `HEIC is 8000×7000 = 56 MP, over the ${HEIC_MAX_PIXELS / 1e6} MP limit for HEIC (decoded in WebAssembly memory)`,
    });
    expect(heicDecode.all).not.toHaveBeenCalled();
  });

  it('given a HEIC and a 1000-pixel limit, when inspected, then the configured limit refuses it too', async () => {
    await expect(
      inspectImage(await heic('upright.heic'), { ...DEFAULT_IMAGE_LIMITS, maxPixels: 1000 }),
    ).rejects.toMatchObject({ code: 'too-many-pixels' });
  });
});
