/**
 * The middle value (mean of the two middle values for an even count); robust to the odd
 * slow run a shared machine produces.
 *
 * @throws RangeError for an empty list.
 * @example
 * median([5, 1, 3]); // 3
 * median([4, 1, 3, 2]); // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * The median of per-round ratios `a[i] / b[i]`. Rounds of an interleaved run see the same
 * load, so pairing them cancels most of a busy machine's drift that a ratio of two
 * medians keeps.
 *
 * @throws RangeError when the sample counts differ or are 0.
 * @example
 * pairedRatio([110, 220, 330], [100, 200, 300]); // 1.1
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length)
    throw new RangeError(`cannot pair ${a.length} samples with ${b.length}`);
  return median(a.map((value, index) => value / (b[index] ?? Number.NaN)));
}

/**
 * Formats a ratio for the report: two decimals and a ×.
 *
 * @example
 * formatRatio(1.0449); // '1.04×'
 */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/**
 * Formats bytes as megabytes with two decimals.
 *
 * @example
 * formatMegabytes(3_360_000); // '3.36 MB'
 */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

/**
 * Left-aligns the first column and right-aligns the rest, padding every column to its
 * widest cell, so a table reads in a terminal and pastes into a README code block.
 *
 * @example
 * formatTable([['a', '1'], ['bb', '22']]); // 'a    1\nbb  22'
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, index) => Math.max(max[index] ?? 0, cell.length)),
    [],
  );
  return rows
    .map((row) =>
      row
        .map((cell, index) =>
          index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
