import type { ImageLimits } from '@imgpipe/imaging';
import { inspectImage, openImage } from '@imgpipe/imaging';
import sharp from 'sharp';

import { DEFAULT_LOGO_SVG } from './assets/default-logo';
import type { RawRgba } from './raw-image';
import { toRawRgba } from './raw-image';
import { renderTextOverlay } from './text-overlay';

/**
 * Height the mark is drawn at once per container; each image then gets a downscaled copy,
 * which stays sharp up to marks this tall (a 2048-px image at the default scale needs ~120).
 */
export const MARK_HEIGHT = 256;

/** What the mark is made of; at least one part must be given. */
export interface MarkParts {
  readonly text?: string;
  /** Logo image bytes (PNG with alpha works best): drawn left of the text. */
  readonly logo?: Uint8Array;
}

/**
 * Renders the bundled logo as PNG bytes, so it takes the same path as a logo from the
 * processed bucket.
 *
 * @example
 * const mark = await renderMark({ text: '© imgpipe', logo: await renderBundledLogo() }, limits);
 */
export async function renderBundledLogo(): Promise<Buffer> {
  // Our own SVG, drawn with shapes only: the SVG ban on uploads is about untrusted input.
  return sharp(Buffer.from(DEFAULT_LOGO_SVG), { density: 72 * 2 }).png().toBuffer();
}

/**
 * Draws the whole mark — logo, then text, vertically centred — as RGBA pixels
 * {@link MARK_HEIGHT} tall. A logo is untrusted-ish configuration, so it goes through
 * the same guards and decode as any upload.
 *
 * @throws Error when neither part is given; ImageRejectedError when the logo is not a usable image.
 * @example
 * const mark = await renderMark({ text: '© imgpipe' }, DEFAULT_IMAGE_LIMITS);
 */
export async function renderMark(parts: MarkParts, limits: ImageLimits): Promise<RawRgba> {
  const pieces: RawRgba[] = [];
  if (parts.logo !== undefined) pieces.push(await renderLogo(parts.logo, limits));
  if (parts.text !== undefined && parts.text.trim() !== '') {
    pieces.push(await renderTextOverlay(parts.text.trim(), Math.round(MARK_HEIGHT * 0.7)));
  }
  if (pieces.length === 0) throw new Error('a watermark needs text, a logo or both');
  const gap = Math.round(MARK_HEIGHT * 0.12);
  const height = Math.max(...pieces.map((piece) => piece.height));
  const width = pieces.reduce((sum, piece) => sum + piece.width, 0) + gap * (pieces.length - 1);
  let left = 0;
  const layers = pieces.map((piece) => {
    const layer = {
      input: piece.data,
      raw: { width: piece.width, height: piece.height, channels: 4 as const },
      left,
      top: Math.floor((height - piece.height) / 2),
    };
    left += piece.width + gap;
    return layer;
  });
  return toRawRgba(sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite(layers));
}

async function renderLogo(bytes: Uint8Array, limits: ImageLimits): Promise<RawRgba> {
  const image = await inspectImage(bytes, limits);
  return toRawRgba(
    openImage(bytes, image).resize({ height: MARK_HEIGHT, width: MARK_HEIGHT * 4, fit: 'inside' }),
  );
}
