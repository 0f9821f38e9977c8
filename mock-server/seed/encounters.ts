// Care logs: every completed visit was clocked in and out a few minutes off the
// schedule; a few of today's visits are clocked in and still running.
import { MINUTE_MS, formatUtc, type ZoneClock } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { FIRST_ID, IdSequence } from './ids.ts';
import { round4 } from './places.ts';
import type { Shift, TaskStatus } from './schedule.ts';
import type { Encounter, Position } from './types.ts';

export function generateEncounters(ctx: SeedContext, clock: ZoneClock, shifts: readonly Shift[]): Encounter[] {
  const { rng } = ctx;
  const ids = new IdSequence(FIRST_ID.encounter);

  // "Now" is unknown, so the running visits are among today's morning shifts.
  const today = shifts.filter((s) => s.day === ctx.today && s.caregiverId && s.status === 'SCHEDULED');
  const morning = today.filter((s) => clock.toWall(s.start).minute < 12 * 60);
  const pool = morning.length > 0 ? morning : today;
  const running = new Set(rng.sample(pool, pool.length === 0 ? 0 : Math.max(1, Math.round(today.length * 0.15))));

  const encounters: Encounter[] = [];
  for (const shift of shifts) {
    const caregiverId = shift.caregiverId;
    if (!caregiverId) continue;
    if (shift.status === 'COMPLETED') {
      const start = shift.start + rng.int(-10 * 60, 12 * 60) * 1000;
      const end = Math.max(start + 30 * MINUTE_MS, shift.end + rng.int(-5 * 60, 15 * 60) * 1000);
      encounters.push(careLog(ctx, ids, shift, caregiverId, { start: formatUtc(start), end: formatUtc(end) }, (i) => shift.taskStatuses[i] ?? 'COMPLETE'));
    } else if (running.has(shift)) {
      const start = shift.start + rng.int(-8 * 60, 10 * 60) * 1000;
      encounters.push(careLog(ctx, ids, shift, caregiverId, { start: formatUtc(start) }, (i) => (i === 0 && rng.chance(0.5) ? 'COMPLETE' : 'PENDING')));
    }
  }
  return encounters;
}

/** One care log for a shift: finished when the period has an end, still running otherwise. */
function careLog(
  ctx: SeedContext,
  ids: IdSequence,
  shift: Shift,
  caregiverId: string,
  period: { start: string; end?: string },
  taskStatus: (index: number) => TaskStatus,
): Encounter {
  const finished = period.end !== undefined;
  return {
    resourceType: 'Encounter',
    id: ids.next(),
    appointmentId: shift.id,
    caregiver: { id: caregiverId },
    client: { id: shift.client.id },
    period,
    status: finished ? 'COMPLETE' : 'IN_PROGRESS',
    clockedOut: finished,
    position: nearby(ctx, shift.position),
    tasks: shift.tasks.map((task, i) => ({ id: task.id, description: task.description, status: taskStatus(i) })),
  };
}

/** A phone's GPS fix at the client's door: within a few tens of metres. */
function nearby(ctx: SeedContext, position: Required<Position>): Required<Position> {
  return {
    latitude: round4(position.latitude + (ctx.rng.next() - 0.5) * 0.0008),
    longitude: round4(position.longitude + (ctx.rng.next() - 0.5) * 0.0008),
  };
}
