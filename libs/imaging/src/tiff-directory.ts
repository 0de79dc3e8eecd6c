// A minimal, bounds-checked reader of the TIFF structure inside an EXIF block: IFD0 and
// the EXIF and GPS sub-directories it points to. Nothing else is followed, so a hostile
// block cannot make it loop or read far.

const TYPE_SIZE: Readonly<Record<number, number>> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  7: 1,
  9: 4,
  10: 8,
};
const MAX_ENTRIES = 512;
const MAX_TEXT = 256;
const EXIF_IFD_POINTER = 0x8769;
const GPS_IFD_POINTER = 0x8825;

interface Entry {
  readonly type: number;
  readonly count: number;
  /** Absolute position of the value in the view. */
  readonly at: number;
}

export interface TiffDirectory {
  text(tag: number): string | undefined;
  integer(tag: number): number | undefined;
  rational(tag: number, index?: number): number | undefined;
}

export interface TiffDirectories {
  readonly ifd0: TiffDirectory;
  readonly exifIfd: TiffDirectory | undefined;
  readonly gpsIfd: TiffDirectory | undefined;
}

export function readTiffDirectories(block: Uint8Array): TiffDirectories | undefined {
  const start = String.fromCharCode(...block.subarray(0, 6)) === 'Exif\0\0' ? 6 : 0;
  const view = new DataView(block.buffer, block.byteOffset + start, block.byteLength - start);
  if (view.byteLength < 8) return undefined;
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd0 = readDirectory(view, little, view.getUint32(4, little));
  if (ifd0 === undefined) return undefined;
  const sub = (pointer: number): TiffDirectory | undefined => {
    const offset = ifd0.integer(pointer);
    return offset === undefined ? undefined : readDirectory(view, little, offset);
  };
  return { ifd0, exifIfd: sub(EXIF_IFD_POINTER), gpsIfd: sub(GPS_IFD_POINTER) };
}

function readDirectory(view: DataView, little: boolean, offset: number): TiffDirectory | undefined {
  if (offset < 8 || offset + 2 > view.byteLength) return undefined;
  const count = Math.min(view.getUint16(offset, little), MAX_ENTRIES);
  const entries = new Map<number, Entry>();
  for (let index = 0; index < count; index += 1) {
    const position = offset + 2 + index * 12;
    if (position + 12 > view.byteLength) break;
    const type = view.getUint16(position + 2, little);
    const valueCount = view.getUint32(position + 4, little);
    const size = (TYPE_SIZE[type] ?? 0) * valueCount;
    if (size === 0) continue;
    // Values of four bytes or less sit in the entry itself; larger ones are elsewhere.
    const at = size <= 4 ? position + 8 : view.getUint32(position + 8, little);
    if (at + size > view.byteLength) continue;
    entries.set(view.getUint16(position, little), { type, count: valueCount, at });
  }
  return directory(view, little, entries);
}

function directory(
  view: DataView,
  little: boolean,
  entries: ReadonlyMap<number, Entry>,
): TiffDirectory {
  return {
    text(tag) {
      const entry = entries.get(tag);
      if (entry?.type !== 2) return undefined;
      const bytes = new Uint8Array(
        view.buffer,
        view.byteOffset + entry.at,
        Math.min(entry.count, MAX_TEXT),
      );
      const end = bytes.indexOf(0);
      const value = new TextDecoder('utf-8')
        .decode(end === -1 ? bytes : bytes.subarray(0, end))
        .trim();
      return value === '' ? undefined : value;
    },
    integer(tag) {
      const entry = entries.get(tag);
      if (entry?.type === 3) return view.getUint16(entry.at, little);
      if (entry?.type === 4) return view.getUint32(entry.at, little);
      return undefined;
    },
    rational(tag, index = 0) {
      const entry = entries.get(tag);
      if ((entry?.type !== 5 && entry?.type !== 10) || index >= entry.count) return undefined;
      const at = entry.at + index * 8;
      const signed = entry.type === 10;
      const numerator = signed ? view.getInt32(at, little) : view.getUint32(at, little);
      const denominator = signed ? view.getInt32(at + 4, little) : view.getUint32(at + 4, little);
      return denominator === 0 ? undefined : numerator / denominator;
    },
  };
}
