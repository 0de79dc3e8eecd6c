import { deflateSync } from 'node:zlib';

// Bytes that must be refused, each for its own reason: cut short, lying headers, markup,
// formats the services do not decode, and things that are not images at all.

/**
 * The first `fraction` of some bytes, as an upload cut short would leave them.
 *
 * @example
 * const cut = truncated(await jpeg({ width: 512, height: 512 }), 0.5);
 */
export function truncated(bytes: Uint8Array, fraction: number): Buffer {
  return Buffer.from(bytes.subarray(0, Math.floor(bytes.byteLength * fraction)));
}

/**
 * A valid-looking PNG of under 100 bytes whose header declares a huge image
 * (50000×50000 = 2500 MP by default): anything that decodes before checking the header
 * allocates gigabytes.
 *
 * @example
 * const bomb = decompressionBombPng();
 */
export function decompressionBombPng(options: { width?: number; height?: number } = {}): Buffer {
  const { width = 50_000, height = 50_000 } = options;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour, deflate, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * An SVG document that references an external image, optionally after a UTF-8 BOM,
 * whitespace, an XML declaration and a comment.
 *
 * @example
 * const bytes = svg({ prolog: true });
 */
export function svg(options: { prolog?: boolean } = {}): Buffer {
  const body =
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="https://example.com/x.png"/></svg>';
  const prolog =
    options.prolog === true
      ? '\uFEFF \n<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n'
      : '';
  return Buffer.from(prolog + body, 'utf8');
}

/**
 * An ISO-media `ftyp` box with HEIC brands and nothing decodable after it.
 *
 * @example
 * const bytes = fakeHeic();
 */
export function fakeHeic(): Buffer {
  return Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    Buffer.alloc(64),
  ]);
}

/**
 * Plain text, as uploaded under a `.jpg` name.
 *
 * @example
 * const bytes = textAsJpeg();
 */
export function textAsJpeg(): Buffer {
  return Buffer.from('This is not a JPEG, whatever its name says.\n', 'utf8');
}

/**
 * The opening of a PDF document.
 *
 * @example
 * const bytes = pdf();
 */
export function pdf(): Buffer {
  return Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
