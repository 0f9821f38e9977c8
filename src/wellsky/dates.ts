// Dates as the API sends and takes them: date-times `YYYY-MM-DDTHH:MM:SS`, in UTC
// with `+00:00` or `Z`, sometimes with fractions; plain dates `YYYY-MM-DD`; and
// `YYYYMMDD` in appointment and encounter searches.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;

/** Epoch ms, or undefined for text that is not a date the API uses. A date-time without a zone is UTC, as the API returns them. */
export function parseApiInstant(text: string | undefined | null): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = text.match(DATE_TIME);
  if (m) {
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${(m[7] ?? '').slice(0, 4)}${m[8] ?? 'Z'}`);
    return Number.isNaN(ms) || !realDate(m[1]!, m[2]!, m[3]!) ? undefined : ms;
  }
  const d = text.match(DATE);
  if (d && realDate(d[1]!, d[2]!, d[3]!)) return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
  return undefined;
}

/** `YYYYMMDD` of an instant in a time zone (the agency's), for appointment searches. */
export function compactDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms).replace(/-/g, '');
}

/** `YYYY-MM-DD` of an instant in a time zone (the agency's), for encounter searches. */
export function isoDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function realDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}
