import type { ListedImage } from './image-list';
import { formatBytes } from './units';

/**
 * A listing for people: one row per image, newest first, with upload time, owner, state,
 * size and key; a rejected image's reasons follow its key.
 *
 * @example
 * formatImageList([listedImage(record)]);
 * // 'UPLOADED              OWNER  STATE     SIZE     KEY\n2026-01-02 03:04:05Z  alice  done  2.4 MiB  a.jpg\n'
 */
export function formatImageList(images: readonly ListedImage[]): string {
  if (images.length === 0) return 'no images\n';
  const rows = images.map((image) => [
    image.uploadedAt === undefined
      ? '?'
      : image.uploadedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    image.ownerId ?? '-',
    image.state,
    image.size === undefined ? '?' : formatBytes(image.size),
    `${image.imageId}${image.reasons.length > 0 ? `  (${image.reasons.join('; ')})` : ''}`,
  ]);
  const header = ['UPLOADED', 'OWNER', 'STATE', 'SIZE', 'KEY'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
