// Which shift a caregiver is calling out of. Pure: their appointments, the
// time and the agency's zone in; the shift and why it was chosen out.
//
// In turn: a shift running now (an overnight one started yesterday counts),
// else the first starting later today, else the first after today. "Today" is
// the agency's calendar day, so a daylight-saving day is no special case.
// Cancelled shifts (a status matching /cancel/) and shifts already over never
// count. The occurrences of a recurring series share an appointment id: each
// is its own shift, keyed by id and start, and a duplicate of one is dropped.
import { addDays, clockTime, sameDate, shortDay, wallClock } from './local-time.ts';

export { localMidnight, localWeek } from './local-time.ts';

export interface CallerShift {
  appointmentId: string;
  clientId: string;
  /** Epoch ms. */
  start: number;
  end: number;
  status: string;
}

export type ShiftChoice<T extends CallerShift = CallerShift> = { shift: T; why: string } | { shift: undefined; why: string };

const isCancelled = (s: CallerShift) => /cancel/i.test(s.status);

/** One occurrence of a (possibly recurring) appointment. */
export const occurrenceKey = (s: { appointmentId?: string; start: number }) => `${s.appointmentId ?? ''}@${s.start}`;

/** Earliest start first, then the earlier end, then the id: the same order whatever the input's. */
function byStart(a: CallerShift, b: CallerShift): number {
  return a.start - b.start || a.end - b.end || (a.appointmentId < b.appointmentId ? -1 : a.appointmentId > b.appointmentId ? 1 : 0);
}

/** The shift the caller is calling out of, or why there is none. */
export function chooseCallerShift<T extends CallerShift>(shifts: readonly T[], now: number, timeZone: string): ShiftChoice<T> {
  if (shifts.length === 0) return { shift: undefined, why: 'no shifts are listed for them' };
  const seen = new Set<string>();
  let cancelled = 0;
  let over = 0;
  let unreadable = 0;
  const open: T[] = [];
  for (const s of [...shifts].sort(byStart)) {
    if (!Number.isFinite(s.start) || !Number.isFinite(s.end) || s.end <= s.start) unreadable++;
    else if (isCancelled(s)) cancelled++;
    else if (s.end <= now) over++;
    else if (!seen.has(occurrenceKey(s))) {
      seen.add(occurrenceKey(s));
      open.push(s);
    }
  }
  const first = open[0];
  if (!first) {
    const counts = [cancelled ? `${cancelled} cancelled` : '', over ? `${over} already over` : '', unreadable ? `${unreadable} without a usable start and end` : ''].filter(Boolean);
    return { shift: undefined, why: `none of their ${shifts.length} listed shift${shifts.length === 1 ? '' : 's'} is still to come (${counts.join(', ')})` };
  }
  const today = wallClock(now, timeZone);
  const span = `${clockTime(first.start, timeZone)}–${clockTime(first.end, timeZone)}`;
  if (first.start <= now) {
    const startDay = wallClock(first.start, timeZone);
    const began = sameDate(startDay, today) ? 'today' : sameDate(startDay, addDays(today, -1)) ? 'yesterday' : shortDay(first.start, timeZone);
    return { shift: first, why: `running now: ${span}, started ${began} (appointment ${first.appointmentId})` };
  }
  if (sameDate(wallClock(first.start, timeZone), today)) return { shift: first, why: `later today: ${span} (appointment ${first.appointmentId})` };
  return { shift: first, why: `the next one, none being left today: ${shortDay(first.start, timeZone)} ${span} (appointment ${first.appointmentId})` };
}

/** The shift running now or starting later today (earliest first), else the next one after today; undefined when none is to come. */
export function findCallerShift<T extends CallerShift>(shifts: readonly T[], now: number, timeZone: string): { shift: T; why: string } | undefined {
  const { shift, why } = chooseCallerShift(shifts, now, timeZone);
  return shift ? { shift, why } : undefined;
}
