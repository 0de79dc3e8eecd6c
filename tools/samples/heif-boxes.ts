// Edits of heif-enc's output that heif-enc 1.15 cannot make itself: an `irot` transform
// on the primary image (as an iPhone writes) and a primary image that is not the
// first. Fixture-making code on trusted files: no bounds checks beyond what a typo needs.

interface Box {
  readonly type: string;
  /** Bytes after the box header (a full box's version and flags included). */
  readonly body: Buffer;
}

// Boxes holding boxes, and how many bytes (version + flags, entry count) precede them.
const CONTAINERS: Readonly<Record<string, number>> = { meta: 4, iprp: 0, ipco: 0 };

function readBoxes(bytes: Buffer): Box[] {
  const boxes: Box[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const size = bytes.readUInt32BE(offset);
    if (size < 8) throw new Error('box sizes of 0 and 1 are not used by heif-enc');
    boxes.push({
      type: bytes.toString('latin1', offset + 4, offset + 8),
      body: bytes.subarray(offset + 8, offset + size),
    });
    offset += size;
  }
  return boxes;
}

function writeBox(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** Rewrites the box at `path` (e.g. `['meta', 'iprp', 'ipco']`) through `edit`. */
function editBox(bytes: Buffer, path: readonly string[], edit: (body: Buffer) => Buffer): Buffer {
  const [type, ...rest] = path;
  return Buffer.concat(
    readBoxes(bytes).map((box) => {
      if (box.type !== type) return writeBox(box.type, box.body);
      if (rest.length === 0) return writeBox(box.type, edit(box.body));
      const skip = CONTAINERS[box.type] ?? 0;
      const children = editBox(box.body.subarray(skip), rest, edit);
      return writeBox(box.type, Buffer.concat([box.body.subarray(0, skip), children]));
    }),
  );
}

function findBody(bytes: Buffer, path: readonly string[]): Buffer {
  const [type, ...rest] = path;
  const box = readBoxes(bytes).find((candidate) => candidate.type === type);
  if (box === undefined) throw new Error(`no ${type} box`);
  return rest.length === 0
    ? box.body
    : findBody(box.body.subarray(CONTAINERS[box.type] ?? 0), rest);
}

function primaryItem(heif: Buffer): number {
  const pitm = findBody(heif, ['meta', 'pitm']);
  return pitm[0] === 0 ? pitm.readUInt16BE(4) : pitm.readUInt32BE(4);
}

/** Adds each property box to `ipco` and associates it (essential) with the primary item. */
function addProperties(heif: Buffer, properties: readonly Buffer[]): Buffer {
  const item = primaryItem(heif);
  const first = readBoxes(findBody(heif, ['meta', 'iprp', 'ipco'])).length + 1;
  const withProperties = editBox(heif, ['meta', 'iprp', 'ipco'], (body) =>
    Buffer.concat([body, ...properties]),
  );
  const associated = editBox(withProperties, ['meta', 'iprp', 'ipma'], (body) =>
    associate(
      body,
      item,
      properties.map((_, index) => first + index),
    ),
  );
  return shiftFileOffsets(associated, associated.length - heif.length);
}

function associate(ipma: Buffer, item: number, indexes: readonly number[]): Buffer {
  const version = ipma[0] ?? 0;
  const wide = ((ipma[3] ?? 0) & 1) === 1;
  const idSize = version < 1 ? 2 : 4;
  const count = ipma.readUInt32BE(4);
  let offset = 8;
  for (let entry = 0; entry < count; entry += 1) {
    const id = idSize === 2 ? ipma.readUInt16BE(offset) : ipma.readUInt32BE(offset);
    const associations = ipma[offset + idSize] ?? 0;
    const end = offset + idSize + 1 + associations * (wide ? 2 : 1);
    if (id === item) {
      const added = Buffer.concat(
        indexes.map((index) => {
          const association = Buffer.alloc(wide ? 2 : 1);
          if (wide) association.writeUInt16BE(0x8000 | index);
          else association.writeUInt8(0x80 | index);
          return association;
        }),
      );
      const edited = Buffer.concat([ipma.subarray(0, end), added, ipma.subarray(end)]);
      edited[offset + idSize] = associations + indexes.length;
      return edited;
    }
    offset = end;
  }
  throw new Error(`item ${item} has no property associations`);
}

/** Moves every file-offset extent by `delta`, since a longer `meta` pushed `mdat` along. */
function shiftFileOffsets(heif: Buffer, delta: number): Buffer {
  return editBox(heif, ['meta', 'iloc'], (source) => {
    const iloc = Buffer.from(source);
    const version = iloc[0] ?? 0;
    const offsetSize = (iloc[4] ?? 0) >> 4;
    const lengthSize = (iloc[4] ?? 0) & 15;
    const baseSize = (iloc[5] ?? 0) >> 4;
    const indexSize = version >= 1 ? (iloc[5] ?? 0) & 15 : 0;
    const wideIds = version >= 2;
    let offset = 6;
    const count = wideIds ? iloc.readUInt32BE(offset) : iloc.readUInt16BE(offset);
    offset += wideIds ? 4 : 2;
    for (let item = 0; item < count; item += 1) {
      offset += wideIds ? 4 : 2;
      const method = version >= 1 ? iloc.readUInt16BE(offset) & 15 : 0;
      offset += (version >= 1 ? 2 : 0) + 2;
      const shift = (at: number, size: number): void => {
        if (method !== 0 || size === 0) return;
        iloc.writeUIntBE(iloc.readUIntBE(at, size) + delta, at, size);
      };
      shift(offset, baseSize);
      const shiftExtents = baseSize === 0;
      offset += baseSize;
      const extents = iloc.readUInt16BE(offset);
      offset += 2;
      for (let extent = 0; extent < extents; extent += 1) {
        offset += indexSize;
        if (shiftExtents) shift(offset, offsetSize);
        offset += offsetSize + lengthSize;
      }
    }
    return iloc;
  });
}

/**
 * Tags the primary image with an `irot` of `quarterTurns` anticlockwise, the transform a
 * HEIF reader applies on decode (iPhones store sensor pixels and an `irot`).
 *
 * @example
 * const sideways = withRotation(heic, 3); // displays turned 90° clockwise
 */
export function withRotation(heif: Buffer, quarterTurns: number): Buffer {
  return addProperties(heif, [writeBox('irot', Buffer.from([quarterTurns & 3]))]);
}

/**
 * Tags the primary image with an `imir` mirroring about `axis` (0 or 1, as the box stores
 * it), applied after any transform added before.
 *
 * @example
 * const mirrored = withMirror(heic, 1);
 */
export function withMirror(heif: Buffer, axis: 0 | 1): Buffer {
  return addProperties(heif, [writeBox('imir', Buffer.from([axis]))]);
}

/**
 * Makes `item` the primary image (`pitm`), in place of the first.
 *
 * @example
 * const second = withPrimaryItem(twoImages, 2);
 */
export function withPrimaryItem(heif: Buffer, item: number): Buffer {
  return editBox(heif, ['meta', 'pitm'], (body) => {
    const edited = Buffer.from(body);
    if (edited[0] === 0) edited.writeUInt16BE(item, 4);
    else edited.writeUInt32BE(item, 4);
    return edited;
  });
}

/**
 * Overwrites the coded picture data (everything in `mdat`) with a pattern, leaving the
 * header intact: the file reads as a HEIC and fails only when decoded.
 *
 * @example
 * const corrupt = withScrambledPictureData(heic);
 */
export function withScrambledPictureData(heif: Buffer): Buffer {
  return editBox(heif, ['mdat'], (body) => Buffer.from(body.map((_, index) => (index * 37) & 255)));
}
