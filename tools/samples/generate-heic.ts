// Writes the HEIC test fixtures of tools/samples/heic (see README.md). Needs `heif-enc`
// (Debian: apt-get install libheif-examples); the tests read the committed files instead.
//   npx tsx --tsconfig tsconfig.base.json tools/samples/generate-heic.ts
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BLUE, jpeg, RED } from '@imgpipe/testing';
import sharp from 'sharp';

import { withMirror, withPrimaryItem, withRotation, withScrambledPictureData } from './heif-boxes';

const OUT = join(__dirname, 'heic');
const GREEN = { r: 30, g: 200, b: 60 };
const P3_GREEN = { r: 40, g: 160, b: 90 };

/** Encodes JPEGs with heif-enc into one HEIC (the first is the primary image). */
async function heifEnc(work: string, jpegs: readonly Buffer[]): Promise<Buffer> {
  const inputs = await Promise.all(
    jpegs.map(async (bytes, index) => {
      const path = join(work, `input-${index}.jpg`);
      await writeFile(path, bytes);
      return path;
    }),
  );
  const output = join(work, 'output.heic');
  execFileSync('heif-enc', ['--quality', '90', '--output', output, ...inputs], {
    stdio: 'ignore',
  });
  return readFile(output);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'imgpipe-heic-'));
  try {
    const upright = await heifEnc(work, [
      await jpeg({ width: 64, height: 48, marker: RED, colour: BLUE }),
    ]);
    // An iPhone stores the sensor's pixels sideways with an `irot` and an EXIF orientation
    // that agree; heif-enc keeps the JPEG's pixels and EXIF, so the `irot` is added here.
    const sideways = await heifEnc(work, [
      await jpeg({
        width: 64,
        height: 48,
        orientation: 6,
        marker: RED,
        colour: BLUE,
        exif: {
          make: 'Apple',
          model: 'iPhone 15 Pro',
          lensModel: 'iPhone 15 Pro back triple camera 6.765mm f/1.78',
          takenAt: '2025:08:02 18:45:10',
          offset: '+01:00',
          exposureTime: '1/120',
          fNumber: 1.8,
          iso: 80,
          focalLength: 6.8,
          gps: { latitude: 51.5007, longitude: -0.1246 },
        },
      }),
    ]);
    const transposed = await heifEnc(work, [
      await jpeg({ width: 64, height: 48, orientation: 5, marker: RED, colour: BLUE }),
    ]);
    // sRGB (40, 160, 90) as Display P3 numbers with the P3 profile, as an iPhone stores colour.
    const displayP3 = await heifEnc(work, [
      await sharp({ create: { width: 32, height: 32, channels: 3, background: P3_GREEN } })
        .withIccProfile('p3')
        .jpeg({ quality: 95 })
        .toBuffer(),
    ]);
    const twoImages = await heifEnc(work, [
      await jpeg({ width: 32, height: 32, marker: GREEN, colour: GREEN }),
      await jpeg({ width: 64, height: 48, marker: RED, colour: BLUE }),
    ]);
    const fixtures: ReadonlyArray<readonly [string, Buffer]> = [
      ['upright.heic', upright],
      // irot 3 is three quarter turns anticlockwise: the orientation-6 turn, clockwise.
      ['iphone-orientation-6.heic', withRotation(sideways, 3)],
      // A quarter turn anticlockwise, then libheif's imir axis 0 (top to bottom): a transpose.
      ['mirrored-orientation-5.heic', withMirror(withRotation(transposed, 1), 0)],
      // heif-enc writes each picture as a tile (items 1, 3) under a grid (items 2, 4).
      ['two-images-primary-second.heic', withPrimaryItem(twoImages, 4)],
      ['display-p3.heic', displayP3],
      ['corrupt-picture-data.heic', withScrambledPictureData(upright)],
    ];
    for (const [name, bytes] of fixtures) {
      await writeFile(join(OUT, name), bytes);
      const { width, height, pages = 1, exif } = await sharp(bytes).metadata();
      console.log(
        `${name}: ${width}×${height} ×${pages}${exif ? `, EXIF ${exif.length} B` : ''}, ${(bytes.length / 1024).toFixed(1)} KB`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
