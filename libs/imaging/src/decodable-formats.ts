import sharp from 'sharp';

import type { ImageFormat } from './sniff-format';

/** The formats a service may decode: sniffed images that this sharp build reads safely. */
export type DecodableFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'heif' | 'tiff';

// Generic HEIF (`mif1` brand) may hold AV1 or HEVC; inspectImage checks its compression.
const DECODABLE: ReadonlySet<ImageFormat> = new Set<ImageFormat>([
  'jpeg',
  'png',
  'webp',
  'gif',
  'avif',
  'tiff',
  'heif',
]);

/**
 * Whether this sharp build can decode HEVC-coded HEIF (iPhone photos). The prebuilt
 * libvips links libheif with an AV1 decoder only (patent licensing), so it lists `.avif`
 * as its sole HEIF input suffix; a build with libde265 adds `.heic`.
 *
 * @example
 * if (!canDecodeHeic()) console.warn('HEIC uploads will be rejected');
 */
export function canDecodeHeic(): boolean {
  const heif = sharp.format.heif;
  return heif.input.buffer && (heif.input.fileSuffix ?? []).includes('.heic');
}

export function isDecodable(format: ImageFormat): format is DecodableFormat {
  return DECODABLE.has(format) || (format === 'heic' && canDecodeHeic());
}
