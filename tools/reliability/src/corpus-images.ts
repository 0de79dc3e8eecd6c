import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { unitDraw } from './corpus-plan';
import type { ImageSpec } from './corpus-plan';

/** The coarse grid a picture is drawn from: a few colour regions, like a scene's. */
const GRID = { width: 8, height: 6 };

/**
 * Raw pixels of a photo-like picture: a coarse grid of seeded colours scaled up smoothly
 * (regions and gradients), with fine grain over it, so encoders and decoders do a photo's
 * work rather than a flat fill's.
 */
async function picture(spec: ImageSpec, channels: 3 | 4, frame = 0): Promise<Buffer> {
  const { width, height } = spec;
  const grid = Buffer.alloc(GRID.width * GRID.height * channels);
  for (let i = 0; i < grid.length; i += 1) {
    const alpha = channels === 4 && i % 4 === 3;
    grid[i] = Math.floor(unitDraw(spec.seed, frame, i) * (alpha ? 256 : 200)) + (alpha ? 0 : 28);
  }
  const smooth = await sharp(grid, { raw: { ...GRID, channels } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  const grain = await sharp(randomBytes(width * height), { raw: { width, height, channels: 1 } })
    .linear(0.1, 115)
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  return sharp(smooth, { raw: { width, height, channels } })
    .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
    .raw()
    .toBuffer();
}

/**
 * Encodes one planned image: its kind's format and quirks (EXIF orientation with the pixels
 * stored turned, alpha, frames, CMYK, 16 bits per sample). Grain is random, so bytes differ
 * between runs; sizes, kinds and regions do not.
 *
 * @example
 * const bytes = await encodeImage(planLoad('load', 1, 'seed')[0]);
 */
export async function encodeImage(spec: ImageSpec): Promise<Buffer> {
  const { width, height } = spec;
  const rgb = async () => sharp(await picture(spec, 3), { raw: { width, height, channels: 3 } });
  switch (spec.kind) {
    case 'jpeg':
      return (await rgb())
        .withExif({ IFD0: { Make: 'imgpipe', Model: 'reliability corpus' } })
        .jpeg({ quality: 88 })
        .toBuffer();
    case 'jpeg-exif-rotated': {
      // Stored turned back, so applying the orientation shows it upright at width × height.
      const stored = await (
        await rgb()
      )
        .rotate(spec.orientation === 6 ? 270 : 90)
        .raw()
        .toBuffer();
      return sharp(stored, { raw: { width: height, height: width, channels: 3 } })
        .jpeg({ quality: 88 })
        .withMetadata({ orientation: spec.orientation })
        .toBuffer();
    }
    case 'png-alpha':
      return sharp(await picture(spec, 4), { raw: { width, height, channels: 4 } })
        .png()
        .toBuffer();
    case 'webp':
      return (await rgb()).webp({ quality: 80 }).toBuffer();
    case 'gif-animated': {
      const frames = await Promise.all(
        Array.from({ length: spec.frames }, async (_, frame) =>
          sharp(await picture(spec, 3, frame), { raw: { width, height, channels: 3 } })
            .png({ compressionLevel: 0 })
            .toBuffer(),
        ),
      );
      return sharp(frames, { join: { animated: true } })
        .gif({ loop: 0, delay: 120 })
        .toBuffer();
    }
    case 'jpeg-cmyk':
      return (await rgb()).toColourspace('cmyk').jpeg({ quality: 88 }).toBuffer();
    case 'png-16bit':
      return (await rgb()).toColourspace('rgb16').png().toBuffer();
  }
}

/**
 * The file holding an image's bytes in `cacheDir`, encoded on first use: the corpus is
 * made once per machine, not per run, and never committed.
 *
 * @example
 * const file = await corpusFile(spec, join(tmpdir(), 'imgpipe-reliability-corpus'));
 */
export async function corpusFile(spec: ImageSpec, cacheDir: string): Promise<string> {
  const name = createHash('sha256')
    .update(JSON.stringify({ ...spec, key: undefined, version: 2 }))
    .digest('hex')
    .slice(0, 32);
  const file = join(cacheDir, `${name}.${spec.key.split('.').pop() ?? 'bin'}`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, await encodeImage(spec));
  renameSync(temp, file);
  return file;
}

/**
 * The bytes of an image from the corpus cache.
 *
 * @example
 * const body = readCorpusFile(file);
 */
export function readCorpusFile(file: string): Buffer {
  return readFileSync(file);
}
