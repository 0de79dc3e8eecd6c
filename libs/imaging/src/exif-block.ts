import readExif from 'exif-reader';

/** The directories exif-reader returns, typed as the untrusted values they are. */
export interface ExifDirectories {
  readonly Image?: Readonly<Record<string, unknown>> | null;
  readonly Photo?: Readonly<Record<string, unknown>> | null;
  readonly GPSInfo?: Readonly<Record<string, unknown>> | null;
}

/**
 * Buffer reads exif-reader may make on one block. A 64 KiB block (JPEG's most) with a
 * 60 KB maker note takes about 62,000; a 528-byte one with every fact of the subset, 357.
 * Without a cap, a crafted 32 KiB block (thousands of entries, each claiming the whole block
 * as its value) took 5.3 s and 838 MB here, since each entry's values are copied out.
 */
export const EXIF_READ_BUDGET = 250_000;

/**
 * Reads the TIFF directories of a raw EXIF block (as sharp's `metadata().exif` gives it,
 * starting `Exif\0\0`, or a bare TIFF header) with exif-reader, within
 * {@link EXIF_READ_BUDGET} buffer reads. Uploaded EXIF is untrusted: a block exif-reader
 * refuses, or one that would cost more than the budget, reads as no EXIF at all.
 *
 * @example
 * const { exif } = await sharp(bytes).metadata();
 * const make = exif === undefined ? undefined : readExifBlock(exif)?.Image?.['Make'];
 */
export function readExifBlock(
  block: Uint8Array,
  budget: number = EXIF_READ_BUDGET,
): ExifDirectories | undefined {
  const buffer = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  try {
    return readExif(metered(buffer, budget));
  } catch {
    // Malformed headers, reads past the end and an exhausted budget alike: no EXIF facts.
    return undefined;
  }
}

/**
 * The buffer, counting every property read and every byte a returned slice or string
 * covers: exif-reader's work on a block is proportional to that count, whatever the block
 * claims, so the count bounds its time and memory without parsing the block here.
 */
function metered(buffer: Buffer, budget: number): Buffer {
  let left = budget;
  const spend = (units: number): void => {
    left -= units;
    if (left < 0) throw new Error('EXIF block costs more than its read budget');
  };
  return new Proxy(buffer, {
    get(target, property) {
      spend(1);
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Buffer's native methods need the real buffer as `this`, not the proxy.
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args);
        if (typeof result === 'string' || Buffer.isBuffer(result)) spend(result.length);
        return result;
      };
    },
  });
}
