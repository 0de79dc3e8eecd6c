import { UsageError } from './cli-io';
import { parseSince } from './since-option';

const now = new Date('2026-11-27T12:00:00.000Z');

describe('parseSince', () => {
  it('given a duration, when parsed, then it counts back from now', () => {
    expect(parseSince('90m', now, 'stats').toISOString()).toBe('2026-11-27T10:30:00.000Z');
    expect(parseSince('6h', now, 'stats').toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(parseSince('2d', now, 'stats').toISOString()).toBe('2026-11-25T12:00:00.000Z');
  });

  it('given an ISO date or date-time, when parsed, then that moment comes back', () => {
    expect(parseSince('2026-11-20', now, 'stats').toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(parseSince('2026-11-27T08:15:00Z', now, 'stats').toISOString()).toBe(
      '2026-11-27T08:15:00.000Z',
    );
  });

  it('given nonsense or the future, when parsed, then a usage error names the option', () => {
    for (const raw of ['yesterday', '5 minutes', '2026-13-45', '2026-12-01']) {
      expect(() => parseSince(raw, now, 'stats')).toThrow(UsageError);
    }
    expect(() => parseSince('soon', now, 'stats')).toThrow(/--since must be a duration/);
  });
});
