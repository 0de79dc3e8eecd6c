import sharp from 'sharp';

import { jpeg } from '@imgpipe/testing';
import type { ExifFixture } from '@imgpipe/testing';

import { readExifSubset } from './exif-subset';

async function exifOf(exif: ExifFixture): Promise<Buffer> {
  const { exif: block } = await sharp(await jpeg({ exif })).metadata();
  if (block === undefined) throw new Error('fixture has no EXIF');
  return block;
}

/** A big-endian TIFF block with IFD0 holding Make ("Nikon") and nothing else. */
function bigEndianBlock(): Uint8Array {
  const view = new DataView(new ArrayBuffer(8 + 2 + 12 + 4 + 6));
  view.setUint16(0, 0x4d4d);
  view.setUint16(2, 42);
  view.setUint32(4, 8);
  view.setUint16(8, 1);
  view.setUint16(10, 0x010f);
  view.setUint16(12, 2);
  view.setUint32(14, 6);
  view.setUint32(18, 26);
  new Uint8Array(view.buffer).set(new TextEncoder().encode('Nikon\0'), 26);
  return new Uint8Array(view.buffer);
}

describe('readExifSubset', () => {
  it('given camera EXIF written by libvips, when read, then every field of the subset comes back', async () => {
    const block = await exifOf({
      make: 'Canon',
      model: 'Canon EOS R6',
      lensModel: 'RF50mm F1.8 STM',
      takenAt: '2024:05:17 14:03:22',
      offset: '+02:00',
      exposureTime: '1/125',
      fNumber: 2.8,
      iso: 400,
      focalLength: 50,
      gps: { latitude: 48.858222, longitude: -2.2945 },
    });

    const subset = readExifSubset(block);

    expect(subset).toEqual({
      make: 'Canon',
      model: 'Canon EOS R6',
      lensModel: 'RF50mm F1.8 STM',
      takenAt: '2024-05-17T14:03:22+02:00',
      exposureTime: 0.008,
      fNumber: 2.8,
      iso: 400,
      focalLength: 50,
      gps: { latitude: expect.closeTo(48.858222, 5), longitude: expect.closeTo(-2.2945, 5) },
    });
  });

  it.each([
    ['HEIF (AV1)', { id: 'heif', options: { compression: 'av1' } }],
    ['WebP', { id: 'webp', options: {} }],
    ['PNG, whose block has no Exif prefix', { id: 'png', options: {} }],
  ] as const)(
    'given camera EXIF in a %s container, when read, then the same facts come back',
    async (_name, { id, options }) => {
      const converted = await sharp(await jpeg({ exif: { make: 'Apple', iso: 50 } }))
        .keepExif()
        .toFormat(id, options)
        .toBuffer();
      const { exif } = await sharp(converted).metadata();

      expect(readExifSubset(exif ?? new Uint8Array(0))).toEqual({ make: 'Apple', iso: 50 });
    },
  );

  it('given a date without an offset, when read, then takenAt is local time without a zone', async () => {
    expect(readExifSubset(await exifOf({ takenAt: '2023:12:31 23:59:58' })).takenAt).toBe(
      '2023-12-31T23:59:58',
    );
  });

  it('given an unset camera clock, when read, then takenAt is left out', async () => {
    expect(readExifSubset(await exifOf({ make: 'Acme', takenAt: '0000:00:00 00:00:00' }))).toEqual({
      make: 'Acme',
    });
  });

  it('given a southern, eastern position, when read, then latitude is negative and longitude positive', async () => {
    const { gps } = readExifSubset(
      await exifOf({ gps: { latitude: -33.8568, longitude: 151.2153 } }),
    );

    expect(gps?.latitude).toBeCloseTo(-33.8568, 5);
    expect(gps?.longitude).toBeCloseTo(151.2153, 5);
  });

  it('given a big-endian TIFF block without the Exif prefix, when read, then IFD0 text is read', () => {
    expect(readExifSubset(bigEndianBlock())).toEqual({ make: 'Nikon' });
  });

  it('given a value offset pointing past the end, when read, then that field is skipped without throwing', () => {
    const block = bigEndianBlock();
    new DataView(block.buffer).setUint32(18, 10_000);

    expect(readExifSubset(block)).toEqual({});
  });

  it.each([
    ['empty bytes', new Uint8Array(0)],
    ['a bare Exif prefix', new TextEncoder().encode('Exif\0\0')],
    ['a wrong byte-order mark', new TextEncoder().encode('Exif\0\0XX\0*\0\0\0\x08')],
    ['an IFD offset past the end', Uint8Array.from([0x49, 0x49, 42, 0, 0xff, 0xff, 0, 0])],
  ])('given %s, when read, then the subset is empty', (_name, block) => {
    expect(readExifSubset(block)).toEqual({});
  });

  it('given every possible truncation of a real block, when read, then it never throws', async () => {
    const block = await exifOf({ make: 'Canon', iso: 100, gps: { latitude: 1, longitude: 2 } });

    const results = Array.from({ length: block.length }, (_, length) =>
      readExifSubset(block.subarray(0, length)),
    );

    expect(results.at(-1)?.make).toBe('Canon');
    expect(results[0]).toEqual({});
  });
});
