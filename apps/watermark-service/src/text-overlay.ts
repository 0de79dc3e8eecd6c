import { createHash, randomUUID } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';

import { WATERMARK_FONT_BASE64, WATERMARK_FONT_FAMILY } from './assets/watermark-font';
import type { RawRgba } from './raw-image';
import { fromRawRgba, toRawRgba } from './raw-image';

/**
 * Escapes text for Pango markup (an XML dialect), so a configured text such as
 * `Tom & Jerry <3` is drawn as written instead of breaking the markup or adding spans.
 *
 * @example
 * escapeMarkup('Tom & Jerry <3'); // 'Tom &amp; Jerry &lt;3'
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (character) => MARKUP_ENTITIES[character] ?? character);
}

const MARKUP_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Share of the text height used as the dark halo's reach around each letter. */
const HALO = 0.08;

/**
 * Draws one line of text in white with a soft dark halo, so it reads on light and dark
 * images alike, using the embedded font (Lambda has no system fonts).
 *
 * @param height pixel height of the line (ascenders to descenders) before the halo.
 * @example
 * const text = await renderTextOverlay('© imgpipe', 180);
 * console.log(text.width, text.height);
 */
export async function renderTextOverlay(text: string, height: number): Promise<RawRgba> {
  const halo = Math.max(1, Math.round(height * HALO));
  const glyphs = await toRawRgba(
    sharp({
      text: {
        text: `<span foreground="white">${escapeMarkup(text)}</span>`,
        font: WATERMARK_FONT_FAMILY,
        fontfile: embeddedFontFile(),
        // With a width and height, libvips picks the font size that fills the height;
        // the width only has to be wide enough never to constrain one line.
        width: 100_000,
        height,
        wrap: 'none',
        rgba: true,
      },
    }).extend({ top: halo, bottom: halo, left: halo, right: halo, background: { r: 0, g: 0, b: 0, alpha: 0 } }),
  );
  const shadow = await toRawRgba(fromRawRgba(darkCopy(glyphs)).blur(Math.max(0.3, halo / 2)));
  return toRawRgba(fromRawRgba(shadow).composite([{ input: glyphs.data, raw: { width: glyphs.width, height: glyphs.height, channels: 4 } }]));
}

/** Black pixels with a share of the letters' coverage as alpha: the halo before blurring. */
function darkCopy(glyphs: RawRgba): RawRgba {
  const data = Buffer.alloc(glyphs.data.length);
  for (let alpha = 3; alpha < data.length; alpha += 4) data[alpha] = Math.round((glyphs.data[alpha] ?? 0) * 0.7);
  return { ...glyphs, data };
}

let fontFile: string | undefined;

/**
 * libvips takes a font only as a file path, so the embedded font is written to the temp
 * folder once per process. The name carries the content hash, so a file already there
 * (another process, an earlier container) holds the same bytes; writing through a unique
 * temp name and renaming keeps concurrent writers from exposing a half-written font.
 */
function embeddedFontFile(): string {
  if (fontFile !== undefined) return fontFile;
  const bytes = Buffer.from(WATERMARK_FONT_BASE64, 'base64');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `imgpipe-watermark-font-${hash}.ttf`);
  if (!existsSync(path)) {
    const partial = `${path}.${randomUUID()}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  }
  fontFile = path;
  return path;
}
