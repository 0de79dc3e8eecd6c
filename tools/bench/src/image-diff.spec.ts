import { compareImages, standardDeviation } from './image-diff';

describe('compareImages', () => {
  it('given identical pixels, when compared, then PSNR is infinite and nothing differs', () => {
    const pixels = new Uint8Array([10, 200, 30, 40]);

    expect(compareImages(pixels, pixels)).toEqual({
      psnr: Number.POSITIVE_INFINITY,
      meanAbsolute: 0,
      contrast: 1,
    });
  });

  it('given every sample off by 5, when compared, then PSNR is 10·log10(255²/25) and mean |Δ| is 5', () => {
    const reference = new Uint8Array([100, 150, 200, 50]);
    const candidate = reference.map((sample) => sample + 5);

    const difference = compareImages(candidate, reference);

    expect(difference.psnr).toBeCloseTo(34.151, 3);
    expect(difference.meanAbsolute).toBe(5);
    expect(difference.contrast).toBeCloseTo(1, 10);
  });

  it('given a candidate with half the contrast, when compared, then contrast is 0.5', () => {
    const reference = new Uint8Array([0, 200, 0, 200]);
    const softened = new Uint8Array([50, 150, 50, 150]);

    expect(compareImages(softened, reference).contrast).toBeCloseTo(0.5, 10);
  });

  it('given images of different sizes, when compared, then it refuses', () => {
    expect(() => compareImages(new Uint8Array(3), new Uint8Array(4))).toThrow(
      'cannot compare 3 samples with 4',
    );
  });
});

describe('standardDeviation', () => {
  it('given the two extremes, when measured, then it is half their distance', () => {
    expect(standardDeviation(new Uint8Array([0, 255]))).toBe(127.5);
  });
});
