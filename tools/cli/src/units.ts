const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * A byte count for people: binary units, three significant figures at most.
 *
 * @example
 * formatBytes(1536); // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit: string = BYTE_UNITS[0];
  for (const candidate of BYTE_UNITS) {
    value /= 1024;
    unit = candidate;
    if (value < 1024) break;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value).toString()} ${unit}`;
}

/**
 * A duration for people, to the nearest second: `45s`, `2m05s`, `1h02m`.
 *
 * @example
 * formatDuration(125_000); // '2m05s'
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * How long something took: tenths of a second when short, else as {@link formatDuration}.
 *
 * @example
 * formatElapsed(420); // '0.4s'
 */
export function formatElapsed(ms: number): string {
  return ms < 9950 ? `${(Math.max(0, ms) / 1000).toFixed(1)}s` : formatDuration(ms);
}
