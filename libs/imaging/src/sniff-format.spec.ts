import { animatedGif, encoded, fakeHeic, pdf, svg, textAsJpeg } from '@imgpipe/testing';

import { sniffFormat } from './sniff-format';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const ftyp = (major: string, ...compatible: string[]): Uint8Array => {
  const body = text(`ftyp${major}\0\0\0\0${compatible.join('')}`);
  return Uint8Array.from([0, 0, 0, body.length + 4, ...body]);
};

describe('sniffFormat', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
    ['avif', 'image/avif'],
    ['tiff', 'image/tiff'],
  ] as const)('given a %s encoded by sharp, when sniffed, then it is %s', async (format, mime) => {
    const image = await encoded(format);

    expect(sniffFormat(image)).toEqual({ format, mime, isImage: true });
  });

  it('given an animated GIF, when sniffed, then it is a GIF', async () => {
    expect(sniffFormat(await animatedGif({ frames: 2 }))?.format).toBe('gif');
  });

  it.each([
    ['HEIC (major brand heic)', ftyp('heic', 'mif1', 'heic'), 'heic', 'image/heic'],
    [
      'HEIC (major brand mif1, compatible heic)',
      ftyp('mif1', 'mif1', 'heic'),
      'heic',
      'image/heic',
    ],
    [
      'AVIF (major brand mif1, compatible avif)',
      ftyp('mif1', 'mif1', 'avif', 'miaf'),
      'avif',
      'image/avif',
    ],
    ['generic HEIF (mif1 only)', ftyp('mif1', 'mif1'), 'heif', 'image/heif'],
    [
      'BMP',
      bytes(
        0x42,
        0x4d,
        0x36,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0x36,
        0,
        0,
        0,
        40,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
      ),
      'bmp',
      'image/bmp',
    ],
    ['ICO', bytes(0, 0, 1, 0, 1, 0, 16, 16), 'ico', 'image/vnd.microsoft.icon'],
    ['PSD', text('8BPS\0\x01'), 'psd', 'image/vnd.adobe.photoshop'],
    ['JPEG XL codestream', bytes(0xff, 0x0a, 0xfa), 'jxl', 'image/jxl'],
    [
      'JPEG XL container',
      bytes(0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a),
      'jxl',
      'image/jxl',
    ],
    [
      'JPEG 2000',
      bytes(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a),
      'jp2',
      'image/jp2',
    ],
    ['big-endian TIFF', text('MM\0*\0\0\0\x08'), 'tiff', 'image/tiff'],
  ])(
    'given the signature of %s, when sniffed, then it is an image',
    (_name, input, format, mime) => {
      expect(sniffFormat(input)).toEqual({ format, mime, isImage: true });
    },
  );

  it('given the fake HEIC fixture, when sniffed, then it is HEIC', () => {
    expect(sniffFormat(fakeHeic())?.format).toBe('heic');
  });

  it.each([
    ['a plain SVG', svg()],
    ['an SVG after a BOM, whitespace, XML declaration and comment', svg({ prolog: true })],
    [
      'an SVG with a DOCTYPE',
      text('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg>'),
    ],
    ['a namespace-prefixed SVG', text('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>')],
    ['a UTF-16 SVG', Buffer.from('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf16le')],
  ])('given %s, when sniffed, then it is SVG', (_name, input) => {
    expect(sniffFormat(input)).toEqual({ format: 'svg', mime: 'image/svg+xml', isImage: true });
  });

  it.each([
    ['a PDF', pdf(), 'pdf'],
    ['a ZIP archive', bytes(0x50, 0x4b, 0x03, 0x04, 0x14), 'zip'],
    ['gzip data (e.g. an .svgz)', bytes(0x1f, 0x8b, 0x08), 'gzip'],
    ['an MP4 video', ftyp('isom', 'isom', 'mp41'), 'mp4'],
    ['an HTML page', text('  <!DOCTYPE html>\n<html><body>'), 'html'],
  ])('given %s, when sniffed, then it is recognised as not an image', (_name, input, format) => {
    expect(sniffFormat(input)).toMatchObject({ format, isImage: false });
  });

  it.each([
    ['empty bytes', new Uint8Array(0)],
    ['text named .jpg', textAsJpeg()],
    ['other XML', text('<?xml version="1.0"?><rss version="2.0"/>')],
    ['an unterminated XML declaration', text('<?xml version="1.0"')],
    ['text starting with BM', text('BMW drivers welcome')],
    ['a lone JPEG start byte', bytes(0xff, 0xd8)],
  ])('given %s, when sniffed, then no format is found', (_name, input) => {
    expect(sniffFormat(input)).toBeUndefined();
  });
});
