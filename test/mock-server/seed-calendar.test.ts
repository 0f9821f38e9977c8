// The wall-clock conversion behind the schedule: shifts are planned in the agency's
// zone and stored in UTC, so both DST switches must come out right.
import { describe, expect, it } from 'vitest';
import { ZoneClock, formatDay, formatUtc, parseDay, weekday } from '../../mock-server/seed/calendar.ts';

const denver = new ZoneClock('America/Denver');
const at = (date: string, hh: number, mm = 0) => formatUtc(denver.toUtc(parseDay(date), hh * 60 + mm));

describe('ZoneClock (America/Denver)', () => {
  it('converts winter and summer times', () => {
    expect(at('2026-01-15', 8)).toBe('2026-01-15T15:00:00+00:00'); // MST, UTC−7
    expect(at('2026-07-15', 8)).toBe('2026-07-15T14:00:00+00:00'); // MDT, UTC−6
  });

  it('makes the spring-forward overnight 7 hours and the fall-back one 9', () => {
    expect(at('2026-03-07', 22)).toBe('2026-03-08T05:00:00+00:00');
    expect(at('2026-03-08', 6)).toBe('2026-03-08T12:00:00+00:00');
    expect(at('2026-10-31', 22)).toBe('2026-11-01T04:00:00+00:00');
    expect(at('2026-11-01', 6)).toBe('2026-11-01T13:00:00+00:00');
  });

  it('reads an instant back as local day and minute', () => {
    const ms = Date.parse('2026-11-01T04:00:00Z');
    expect(denver.toWall(ms)).toEqual({ day: parseDay('2026-10-31'), minute: 22 * 60 });
  });
});

describe('day arithmetic', () => {
  it('round-trips dates and knows the weekday', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2026-03-10', '2099-12-31']) expect(formatDay(parseDay(date))).toBe(date);
    expect(weekday(parseDay('2026-03-10'))).toBe(2); // a Tuesday
  });

  it('refuses impossible dates', () => {
    expect(() => parseDay('2026-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => parseDay('10/03/2026')).toThrow(/YYYY-MM-DD/);
  });
});
