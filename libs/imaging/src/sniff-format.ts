import { sniffMarkup } from './sniff-markup';

/** Image formats recognised by their signature, whether or not this build decodes them. */
export type ImageFormat =
  | 'jpeg'
  | 'png'
  | 'webp'
  | 'gif'
  | 'avif'
  | 'heic'
  | 'heif'
  | 'tiff'
  | 'bmp'
  | 'ico'
  | 'psd'
  | 'jxl'
  | 'jp2'
  | 'svg';

/** Common non-image uploads, recognised so a rejection can say what the bytes look like. */
export type OtherFormat = 'pdf' | 'zip' | 'gzip' | 'html' | 'mp4';

/** What {@link sniffFormat} found at the start of the bytes. */
export type SniffedFormat =
  | { readonly format: ImageFormat; readonly mime: string; readonly isImage: true }
  | { readonly format: OtherFormat; readonly mime: string; readonly isImage: false };

type Signature = readonly [
  format: ImageFormat | OtherFormat,
  mime: string,
  test: (bytes: Uint8Array) => boolean,
];

const SIGNATURES: readonly Signature[] = [
  ['jpeg', 'image/jpeg', (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ['png', 'image/png', (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['gif', 'image/gif', (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'],
  ['webp', 'image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['tiff', 'image/tiff', (b) => ['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(ascii(b, 0, 4))],
  // "BM" alone is too weak (text can start with it); the two reserved words are zero.
  [
    'bmp',
    'image/bmp',
    (b) => ascii(b, 0, 2) === 'BM' && b.length >= 26 && startsWith(b.subarray(6), [0, 0, 0, 0]),
  ],
  [
    'ico',
    'image/vnd.microsoft.icon',
    (b) => startsWith(b, [0, 0, 1, 0]) && b.length >= 6 && (b[4] ?? 0) + (b[5] ?? 0) > 0,
  ],
  ['psd', 'image/vnd.adobe.photoshop', (b) => ascii(b, 0, 4) === '8BPS'],
  [
    'jxl',
    'image/jxl',
    (b) =>
      startsWith(b, [0xff, 0x0a]) ||
      startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a]),
  ],
  [
    'jp2',
    'image/jp2',
    (b) => startsWith(b, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]),
  ],
  ['pdf', 'application/pdf', (b) => ascii(b, 0, 5) === '%PDF-'],
  [
    'zip',
    'application/zip',
    (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]),
  ],
  ['gzip', 'application/gzip', (b) => startsWith(b, [0x1f, 0x8b])],
];

const OTHER_FORMATS: ReadonlySet<string> = new Set<OtherFormat>([
  'pdf',
  'zip',
  'gzip',
  'html',
  'mp4',
]);

const MIME: Readonly<Record<'avif' | 'heic' | 'heif' | 'mp4' | 'svg' | 'html', string>> = {
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  mp4: 'video/mp4',
  svg: 'image/svg+xml',
  html: 'text/html',
};

/**
 * Names the format of some bytes from their magic numbers (and, for SVG and HTML, from
 * their opening markup). Never consult the file extension or the Content-Type: both are
 * chosen by the uploader.
 *
 * @returns the format, or `undefined` when no known signature matches.
 * @example
 * sniffFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])); // { format: 'jpeg', mime: 'image/jpeg', isImage: true }
 * sniffFormat(new TextEncoder().encode('hello')); // undefined
 */
export function sniffFormat(bytes: Uint8Array): SniffedFormat | undefined {
  const format = SIGNATURES.find(([, , test]) => test(bytes)) ?? isoMediaSignature(bytes);
  if (format !== undefined) return found(format[0], format[1]);
  const markup = sniffMarkup(bytes);
  return markup === undefined ? undefined : found(markup, MIME[markup]);
}

function found(format: ImageFormat | OtherFormat, mime: string): SniffedFormat {
  return isOther(format) ? { format, mime, isImage: false } : { format, mime, isImage: true };
}

function isOther(format: ImageFormat | OtherFormat): format is OtherFormat {
  return OTHER_FORMATS.has(format);
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);

/**
 * AVIF, HEIC and MP4 share the ISO media `ftyp` box; its brands tell them apart. A specific
 * major brand decides; otherwise AV1 wins over HEVC among the compatible brands, and the
 * generic HEIF brands (`mif1`, `msf1`) alone leave the codec open.
 */
function isoMediaSignature(bytes: Uint8Array): Signature | undefined {
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxEnd = Math.min(bytes.length, readUint32(bytes, 0), 16 + 4 * 64);
  const major = ascii(bytes, 8, 12);
  const brands = [major];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4)
    brands.push(ascii(bytes, offset, offset + 4));
  const isAvif = (brand: string): boolean => brand === 'avif' || brand === 'avis';
  const format = isAvif(major)
    ? 'avif'
    : HEIC_BRANDS.has(major)
      ? 'heic'
      : brands.some(isAvif)
        ? 'avif'
        : brands.some((brand) => HEIC_BRANDS.has(brand))
          ? 'heic'
          : brands.some((brand) => brand === 'mif1' || brand === 'msf1')
            ? 'heif'
            : 'mp4';
  return [format, MIME[format], () => true];
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}
