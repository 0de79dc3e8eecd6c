import sharp from 'sharp';

import { jpeg } from '@imgpipe/testing';

import { EXIF_READ_BUDGET, readExifBlock } from './exif-block';
import { readExifSubset } from './exif-subset';

const ASCII = 2;
const LONG = 4;
const UNDEFINED = 7;
const MAKE = 0x010f;
const MAKER_NOTE = 0x927c;
const EXIF_POINTER = 0x8769;
const GPS_POINTER = 0x8825;

/** One IFD entry: tag, type, value count, and the value itself or its offset. */
type Entry = readonly [tag: number, type: number, count: number, value: number];

/**
 * A little-endian TIFF block of `size` bytes with IFD0 at offset 8: `entryCount` entries
 * declared, `entries` written.
 */
function tiffBlock(size: number, entries: readonly Entry[], entryCount = entries.length): Buffer {
  const block = Buffer.alloc(size);
  block.write('II', 0, 'latin1');
  block.writeUInt16LE(42, 2);
  block.writeUInt32LE(8, 4);
  writeDirectory(block, 8, entries, entryCount);
  return block;
}

function writeDirectory(
  block: Buffer,
  offset: number,
  entries: readonly Entry[],
  entryCount = entries.length,
): void {
  block.writeUInt16LE(entryCount, offset);
  entries.forEach(([tag, type, count, value], index) => {
    const at = offset + 2 + index * 12;
    block.writeUInt16LE(tag, at);
    block.writeUInt16LE(type, at + 2);
    block.writeUInt32LE(count, at + 4);
    block.writeUInt32LE(value, at + 8);
  });
}

async function cameraBlock(): Promise<Buffer> {
  const bytes = await jpeg({
    exif: {
      make: 'Canon',
      takenAt: '2024:05:17 14:03:22',
      iso: 100,
      gps: { latitude: 1, longitude: 2 },
    },
  });
  const { exif } = await sharp(bytes).metadata();
  if (exif === undefined) throw new Error('fixture has no EXIF');
  return exif;
}

describe('readExifBlock', () => {
  it('given a block whose thousands of entries each claim the whole block, when read, then it stops at the budget with no EXIF', () => {
    // 5,461 byte-typed entries over 64 KiB: unbounded, about 358 million values copied out.
    const entryCount = Math.floor((65_536 - 10) / 12);
    const entries = Array.from({ length: entryCount }, (_, index): Entry => [
      0x9000 + index,
      1,
      0xffff_ffff,
      0,
    ]);
    const block = tiffBlock(65_536, entries);

    const started = performance.now();
    const directories = readExifBlock(block);
    const subset = readExifSubset(block);

    expect(directories).toBeUndefined();
    expect(subset).toEqual({});
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('given a real camera block, when read, then it takes a small part of the budget', async () => {
    const block = await cameraBlock();

    expect(readExifBlock(block, 1_000)?.Image?.['Make']).toBe('Canon');
    expect(readExifBlock(block, 10)).toBeUndefined();
  });

  it('given a 64 KiB block with a 60 KB maker note, when read, then it fits the default budget', () => {
    const block = tiffBlock(65_536, [
      [MAKE, ASCII, 4, Buffer.from('Sony').readUInt32LE()],
      [EXIF_POINTER, LONG, 1, 100],
    ]);
    writeDirectory(block, 100, [[MAKER_NOTE, UNDEFINED, 60_000, 512]]);

    const directories = readExifBlock(block, EXIF_READ_BUDGET);

    expect(directories?.Image?.['Make']).toBe('Sony');
    expect(Buffer.isBuffer(directories?.Photo?.['MakerNote'])).toBe(true);
  });
});

describe('readExifSubset on hostile blocks', () => {
  it('given an IFD claiming 65,535 entries in a few bytes, when read, then there are no EXIF facts', () => {
    const block = tiffBlock(32, [[MAKE, ASCII, 4, Buffer.from('Acme').readUInt32LE()]], 0xffff);

    expect(readExifSubset(block)).toEqual({});
  });

  it('given a text value claiming four billion characters, when read, then it ends at its terminator', () => {
    const block = tiffBlock(64, [[MAKE, ASCII, 0xffff_ffff, 40]]);
    block.write('Acme\0\xff\xfe', 40, 'latin1');

    expect(readExifSubset(block)).toEqual({ make: 'Acme' });
  });

  it('given a text value pointing into the directory, when read, then binary is not taken for text', () => {
    const block = tiffBlock(64, [[MAKE, ASCII, 12, 8]]);

    expect(readExifSubset(block)).toEqual({});
  });

  it('given EXIF and GPS pointers back at IFD0, when read, then it ends with what IFD0 holds', () => {
    const block = tiffBlock(64, [
      [MAKE, ASCII, 4, Buffer.from('Acme').readUInt32LE()],
      [EXIF_POINTER, LONG, 1, 8],
      [GPS_POINTER, LONG, 1, 8],
    ]);

    expect(readExifSubset(block)).toEqual({ make: 'Acme' });
  });

  it.each([0x00, 0xff])(
    'given a real block with any one byte set to %i, when read, then it never throws',
    async (value) => {
      const block = await cameraBlock();

      const read = (): void => {
        for (let at = 0; at < block.length; at += 1) {
          const corrupt = Buffer.from(block);
          corrupt[at] = value;
          readExifSubset(corrupt);
        }
      };

      expect(read).not.toThrow();
    },
  );
});
