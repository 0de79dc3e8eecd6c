/**
 * A GitHub-flavoured Markdown table: the first row is the header, the first column
 * left-aligned and the rest right-aligned (they hold figures), `|` in a cell escaped.
 *
 * @throws RangeError when there is no header row.
 * @example
 * formatMarkdownTable([['service', 'ratio'], ['resize', '1.08×']]);
 * // '| service | ratio |\n| :-- | --: |\n| resize | 1.08× |'
 */
export function formatMarkdownTable(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows;
  if (header === undefined) throw new RangeError('a table needs a header row');
  const line = (cells: readonly string[]) =>
    `| ${header.map((_, index) => (cells[index] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  const rule = `| ${header.map((_, index) => (index === 0 ? ':--' : '--:')).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
