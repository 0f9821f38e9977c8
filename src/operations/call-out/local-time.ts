// The agency's calendar: instants (epoch ms) read as wall-clock dates and
// times in its time zone, and back. Days are 23, 24 or 25 hours long on
// daylight-saving days, so nothing here adds 24 hours to get "tomorrow":
// dates are stepped on the calendar and turned into instants at the end.
const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  return format;
}

/** A calendar date: month 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in `timeZone` at the instant `ms`. */
export function wallClock(ms: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** How far the zone's wall clock is ahead of UTC at `ms` (negative west of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time names in `timeZone`. A time the clock skips
 * (2:30 AM as daylight saving starts) lands an hour on; a time it shows twice
 * (1:30 AM as it ends) is the first of the two.
 */
export function instantOf(wall: LocalDate & Partial<Pick<LocalDateTime, 'hour' | 'minute' | 'second'>>, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  // The zone's offsets a day either side cover any one daylight-saving change; keep those that read back as `wall`.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const readings = [asUtc - before, asUtc - after].filter((t) => {
    const w = wallClock(t, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === asUtc;
  });
  // Shown twice: the first reading. Skipped: read with the offset before the jump, which lands after it.
  return readings.length > 0 ? Math.min(...readings) : asUtc - before;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 for Sunday … 6 for Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function sameDate(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Local midnight (epoch ms) of the day `ms` falls on in `timeZone`. */
export function localMidnight(ms: number, timeZone: string): number {
  const { year, month, day } = wallClock(ms, timeZone);
  return instantOf({ year, month, day }, timeZone);
}

/** Sunday (0) or Monday (1). */
export type WeekStart = 0 | 1;

/**
 * The agency's work week holding `ms`: local Sunday 00:00 to the next Sunday
 * 00:00 (`weekStartsOn: 1` for Monday to Monday, as ISO weeks and WellSky's
 * `weekNo` count them). 168 hours, or 167 and 169 in the weeks daylight
 * saving starts and ends.
 */
export function localWeek(ms: number, timeZone: string, weekStartsOn: WeekStart = 0): { start: number; end: number } {
  const today = wallClock(ms, timeZone);
  const first = addDays(today, -((weekday(today) - weekStartsOn + 7) % 7));
  return { start: instantOf(first, timeZone), end: instantOf(addDays(first, 7), timeZone) };
}

/** "9:00 AM" in the zone, with plain spaces (ICU puts a narrow no-break space before AM). */
export function clockTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms).replace(/\s/g, ' ');
}

/** "Sun, Mar 8" in the zone. */
export function shortDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(ms).replace(/\s/g, ' ');
}
