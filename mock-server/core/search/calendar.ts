// Calendar arithmetic for appointment searches, in the agency's time zone:
// `startDate` YYYYMMDD (+ additionalDays), `weekNo` YYYYWW (ISO week), `monthNo` YYYYMM.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}

export function compactToIso(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday..Sunday range of ISO week `YYYYWW`. */
export function isoWeekRange(yyyyww: string): [string, string] {
  const year = Number(yyyyww.slice(0, 4));
  const week = Number(yyyyww.slice(4, 6));
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = new Date(jan4);
  mondayOfWeek1.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7));
  const start = addDays(mondayOfWeek1.toISOString().slice(0, 10), (week - 1) * 7);
  return [start, addDays(start, 6)];
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function isoWeeksIn(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  const thursday = new Date(dec28);
  thursday.setUTCDate(dec28.getUTCDate() + 3 - ((dec28.getUTCDay() + 6) % 7));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.ceil(((thursday.getTime() - jan1) / 86_400_000 + 1) / 7);
}

export function monthRange(yyyymm: string): [string, string] {
  const year = Number(yyyymm.slice(0, 4));
  const month = Number(yyyymm.slice(4, 6));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return [`${yyyymm.slice(0, 4)}-${yyyymm.slice(4, 6)}-01`, `${yyyymm.slice(0, 4)}-${yyyymm.slice(4, 6)}-${String(last).padStart(2, '0')}`];
}
