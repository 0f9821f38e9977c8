// Shifts for the month around today (today−14 … today+14): recurring series for
// active clients, covered by active hired caregivers, planned on the agency's wall
// clock and stored in UTC. A series keeps one id on all its dates, as live. On
// top: a few open shifts nobody covers yet, and a couple of real double bookings.
import { HOUR_MS, formatDay, formatUtc, weekday, type ZoneClock } from './calendar.ts';
import { drawCarePlan, oneOffVisit, type SeriesPlan } from './care-plans.ts';
import { SERVICES, TASKS, type ServiceDef, type TaskDef } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { FIRST_ID, IdSequence } from './ids.ts';
import type { Client } from './patients.ts';
import type { Caregiver } from './practitioners.ts';
import { Roster, type Slot } from './roster.ts';
import type { Appointment, Position } from './types.ts';

export const WINDOW_DAYS_EACH_SIDE = 14;

export type ShiftStatus = 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
export type TaskStatus = 'PENDING' | 'COMPLETE' | 'NOT_COMPLETE';

export interface Shift extends Slot {
  id: string;
  client: Client;
  caregiverId?: string;
  status: ShiftStatus;
  service: ServiceDef;
  tasks: readonly TaskDef[];
  taskStatuses: TaskStatus[];
  position: Required<Position>;
}

export interface ScheduleConflict {
  caregiverId: string;
  /** The local date both shifts start on (a series id alone names several dates). */
  date: string;
  appointmentIds: string[];
}

export interface Schedule {
  shifts: Shift[];
  conflicts: ScheduleConflict[];
}

export function planSchedule(ctx: SeedContext, clock: ZoneClock, size: number, caregivers: readonly Caregiver[], clients: readonly Client[]): Schedule {
  const { rng } = ctx;
  const firstDay = ctx.today - WINDOW_DAYS_EACH_SIDE;
  const lastDay = ctx.today + WINDOW_DAYS_EACH_SIDE;
  const roster = new Roster(caregivers.length, firstDay, lastDay);
  const ids = new IdSequence(FIRST_ID.appointment);
  const byOffice = new Map<number, number[]>();
  caregivers.forEach((c, i) => {
    const list = byOffice.get(c.office.index) ?? [];
    list.push(i);
    byOffice.set(c.office.index, list);
  });
  const everyone = caregivers.map((_, i) => i);
  const shifts: Shift[] = [];

  const slotsFor = (plan: SeriesPlan, days: readonly number[]): Slot[] =>
    days.map((day) => {
      const endMinute = plan.start + plan.minutes;
      return { day, start: clock.toUtc(day, plan.start), end: clock.toUtc(day + Math.floor(endMinute / 1440), endMinute % 1440) };
    });

  // Regular caregivers first (continuity), then someone from the client's office, then anyone.
  const findCaregiver = (slots: readonly Slot[], client: Client, regulars: readonly number[]): number | undefined => {
    for (const cg of regulars) if (roster.fits(cg, slots)) return cg;
    const local = byOffice.get(client.office.index) ?? [];
    for (const [pool, tries] of [[local, 40], [everyone, 20]] as const) {
      if (pool.length === 0) continue;
      for (let t = 0; t < tries; t++) {
        const cg = rng.pick(pool);
        if (roster.fits(cg, slots)) return cg;
      }
    }
    return undefined;
  };

  // One id for every date of the series, as the live API does.
  const addSeries = (plan: SeriesPlan, client: Client, slots: readonly Slot[], caregiver: number): void => {
    const id = ids.next();
    roster.book(caregiver, slots);
    for (const slot of slots) shifts.push(makeShift(ctx, id, plan, client, slot, caregivers[caregiver]?.id));
  };

  // The first client gets overnights, so every agency with a schedule has at least one.
  clients.forEach((client, index) => {
    const regulars: number[] = [];
    for (const plan of drawCarePlan(rng, { overnight: index === 0 })) {
      const days = windowDays(firstDay, lastDay, plan.weekdays);
      const slots = slotsFor(plan, days);
      if (slots.length === 0) continue;
      const caregiver = findCaregiver(slots, client, regulars);
      if (caregiver !== undefined) {
        addSeries(plan, client, slots, caregiver);
        regulars.push(caregiver);
        continue;
      }
      // Nobody has room for the whole series: cover it weekday by weekday, each its own series.
      if (plan.weekdays.length < 2) continue;
      for (const wd of plan.weekdays) {
        const one = slots.filter((s) => weekday(s.day) === wd);
        const cg = findCaregiver(one, client, regulars);
        if (cg === undefined) continue; // unmet demand: the agency simply has no one
        addSeries(plan, client, one, cg);
        regulars.push(cg);
      }
    }
  });

  addOpenShifts(ctx, clock, clients, shifts, ids);
  const conflicts = addDoubleBookings(ctx, size, clients, shifts, ids);

  shifts.sort((a, b) => a.start - b.start || Number(a.id) - Number(b.id));
  return { shifts, conflicts };
}

