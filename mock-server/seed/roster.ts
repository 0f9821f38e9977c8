// Each schedulable caregiver's booked time over the scheduling window, so
// assignment keeps people to one place at a time, a little travel time between
// clients, at most 12 hours a day and 40 hours a week.
import { HOUR_MS, MINUTE_MS, weekday } from './calendar.ts';

export interface Slot {
  /** Local day the shift starts on. */
  day: number;
  start: number;
  end: number;
}

const TRAVEL_MS = 30 * MINUTE_MS;
const WEEK_HOURS = 40;
const DAY_HOURS = 12;

export class Roster {
  readonly #firstDay: number;
  readonly #days: number;
  readonly #weeks: number;
  readonly #firstMonday: number;
  // Flat [start, end, start, end, …] per caregiver per day.
  readonly #busy: (number[] | undefined)[];
  readonly #weekHours: Float64Array;
  readonly #dayHours: Float64Array;

  constructor(caregivers: number, firstDay: number, lastDay: number) {
    this.#firstDay = firstDay;
    this.#days = lastDay - firstDay + 2; // an overnight on the last day runs into the next
    this.#firstMonday = firstDay - ((weekday(firstDay) + 6) % 7);
    this.#weeks = Math.floor((lastDay - this.#firstMonday) / 7) + 1;
    this.#busy = new Array(caregivers * this.#days);
    this.#weekHours = new Float64Array(caregivers * this.#weeks);
    this.#dayHours = new Float64Array(caregivers * this.#days);
  }

  fits(caregiver: number, slots: readonly Slot[]): boolean {
    const weekLoad = new Map<number, number>();
    for (const slot of slots) {
      const hours = (slot.end - slot.start) / HOUR_MS;
      const d = slot.day - this.#firstDay;
      if ((this.#dayHours[caregiver * this.#days + d] ?? 0) + hours > DAY_HOURS) return false;
      const week = this.#week(slot.day);
      const load = (weekLoad.get(week) ?? 0) + hours;
      if ((this.#weekHours[caregiver * this.#weeks + week] ?? 0) + load > WEEK_HOURS) return false;
      weekLoad.set(week, load);
      for (let near = Math.max(0, d - 1); near <= Math.min(this.#days - 1, d + 1); near++) {
        const busy = this.#busy[caregiver * this.#days + near];
        if (!busy) continue;
        for (let i = 0; i < busy.length; i += 2) {
          if (slot.start < (busy[i + 1] as number) + TRAVEL_MS && (busy[i] as number) < slot.end + TRAVEL_MS) return false;
        }
      }
    }
    return true;
  }

  /** Books without checking: also used for the deliberate double bookings. */
  book(caregiver: number, slots: readonly Slot[]): void {
    for (const slot of slots) {
      const d = slot.day - this.#firstDay;
      const hours = (slot.end - slot.start) / HOUR_MS;
      const key = caregiver * this.#days + d;
      (this.#busy[key] ??= []).push(slot.start, slot.end);
      this.#dayHours[key] = (this.#dayHours[key] ?? 0) + hours;
      const week = caregiver * this.#weeks + this.#week(slot.day);
      this.#weekHours[week] = (this.#weekHours[week] ?? 0) + hours;
    }
  }

  #week(day: number): number {
    return Math.floor((day - this.#firstMonday) / 7);
  }
}
