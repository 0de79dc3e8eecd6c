import { IMAGE_KINDS, megapixels, planLoad, unitDraw } from './corpus-plan';

describe('the load plan', () => {
  it('given the same seed, then the same plan; another seed, another one', () => {
    expect(planLoad('load', 30, 'a')).toEqual(planLoad('load', 30, 'a'));
    expect(planLoad('load', 30, 'b')).not.toEqual(planLoad('load', 30, 'a'));
  });

  it('given 120 images, then every kind, unique keys under the prefix, 0.3 to 12 MP', () => {
    const plan = planLoad('load', 120, 'seed');

    expect(new Set(plan.map((image) => image.kind))).toEqual(new Set(IMAGE_KINDS));
    expect(new Set(plan.map((image) => image.key)).size).toBe(120);
    for (const image of plan) {
      expect(image.key.startsWith('load/')).toBe(true);
      const mp = (image.width * image.height) / 1e6;
      expect(mp).toBeGreaterThanOrEqual(0.29);
      expect(mp).toBeLessThanOrEqual(12.1);
    }
    expect(plan.some((image) => image.width * image.height > 8e6)).toBe(true);
  });

  it('given EXIF-rotated JPEGs and animated GIFs, then orientation 6 or 8 and 4 to 8 frames of at most 1 MP', () => {
    const plan = planLoad('load', 200, 'seed');

    for (const image of plan.filter((one) => one.kind === 'jpeg-exif-rotated'))
      expect([6, 8]).toContain(image.orientation);
    for (const image of plan.filter((one) => one.kind === 'gif-animated')) {
      expect(image.frames).toBeGreaterThanOrEqual(4);
      expect(image.frames).toBeLessThanOrEqual(8);
      expect(image.width * image.height).toBeLessThanOrEqual(1.01e6);
    }
    expect(
      plan.filter((one) => one.kind !== 'jpeg-exif-rotated').every((one) => one.orientation === 1),
    ).toBe(true);
  });

  it('given draws across [0, 1), then megapixels span 0.3 to 12 in three bands', () => {
    expect(megapixels(0)).toBeCloseTo(0.3);
    expect(megapixels(0.6)).toBeCloseTo(3);
    expect(megapixels(0.9)).toBeCloseTo(8);
    expect(megapixels(0.999999)).toBeCloseTo(12, 3);
    expect(unitDraw('x', 1)).toBe(unitDraw('x', 1));
  });
});
