// Pixel layouts of the image fixtures: simple on purpose, since tests assert them.

/** An 8-bit sRGB colour. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

export const RED: Rgb = { r: 220, g: 20, b: 30 };
export const BLUE: Rgb = { r: 20, g: 40, b: 210 };

/** Size of a fixture; small by default so suites stay fast. */
export interface FixtureSize {
  readonly width?: number;
  readonly height?: number;
}

export function quadrantPixels(width: number, height: number, colour: Rgb, marker: Rgb): Buffer {
  const row = (left: Rgb): Buffer => {
    const line = Buffer.alloc(width * 3);
    for (let x = 0; x < width; x += 1)
      line.set(x < width / 2 ? [left.r, left.g, left.b] : [colour.r, colour.g, colour.b], x * 3);
    return line;
  };
  const markerRow = row(marker);
  const plainRow = row(colour);
  return Buffer.concat(
    Array.from({ length: height }, (_, y) => (y < height / 2 ? markerRow : plainRow)),
  );
}

export function gradientPixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data.set(
        [
          Math.round((255 * x) / Math.max(1, width - 1)),
          Math.round((255 * y) / Math.max(1, height - 1)),
          128,
        ],
        (y * width + x) * 3,
      );
    }
  }
  return data;
}

// For each upright (display) pixel, where EXIF orientation 1–8 says it is stored.
const STORED_AT: Readonly<
  Record<number, (x: number, y: number, w: number, h: number) => readonly [number, number]>
> = {
  1: (x, y) => [x, y],
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, w) => [y, w - 1 - x],
  7: (x, y, w, h) => [h - 1 - y, w - 1 - x],
  8: (x, y, _w, h) => [h - 1 - y, x],
};

export function storeForOrientation(
  upright: Buffer,
  width: number,
  height: number,
  orientation: number,
): { data: Buffer; width: number; height: number } {
  const storedAt = STORED_AT[orientation];
  if (storedAt === undefined) throw new RangeError(`orientation must be 1–8, got ${orientation}`);
  const swapped = orientation >= 5;
  const stored = {
    data: Buffer.alloc(upright.length),
    width: swapped ? height : width,
    height: swapped ? width : height,
  };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [sx, sy] = storedAt(x, y, width, height);
      upright.copy(
        stored.data,
        (sy * stored.width + sx) * 3,
        (y * width + x) * 3,
        (y * width + x) * 3 + 3,
      );
    }
  }
  return stored;
}
