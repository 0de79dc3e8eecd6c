import type { Orientation } from './inspect-image';

/** A box's type and the span of its body (after the header) in the file. */
interface Box {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** One display transform of the primary image, in the order the file lists them. */
type Transform =
  | { readonly kind: 'rotate'; readonly quarterTurnsAnticlockwise: number }
  | { readonly kind: 'mirror'; readonly axis: number };

// A 3×2 picture of distinct labels: a transform is known by where it moves them.
const PROBE: readonly (readonly number[])[] = [
  [0, 1, 2],
  [3, 4, 5],
];

// For each upright pixel, where EXIF orientation 1–8 says it is stored (as sharp applies it).
const STORED_AT: Readonly<
  Record<Orientation, (x: number, y: number, w: number, h: number) => readonly [number, number]>
> = {
  1: (x, y) => [x, y],
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, w) => [y, w - 1 - x],
  7: (x, y, w, h) => [h - 1 - y, w - 1 - x],
  8: (x, y, _w, h) => [h - 1 - y, x],
};

/**
 * The EXIF orientation equivalent to the `irot` and `imir` transforms of a HEIF file's
 * primary image (1 when it has none), which libheif applies on decode. HEIF readers ignore
 * the EXIF orientation tag, so this is how the picture is stored. The bytes are untrusted:
 * every read is bounds-checked, each loop consumes bytes, and anything malformed reads as 1.
 *
 * @example
 * heifOrientation(iphoneHeic); // 6 for a portrait photo stored in the sensor's landscape
 */
export function heifOrientation(bytes: Uint8Array): Orientation {
  try {
    return orientationOf(primaryTransforms(bytes));
  } catch {
    return 1; // DataView reads past a box's end throw RangeError.
  }
}

function primaryTransforms(bytes: Uint8Array): Transform[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = boxes(view, 0, view.byteLength).find((box) => box.type === 'meta');
  if (meta === undefined) return [];
  // meta is a full box: version and flags come before its children.
  const children = boxes(view, meta.start + 4, meta.end);
  const pitm = children.find((box) => box.type === 'pitm');
  const iprp = children.find((box) => box.type === 'iprp');
  if (pitm === undefined || iprp === undefined) return [];
  const primary =
    view.getUint8(pitm.start) === 0
      ? view.getUint16(pitm.start + 4)
      : view.getUint32(pitm.start + 4);
  const properties = boxes(view, iprp.start, iprp.end);
  const ipco = properties.find((box) => box.type === 'ipco');
  const ipma = properties.find((box) => box.type === 'ipma');
  if (ipco === undefined || ipma === undefined) return [];
  const list = boxes(view, ipco.start, ipco.end);
  return associations(view, ipma, primary).flatMap((index): Transform[] => {
    const property = list[index - 1];
    if (property?.type === 'irot')
      return [{ kind: 'rotate', quarterTurnsAnticlockwise: view.getUint8(property.start) & 3 }];
    if (property?.type === 'imir')
      return [{ kind: 'mirror', axis: view.getUint8(property.start) & 1 }];
    return [];
  });
}

/** The boxes laid end to end in `[start, end)`; a malformed size ends the list. */
function boxes(view: DataView, start: number, end: number): Box[] {
  const found: Box[] = [];
  for (let offset = start; offset + 8 <= end;) {
    let size = view.getUint32(offset);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset; // The box runs to the end of its parent.
    }
    if (size < header || offset + size > end) break;
    const type = String.fromCharCode(
      ...new Uint8Array(view.buffer, view.byteOffset + offset + 4, 4),
    );
    found.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  return found;
}

/** The 1-based `ipco` indexes `ipma` associates with `item`, in order. */
function associations(view: DataView, ipma: Box, item: number): number[] {
  const version = view.getUint8(ipma.start);
  const wide = (view.getUint8(ipma.start + 3) & 1) === 1;
  const entries = view.getUint32(ipma.start + 4);
  let offset = ipma.start + 8;
  for (let entry = 0; entry < entries && offset < ipma.end; entry += 1) {
    const id = version < 1 ? view.getUint16(offset) : view.getUint32(offset);
    offset += version < 1 ? 2 : 4;
    const count = view.getUint8(offset);
    offset += 1;
    const indexes: number[] = [];
    for (let index = 0; index < count; index += 1) {
      indexes.push(wide ? view.getUint16(offset) & 0x7fff : view.getUint8(offset) & 0x7f);
      offset += wide ? 2 : 1;
    }
    if (offset > ipma.end) return [];
    if (id === item) return indexes;
  }
  return [];
}

/** Applies the transforms to the probe picture and names the EXIF orientation that matches. */
function orientationOf(transforms: readonly Transform[]): Orientation {
  let picture = PROBE;
  for (const transform of transforms) {
    if (transform.kind === 'rotate') {
      for (let turn = 0; turn < transform.quarterTurnsAnticlockwise; turn += 1)
        picture = turnAnticlockwise(picture);
    } else {
      // libheif mirrors top to bottom for axis 0 and left to right for axis 1.
      picture =
        transform.axis === 0 ? [...picture].reverse() : picture.map((row) => [...row].reverse());
    }
  }
  const candidates = [1, 2, 3, 4, 5, 6, 7, 8] as const;
  return candidates.find((orientation) => same(display(PROBE, orientation), picture)) ?? 1;
}

function turnAnticlockwise(picture: readonly (readonly number[])[]): number[][] {
  const width = picture[0]?.length ?? 0;
  return Array.from({ length: width }, (_, row) =>
    picture.map((line) => line[width - 1 - row] ?? -1),
  );
}

function display(stored: readonly (readonly number[])[], orientation: Orientation): number[][] {
  const swapped = orientation >= 5;
  const width = swapped ? stored.length : (stored[0]?.length ?? 0);
  const height = swapped ? (stored[0]?.length ?? 0) : stored.length;
  return Array.from({ length: height }, (_, y) =>
    Array.from({ length: width }, (_, x) => {
      const [sx, sy] = STORED_AT[orientation](x, y, width, height);
      return stored[sy]?.[sx] ?? -1;
    }),
  );
}

function same(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