function windowDays(firstDay: number, lastDay: number, weekdays: readonly number[]): number[] {
  const days: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) if (weekdays.includes(weekday(day))) days.push(day);
  return days;
}

function makeShift(ctx: SeedContext, id: string, plan: Pick<SeriesPlan, 'service' | 'tasks'>, client: Client, slot: Slot, caregiverId: string | undefined): Shift {
  const { rng } = ctx;
  const past = slot.day < ctx.today;
  const status: ShiftStatus = rng.chance(past ? 0.04 : 0.03) ? 'CANCELLED' : past ? 'COMPLETED' : 'SCHEDULED';
  const taskStatuses = plan.tasks.map((): TaskStatus => (status === 'COMPLETED' ? (rng.chance(0.94) ? 'COMPLETE' : 'NOT_COMPLETE') : 'PENDING'));
  return {
    ...slot,
    id,
    client,
    ...(caregiverId ? { caregiverId } : {}),
    status,
    service: plan.service,
    tasks: plan.tasks,
    taskStatuses,
    position: client.position,
  };
}

/** Upcoming one-off visits with no caregiver yet: the shifts a coordinator is trying to fill. */
function addOpenShifts(ctx: SeedContext, clock: ZoneClock, clients: readonly Client[], shifts: Shift[], ids: IdSequence): void {
  const { rng } = ctx;
  if (clients.length === 0) return;
  const count = 2 + Math.floor(clients.length / 100);
  const byClient = new Map<Client, Shift[]>();
  for (const shift of shifts) {
    const list = byClient.get(shift.client) ?? [];
    list.push(shift);
    byClient.set(shift.client, list);
  }
  for (let n = 0; n < count; n++) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const client = rng.pick(clients);
      const plan = oneOffVisit(rng);
      const day = ctx.today + rng.int(0, WINDOW_DAYS_EACH_SIDE);
      const slot = { day, start: clock.toUtc(day, plan.start), end: clock.toUtc(day, plan.start + plan.minutes) };
      const own = byClient.get(client) ?? [];
      if (own.some((s) => s.start < slot.end && slot.start < s.end)) continue;
      const shift = { ...makeShift(ctx, ids.next(), plan, client, slot, undefined), status: 'SCHEDULED' as const };
      shifts.push(shift);
      own.push(shift);
      byClient.set(client, own);
      break;
    }
  }
}

/**
 * A realistic defect: a caregiver booked on a second, overlapping visit for
 * another client (someone added a shift without checking the calendar).
 */
function addDoubleBookings(ctx: SeedContext, size: number, clients: readonly Client[], shifts: Shift[], ids: IdSequence): ScheduleConflict[] {
  const { rng } = ctx;
  if (clients.length < 2) return [];
  const upcoming = shifts.filter((s) => s.caregiverId && s.status === 'SCHEDULED' && s.day >= ctx.today);
  const count = Math.min(upcoming.length, 2 + Math.floor(size / 10_000));
  const conflicts: ScheduleConflict[] = [];
  // Different caregivers where there are enough, so each conflict stands on its own.
  const caregiversHit = new Set<string>();
  const picks: Shift[] = [];
  for (const shift of rng.shuffle(upcoming)) {
    if (picks.length >= count) break;
    if (caregiversHit.has(shift.caregiverId as string)) continue;
    caregiversHit.add(shift.caregiverId as string);
    picks.push(shift);
  }
  for (const original of picks) {
    let other = rng.pick(clients);
    while (other === original.client) other = rng.pick(clients);
    const start = original.start + HOUR_MS;
    const plan = { service: SERVICES.companion, tasks: [TASKS.companionship, TASKS.errands] };
    const extra: Shift = {
      ...makeShift(ctx, ids.next(), plan, other, { day: original.day, start, end: start + 3 * HOUR_MS }, original.caregiverId),
      status: 'SCHEDULED',
    };
    extra.taskStatuses = extra.tasks.map(() => 'PENDING');
    shifts.push(extra);
    conflicts.push({ caregiverId: original.caregiverId as string, date: formatDay(original.day), appointmentIds: [original.id, extra.id] });
  }
  return conflicts;
}

export function toAppointment(shift: Shift): Appointment {
  return {
    resourceType: 'Appointment',
    id: shift.id,
    ...(shift.caregiverId ? { caregiver: { id: shift.caregiverId } } : {}),
    client: { id: shift.client.id },
    start: formatUtc(shift.start),
    end: formatUtc(shift.end),
    status: shift.status,
    position: { ...shift.position },
    scheduledItems: [{ id: shift.service.id, name: shift.service.name }],
    tasks: shift.tasks.map((task, i) => ({ id: task.id, description: task.description, status: shift.taskStatuses[i] ?? 'PENDING' })),
  };
}
