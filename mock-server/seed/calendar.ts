// Dates as whole days since the epoch, instants as epoch milliseconds, and the
// agency's wall clock. Shifts are planned on the wall clock and stored in UTC, so
// the conversion has to honour DST: a 22:00–06:00 night is 7 or 9 hours twice a year.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01; throws on anything that is not a real date. */
export function parseDay(date: string, field = 'today'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    if (formatDay(ms / DAY_MS) === date) return ms / DAY_MS;
  }
  throw new Error(`${field} must be a calendar date as YYYY-MM-DD; got ${JSON.stringify(date)}`);
}

// Date#toISOString dominated the profile at 20,000 people; this is plain arithmetic.
export function formatDay(day: number): string {
  // Days-to-civil, after Howard Hinnant's public-domain algorithm.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The wire format of every date-time here: UTC, seconds, `+00:00`. */
export function formatUtc(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return `${formatDay(day)}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}+00:00`;
}

export class ZoneClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  // formatToParts costs microseconds and shifts reuse a few dozen wall times.
  readonly #cache = new Map<number, number>();

  constructor(timeZone: string) {
    try {
      this.#format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`timeZone must be an IANA time zone such as 'America/Denver'; got ${JSON.stringify(timeZone)}`);
    }
    this.timeZone = timeZone;
  }

  /** The UTC instant of a wall-clock time (`minute` after local midnight) on a local day. */
  toUtc(day: number, minute: number): number {
    const key = day * 1440 + minute;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const wall = day * DAY_MS + minute * MINUTE_MS; // the wall time read as if it were UTC
    let utc = wall - this.#offset(wall);
    // A second pass settles instants near a DST switch, where the first guess's offset is the other one.
    const second = wall - this.#offset(utc);
    if (second !== utc && this.#offset(second) === wall - second) utc = second;
    this.#cache.set(key, utc);
    return utc;
  }

  /** The local day and minute of an instant. */
  toWall(ms: number): { day: number; minute: number } {
    const wall = ms + this.#offset(ms);
    const day = Math.floor(wall / DAY_MS);
    return { day, minute: Math.round((wall - day * DAY_MS) / MINUTE_MS) };
  }

  /** Local minus UTC, in ms, at an instant (negative west of Greenwich). */
  #offset(ms: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#format.formatToParts(ms)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    return asUtc - Math.floor(ms / 1000) * 1000;
  }
}
