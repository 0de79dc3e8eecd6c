// Writes the sample images of tools/samples/images (see README.md). Deterministic: run it
// again after changing a sample and commit the images it writes.
//   npx tsx --tsconfig tsconfig.base.json tools/samples/generate.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';

const OUT = join(__dirname, 'images');

interface Palette {
  readonly sky: readonly [string, string];
  readonly sun: string;
  readonly hills: readonly [string, string, string];
}

/** A landscape drawn in SVG: sky gradient, sun, three rows of hills, a caption. */
function landscapeSvg(width: number, height: number, palette: Palette, caption: string): Buffer {
  const hill = (base: number, amplitude: number, phase: number): string => {
    const points = Array.from({ length: 21 }, (_, index) => {
      const x = (width * index) / 20;
      const y =
        height * base -
        amplitude * Math.sin(index / 3 + phase) -
        (amplitude / 3) * Math.sin(index * 1.7 + phase);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    });
    return `M0,${height} L${points.join(' L')} L${width},${height} Z`;
  };
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${palette.sky[0]}"/><stop offset="1" stop-color="${palette.sky[1]}"/>
    </linearGradient>
    <radialGradient id="sun"><stop offset="0" stop-color="#fffbe8"/><stop offset="1" stop-color="${palette.sun}"/></radialGradient>
  </defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="${width * 0.72}" cy="${height * 0.3}" r="${height * 0.12}" fill="url(#sun)"/>
  <path d="${hill(0.62, height * 0.08, 0)}" fill="${palette.hills[0]}"/>
  <path d="${hill(0.74, height * 0.06, 2)}" fill="${palette.hills[1]}"/>
  <path d="${hill(0.86, height * 0.05, 4)}" fill="${palette.hills[2]}"/>
  <text x="${width * 0.04}" y="${height * 0.1}" font-family="DejaVu Sans, sans-serif" font-size="${height * 0.06}" fill="#ffffff" fill-opacity="0.85">${caption}</text>
</svg>`);
}

const DAY: Palette = {
  sky: ['#3a7bd5', '#b8e0f6'],
  sun: '#ffd34d',
  hills: ['#6b8f47', '#4d7a36', '#2f5a24'],
};
const DUSK: Palette = {
  sky: ['#2b1055', '#f28b50'],
  sun: '#ff6a3d',
  hills: ['#5a3a6e', '#3d2752', '#241838'],
};
const AUTUMN: Palette = {
  sky: ['#87a8c9', '#efe3cf'],
  sun: '#f3c26b',
  hills: ['#c9783a', '#a4532b', '#6e3a22'],
};

/** Camera photo stored sideways (orientation 6) with the EXIF a phone or camera writes. */
async function cameraJpeg(): Promise<Buffer> {
  const upright = await sharp(landscapeSvg(640, 480, AUTUMN, 'café au lait — orientation 6'))
    .png()
    .toBuffer();
  // Orientation 6 means "rotate 90° clockwise to display", so store it turned the other way.
  const stored = await sharp(upright).rotate(270).toBuffer();
  return sharp(stored)
    .jpeg({ quality: 80, mozjpeg: true })
    .withExif({
      IFD0: {
        Make: 'Canon',
        Model: 'Canon EOS R6',
        DateTime: '2024:05:17 14:03:22',
        Software: 'imgpipe samples',
      },
      IFD2: {
        DateTimeOriginal: '2024:05:17 14:03:22',
        OffsetTimeOriginal: '+02:00',
        ExposureTime: '1/250',
        FNumber: '56/10',
        ISOSpeedRatings: '200',
        FocalLength: '35/1',
        LensModel: 'RF35mm F1.8 MACRO IS STM',
      },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2960/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4020/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A badge on a transparent background: soft edges and a drop shadow exercise alpha. */
function badgeSvg(): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ff5f6d"/><stop offset="1" stop-color="#ffc371"/></linearGradient>
    <filter id="shadow"><feGaussianBlur stdDeviation="8"/></filter>
  </defs>
  <ellipse cx="205" cy="160" rx="150" ry="110" fill="#000" fill-opacity="0.35" filter="url(#shadow)"/>
  <ellipse cx="200" cy="150" rx="150" ry="110" fill="url(#g)" fill-opacity="0.92"/>
  <text x="200" y="185" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="110" fill="#ffffff">+1</text>
</svg>`);
}

/** A 12-frame spinner: a ring of dots whose bright dot moves each frame. */
async function spinnerGif(): Promise<Buffer> {
  const size = 160;
  const frames = await Promise.all(
    Array.from({ length: 12 }, (_, frame) => {
      const dots = Array.from({ length: 12 }, (_, index) => {
        const angle = (index / 12) * 2 * Math.PI;
        const opacity = ((index - frame + 12) % 12) / 12 + 0.08;
        return `<circle cx="${80 + 55 * Math.cos(angle)}" cy="${80 + 55 * Math.sin(angle)}" r="11" fill="#1f6feb" fill-opacity="${opacity.toFixed(2)}"/>`;
      }).join('');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="#f6f8fa"/>${dots}</svg>`;
      return sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
    }),
  );
  return sharp(Buffer.concat(frames), {
    raw: { width: size, height: size * frames.length, channels: 3, pageHeight: size },
  })
    .gif({ delay: Array.from({ length: frames.length }, () => 80), loop: 0 })
    .toBuffer();
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const samples: ReadonlyArray<readonly [string, () => Promise<Buffer>]> = [
    ['café au lait.jpg', cameraJpeg],
    ['plus+sign.png', () => sharp(badgeSvg()).png({ compressionLevel: 9 }).toBuffer()],
    [
      'dusk over hills.webp',
      () =>
        sharp(landscapeSvg(800, 500, DUSK, 'dusk over hills (WebP)'))
          .webp({ quality: 78 })
          .toBuffer(),
    ],
    [
      'print proof CMYK.jpg',
      () =>
        sharp(landscapeSvg(600, 400, DAY, 'print proof — CMYK'))
          .toColourspace('cmyk')
          .jpeg({ quality: 80 })
          .toBuffer(),
    ],
    [
      'deep gradient 16-bit.png',
      () =>
        sharp(landscapeSvg(256, 160, DUSK, '16-bit'))
          .toColourspace('rgb16')
          .png({ compressionLevel: 9 })
          .toBuffer(),
    ],
    ['spinner-animated.gif', spinnerGif],
  ];
  for (const [name, make] of samples) {
    const bytes = await make();
    await writeFile(join(OUT, name), bytes);
    const {
      format,
      width,
      height,
      pages = 1,
      space,
      depth,
      orientation = 1,
    } = await sharp(bytes).metadata();
    console.log(
      `${name}: ${format} ${width}×${height} ×${pages} ${space}/${depth} orientation ${orientation}, ${(bytes.length / 1024).toFixed(1)} KB`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
