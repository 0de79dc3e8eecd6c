/** What {@link uncompressedTiff} wraps: 8-bit RGBA pixels and how to keep them. */
export interface TiffContent {
  readonly rgba: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  /** Keep the alpha channel; without it the TIFF is RGB. */
  readonly alpha: boolean;
  /** ICC profile the pixels are in, embedded so sharp converts them as for any image. */
  readonly icc: Uint8Array | undefined;
}

const SHORT = 3;
const LONG = 4;
const UNDEFINED = 7;

/**
 * Wraps decoded pixels in a baseline, uncompressed, little-endian TIFF. sharp cannot attach
 * an input ICC profile to raw pixels, but it reads one from a TIFF and converts through it,
 * so pixels another decoder made (a Display P3 iPhone HEIC) get the same colour handling as
 * a JPEG. Writing it is one copy of the pixels; reading it back costs no decompression.
 *
 * @example
 * const tiff = uncompressedTiff({ rgba, width, height, alpha: false, icc });
 * await sharp(tiff).toColourspace('srgb').jpeg().toBuffer();
 */
export function uncompressedTiff(content: TiffContent): Buffer {
  const { rgba, width, height, alpha, icc } = content;
  const channels = alpha ? 4 : 3;
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const entryCount = 10 + (alpha ? 1 : 0) + (icc === undefined ? 0 : 1);
  const ifdEnd = 8 + 2 + entryCount * 12 + 4;
  const bitsAt = ifdEnd;
  const iccAt = bitsAt + channels * 2;
  const pixelsAt = iccAt + (icc?.length ?? 0);
  const pixelBytes = width * height * channels;
  entries.push(
    [256, LONG, 1, width],
    [257, LONG, 1, height],
    [258, SHORT, channels, bitsAt],
    [259, SHORT, 1, 1], // no compression
    [262, SHORT, 1, 2], // RGB
    [273, LONG, 1, pixelsAt],
    [277, SHORT, 1, channels],
    [278, LONG, 1, height],
    [279, LONG, 1, pixelBytes],
    [284, SHORT, 1, 1], // interleaved
  );
  if (alpha) entries.push([338, SHORT, 1, 2]); // unassociated alpha
  if (icc !== undefined) entries.push([34675, UNDEFINED, icc.length, iccAt]);

  const tiff = Buffer.alloc(pixelsAt + pixelBytes);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], index) => {
    const at = 10 + index * 12;
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    // A single SHORT sits in the first two bytes of the value field; anything else is a LONG
    // or an offset to where the values are.
    if (type === SHORT && count === 1) tiff.writeUInt16LE(value, at + 8);
    else tiff.writeUInt32LE(value, at + 8);
  });
  for (let channel = 0; channel < channels; channel += 1)
    tiff.writeUInt16LE(8, bitsAt + channel * 2);
  if (icc !== undefined) tiff.set(icc, iccAt);
  if (alpha) tiff.set(rgba.subarray(0, pixelBytes), pixelsAt);
  else {
    for (let source = 0, target = pixelsAt; target < tiff.length; source += 4, target += 3) {
      tiff[target] = rgba[source] ?? 0;
      tiff[target + 1] = rgba[source + 1] ?? 0;
      tiff[target + 2] = rgba[source + 2] ?? 0;
    }
  }
  return tiff;
}
