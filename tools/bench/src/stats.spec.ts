import { formatMegabytes, formatRatio, formatTable, median, pairedRatio } from './stats';

describe('median', () => {
  it('given an odd count, when taken, then it is the middle value whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('given an even count, when taken, then it is the mean of the two middle values', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
  });

  it('given one outlier, when taken, then it does not move the median', () => {
    expect(median([100, 101, 99, 5000, 100])).toBe(100);
  });

  it('given no values, when taken, then it refuses', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('pairedRatio', () => {
  it('given rounds where load doubled both contenders, when paired, then the ratio stays that of each round', () => {
    const job = [110, 220, 115, 440, 112];
    const bare = [100, 200, 105, 400, 100];

    expect(pairedRatio(job, bare)).toBeCloseTo(1.1, 10);
  });

  it('given sample lists of different lengths, when paired, then it refuses', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow('cannot pair 2 samples with 1');
  });
});

describe('formatting', () => {
  it('given a ratio and a byte count, when formatted, then they read as 1.04× and 3.36 MB', () => {
    expect([formatRatio(1.0449), formatMegabytes(3_360_000)]).toEqual(['1.04×', '3.36 MB']);
  });

  it('given rows of different widths, when tabled, then the first column is left-aligned and the rest right-aligned', () => {
    expect(
      formatTable([
        ['photo', 'ms'],
        ['12 MP', '5'],
        ['1 MP', '120'],
      ]),
    ).toBe('photo   ms\n12 MP    5\n1 MP   120');
  });
});
