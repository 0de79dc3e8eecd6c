import { formatMarkdownTable } from './markdown-table';

describe('formatMarkdownTable', () => {
  it('given a header and rows, when formatted, then the first column is left-aligned and the rest right-aligned', () => {
    expect(
      formatMarkdownTable([
        ['service', 'ratio'],
        ['resize', '1.08×'],
      ]),
    ).toBe('| service | ratio |\n| :-- | --: |\n| resize | 1.08× |');
  });

  it('given a pipe in a cell and a short row, when formatted, then the pipe is escaped and the row padded', () => {
    expect(formatMarkdownTable([['a', 'b'], ['x|y']])).toBe(
      '| a | b |\n| :-- | --: |\n| x\\|y |  |',
    );
  });

  it('given no rows, when formatted, then it is a range error', () => {
    expect(() => formatMarkdownTable([])).toThrow(RangeError);
  });
});
