import { mixCounts, PHOTO_MIX } from './mixed-photos';

describe('mixCounts', () => {
  it('given the mix and 40 photos, when split, then the counts follow the weights and add up', () => {
    expect(mixCounts(PHOTO_MIX, 40)).toEqual([20, 8, 8, 4]);
  });

  it('given a count the weights do not divide, when split, then the largest remainders get the rest', () => {
    const counts = mixCounts([{ weight: 1 }, { weight: 1 }, { weight: 1 }], 41);

    expect(counts).toEqual([14, 14, 13]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(41);
  });
});
