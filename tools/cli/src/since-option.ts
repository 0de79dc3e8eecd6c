import { UsageError } from './cli-io';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A `--since` value as a moment: a duration back from `now` (`90m`, `6h`, `2d`) or an
 * ISO 8601 date or date-time (`2026-11-27`, `2026-11-27T08:00:00Z`).
 *
 * @throws UsageError naming the command for anything else, or a moment after `now`.
 * @example
 * parseSince('6h', new Date('2026-11-27T12:00:00Z'), 'stats'); // 2026-11-27T06:00:00.000Z
 */
export function parseSince(raw: string, now: Date, command: string): Date {
  const duration = /^(\d+)([mhd])$/.exec(raw.trim());
  const since = duration
    ? new Date(now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] ?? ''] ?? 0))
    : /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw.trim())
      ? new Date(raw.trim())
      : new Date(Number.NaN);
  if (Number.isNaN(since.getTime()) || since > now) {
    throw new UsageError(
      `--since must be a duration such as 90m, 6h or 2d, or a past ISO date, got '${raw}'`,
      command,
    );
  }
  return since;
}
