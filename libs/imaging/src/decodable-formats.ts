import sharp from 'sharp';

import type { ImageFormat } from './sniff-format';

/** The formats a service may decode: sniffed images that imaging reads safely. */
export type DecodableFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'heif' | 'tiff';

const DECODABLE: ReadonlySet<ImageFormat> = new Set<ImageFormat>([
  'jpeg',
  'png',
  'webp',
  'gif',
  'avif',
  'tiff',
  'heic',
  'heif',
]);

/**
 * Whether this sharp build can decode HEVC-coded HEIF (iPhone photos). The prebuilt
 * libvips links libheif with an AV1 decoder only (patent licensing), so it lists `.avif`
 * as its sole HEIF input suffix; a build with libde265 adds `.heic`.
 *
 * @example
 * if (!canDecodeHeic()) console.log('HEIC uploads are decoded in WebAssembly');
 */
export function canDecodeHeic(): boolean {
  const heif = sharp.format.heif;
  return heif.input.buffer && (heif.input.fileSuffix ?? []).includes('.heic');
}

export function isDecodable(format: ImageFormat): format is DecodableFormat {
  return DECODABLE.has(format);
}

/**
 * Whether sharp decodes this image itself: everything but HEVC-coded HEIF on a build
 * without an HEVC decoder, which imaging decodes in WebAssembly instead. The header's
 * compression decides, since a HEIF file of any brand may hold AV1, HEVC or another codec.
 *
 * @example
 * decodesWithSharp('heif', (await sharp(bytes).metadata()).compression); // true for AV1
 */
export function decodesWithSharp(
  format: DecodableFormat,
  compression: string | undefined,
): boolean {
  const hevc = compression === 'hevc' || (format === 'heic' && compression === undefined);
  return !hevc || canDecodeHeic();
}
