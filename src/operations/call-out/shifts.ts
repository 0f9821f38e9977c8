// Which shift a caregiver is calling out of, and the agency's week around it.
// Times are instants (epoch ms); "today" and the week are the agency's, in its
// time zone, so an overnight shift and a daylight-saving day come out right.
import { compactDate } from '../../wellsky/dates.ts';

export interface CallerShift {
  appointmentId: string;
  clientId: string;
  start: number;
  end: number;
  status: string;
}

const DAY_MS = 86_400_000;

/**
 * The shift running now or starting later today (earliest first), else the
 * next one after today. Cancelled and finished shifts never. Occurrences of a
 * recurring series share an id: each is its own shift (id + start).
 */
export function findCallerShift(shifts: CallerShift[], now: number, timeZone: string): { shift: CallerShift; why: string } | undefined {
  const open = shifts.filter((s) => s.end > now && !/cancel/i.test(s.status)).sort((a, b) => a.start - b.start || a.appointmentId.localeCompare(b.appointmentId));
  const today = compactDate(now, timeZone);
  const running = open.find((s) => s.start <= now);
  if (running) return { shift: running, why: 'running now' };
  const later = open.find((s) => compactDate(s.start, timeZone) === today);
  if (later) return { shift: later, why: 'later today' };
  const next = open[0];
  return next ? { shift: next, why: 'the next one' } : undefined;
}

/** Local midnight (epoch ms) of the day `ms` falls on in `timeZone`. */
export function localMidnight(ms: number, timeZone: string): number {
  const day = compactDate(ms, timeZone);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(4, 6)) - 1;
  const d = Number(day.slice(6, 8));
  // The zone's offset at that wall time, found by asking the zone what UTC midnight reads as (twice, for DST days).
  let guess = Date.UTC(y, m, d);
  for (let i = 0; i < 2; i++) guess = Date.UTC(y, m, d) - offsetAt(guess, timeZone);
  return guess;
}

function offsetAt(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The agency's work week around `ms`: local Monday 00:00 to the next Monday
 * 00:00 (167, 168 or 169 hours). Monday, as ISO weeks and so WellSky's weekNo
 * searches (`YYYYWW`) count them; `weekStartsOn: 0` for a Sunday week.
 */
export function localWeek(ms: number, timeZone: string, weekStartsOn: 0 | 1 = 1): { start: number; end: number } {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(ms);
  const back = (['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday) - weekStartsOn + 7) % 7;
  // Noon steps keep clear of midnight on daylight-saving days.
  const start = localMidnight(localMidnight(ms, timeZone) + DAY_MS / 2 - back * DAY_MS, timeZone);
  const end = localMidnight(start + 7 * DAY_MS + DAY_MS / 2, timeZone);
  return { start, end };
}
