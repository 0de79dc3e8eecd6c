import type { WatermarkLayout, WatermarkPosition } from './watermark-layout';
import { layoutWatermark } from './watermark-layout';

const layout: WatermarkLayout = { position: 'bottom-right', scale: 0.25, margin: 0.02, maxCoverage: 0.1 };
const image = { width: 1000, height: 800 };

describe('layoutWatermark', () => {
  it.each<[WatermarkPosition, number, number]>([
    ['top-left', 20, 20],
    ['top', 375, 20],
    ['top-right', 730, 20],
    ['left', 20, 369],
    ['center', 375, 369],
    ['right', 730, 369],
    ['bottom-left', 20, 718],
    ['bottom', 375, 718],
    ['bottom-right', 730, 718],
  ])('given position %s, when laid out, then the mark sits at (%i, %i) inside the margins', (position, left, top) => {
    expect(layoutWatermark(image, 4, { ...layout, position })).toEqual({ left, top, width: 250, height: 62 });
  });

  it('given images of different widths, when laid out, then the mark is the same share of the width', () => {
    const small = layoutWatermark({ width: 400, height: 300 }, 5, layout);
    const large = layoutWatermark({ width: 4000, height: 3000 }, 5, layout);

    expect(small?.width).toBe(100);
    expect(large?.width).toBe(1000);
    expect(small?.left).toBe(400 - 8 - 100);
    expect(large?.left).toBe(4000 - 80 - 1000);
  });

  it('given a mark wider than the coverage allows, when laid out, then it shrinks to the limit keeping its proportions', () => {
    const box = layoutWatermark(image, 2, { ...layout, scale: 1, maxCoverage: 0.05 });

    expect(box).toBeDefined();
    const { width = 0, height = 0 } = box ?? {};
    expect(width * height).toBeLessThanOrEqual(0.05 * 1000 * 800);
    expect(width * height).toBeGreaterThan(0.049 * 1000 * 800);
    expect(width / height).toBeCloseTo(2, 1);
  });

  it('given a short panorama, when laid out, then the mark shrinks to fit between the top and bottom margins', () => {
    const box = layoutWatermark({ width: 2000, height: 100 }, 4, { ...layout, maxCoverage: 1 });

    expect(box).toEqual({ left: 2000 - 40 - 80, top: 40, width: 80, height: 20 });
  });

  it('given an image too small for a one-pixel mark, when laid out, then there is no mark', () => {
    expect(layoutWatermark({ width: 8, height: 6 }, 8, layout)).toBeUndefined();
  });
});
