import sharp from 'sharp';

/** A photo-like test image's size. */
export interface PhotoSize {
  readonly width: number;
  readonly height: number;
}

/** The benchmark's photos, 4:3 (3:2 from 24 MP) like camera output; 100 MP is just under the pixel limit. */
export const PHOTO_SIZES = {
  '1 MP': { width: 1152, height: 864 },
  '12 MP': { width: 4000, height: 3000 },
  '24 MP': { width: 6000, height: 4000 },
  '100 MP': { width: 12240, height: 8160 },
} as const satisfies Record<string, PhotoSize>;

/**
 * A seeded pseudo-random generator (mulberry32): the same photo every run, so encoded sizes
 * and timings compare across runs.
 *
 * @example
 * const next = seededRandom(42);
 * next(); // 0.6011037519201636, every time
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Detail is drawn at a quarter of the size and scaled up: smooth regions, soft and hard
// edges and texture like a photo's, without a 72 MB JavaScript loop at 24 MP.
const DETAIL_SCALE = 4;

/**
 * Encodes a photo-like JPEG (quality 90) held in memory: colour gradients, overlapping
 * shapes with edges, mid-frequency texture and fine sensor-like grain, so encoders and
 * resamplers do the work a real photo gives them (flat synthetic images compress to
 * nothing and flatter every encoder).
 *
 * @example
 * const jpeg = await syntheticPhotoJpeg(PHOTO_SIZES['12 MP']);
 */
export async function syntheticPhotoJpeg(size: PhotoSize, seed = 1): Promise<Buffer> {
  const small = {
    width: Math.ceil(size.width / DETAIL_SCALE),
    height: Math.ceil(size.height / DETAIL_SCALE),
  };
  const detail = await sharp(drawScene(small, seededRandom(seed)), {
    raw: { ...small, channels: 3 },
  })
    .resize({ width: size.width, height: size.height, fit: 'fill', kernel: 'lanczos3' })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const grain = await sharp({
    create: {
      ...size,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return sharp(detail)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The clockwise turn a viewer applies for each EXIF orientation without a mirror. */
const DISPLAY_TURN: Readonly<Record<number, number>> = { 1: 0, 3: 180, 6: 90, 8: 270 };

/**
 * The same picture as a camera stores it under EXIF orientation `orientation` (1, 3, 6 or
 * 8): the pixels turned back so a viewer applying the tag shows `jpeg` as it is, tagged,
 * re-encoded at quality 90. Every variant, 1 included, goes through the same metadata step
 * (sharp adds an sRGB profile), so an upright and a turned photo differ in the turn alone.
 *
 * @throws Error for a mirrored orientation (2, 4, 5, 7).
 * @example
 * const phone = await withOrientation(await syntheticPhotoJpeg(PHOTO_SIZES['12 MP']), 6);
 */
export async function withOrientation(jpeg: Buffer, orientation: number): Promise<Buffer> {
  const turn = DISPLAY_TURN[orientation];
  if (turn === undefined)
    throw new Error(`orientation ${orientation}: only 1, 3, 6 and 8 are made`);
  const stored =
    turn === 0
      ? jpeg
      : await sharp(jpeg)
          .rotate(360 - turn)
          .jpeg({ quality: 100 })
          .toBuffer();
  return sharp(stored).withMetadata({ orientation }).jpeg({ quality: 90 }).toBuffer();
}

function drawScene(size: PhotoSize, random: () => number): Buffer {
  const { width, height } = size;
  const pixels = Buffer.alloc(width * height * 3);
  const corners = Array.from({ length: 4 }, () =>
    [random(), random(), random()].map((v) => 40 + v * 180),
  );
  const shapes = Array.from({ length: 40 }, () => ({
    x: random() * width,
    y: random() * height,
    radius: (0.02 + random() * 0.15) * width,
    colour: [random() * 255, random() * 255, random() * 255],
    round: random() < 0.5,
  }));
  const colour = [0, 0, 0];
  for (let y = 0; y < height; y += 1) {
    const v = y / height;
    for (let x = 0; x < width; x += 1) {
      const u = x / width;
      for (let channel = 0; channel < 3; channel += 1) {
        const [a = 0, b = 0, c = 0, d = 0] = corners.map((corner) => corner[channel] ?? 0);
        colour[channel] = (a * (1 - u) + b * u) * (1 - v) + (c * (1 - u) + d * u) * v;
      }
      for (const shape of shapes) {
        const dx = Math.abs(x - shape.x);
        const dy = Math.abs(y - shape.y);
        const inside = shape.round
          ? dx * dx + dy * dy < shape.radius ** 2
          : dx < shape.radius && dy < shape.radius * 0.6;
        if (inside)
          for (let channel = 0; channel < 3; channel += 1)
            colour[channel] = (colour[channel] ?? 0) * 0.35 + (shape.colour[channel] ?? 0) * 0.65;
      }
      const texture = 18 * Math.sin(x / 3.1 + Math.sin(y / 7.3) * 2) + (random() - 0.5) * 30;
      const offset = (y * width + x) * 3;
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[offset + channel] = Math.max(
          0,
          Math.min(255, Math.round((colour[channel] ?? 0) + texture)),
        );
      }
    }
  }
  return pixels;
}
