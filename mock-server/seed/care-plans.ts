// What a client's week of care looks like: one or two recurring series, each a
// wall-clock slot on some weekdays. Most clients need a few hours a few days a
// week; some need long days or overnights. A series stays within 40 hours a week
// so one caregiver can cover it.
import { SERVICES, TASKS, type ServiceDef, type TaskDef } from './catalogue.ts';
import type { Random } from './random.ts';

export interface SeriesPlan {
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: readonly number[];
  /** Minutes after local midnight. */
  start: number;
  /** Wall-clock minutes; a 22:00 start with 480 minutes ends at 06:00 the next day. */
  minutes: number;
  service: ServiceDef;
  tasks: TaskDef[];
}

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const WEEKDAYS = [1, 2, 3, 4, 5] as const;

type Template = (rng: Random) => SeriesPlan[];

const TASKS_FOR: Record<string, readonly TaskDef[]> = {
  [SERVICES.companion.id]: [TASKS.companionship, TASKS.meal, TASKS.housekeeping, TASKS.errands, TASKS.walk, TASKS.laundry, TASKS.medication],
  [SERVICES.personal.id]: [TASKS.bathing, TASKS.dressing, TASKS.toileting, TASKS.medication, TASKS.meal, TASKS.hoyer, TASKS.bloodSugar],
  [SERVICES.dementia.id]: [TASKS.companionship, TASKS.medication, TASKS.meal, TASKS.walk, TASKS.bedtime, TASKS.dressing],
  [SERVICES.hospice.id]: [TASKS.reposition, TASKS.toileting, TASKS.companionship, TASKS.medication],
  [SERVICES.overnight.id]: [TASKS.safetyChecks, TASKS.toileting, TASKS.reposition, TASKS.bedtime],
  [SERVICES.respite.id]: [TASKS.companionship, TASKS.meal, TASKS.housekeeping, TASKS.walk],
};

function series(rng: Random, weekdays: readonly number[], start: number, minutes: number, service: ServiceDef): SeriesPlan {
  const pool = TASKS_FOR[service.id] ?? [TASKS.companionship];
  const tasks = rng.sample(pool, rng.int(2, Math.min(4, pool.length))).sort((a, b) => Number(a.id) - Number(b.id));
  return { weekdays, start, minutes, service, tasks };
}

const daytime = (rng: Random) => rng.weighted<ServiceDef>([
  [SERVICES.companion, 5],
  [SERVICES.personal, 4],
  [SERVICES.dementia, 2],
  [SERVICES.respite, 1],
]);

// Weights keep the average near 11 hours a week: with about one active hired
// caregiver per three active clients, that is roughly what the caregivers can cover.
const TEMPLATES: readonly (readonly [Template, number])[] = [
  // Three 4-hour visits a week.
  [(rng) => [series(rng, rng.pick([[1, 3, 5], [2, 4, 6], [1, 2, 4], [2, 4, 5]]), rng.pick([h(8), h(9), h(10), h(12), h(13)]), h(4), daytime(rng))], 22],
  // Two 4-hour visits.
  [(rng) => [series(rng, rng.pick([[2, 5], [1, 4], [3, 6], [1, 3]]), rng.pick([h(9), h(10), h(13), h(14)]), h(4), daytime(rng))], 24],
  // Two 3-hour visits: bathing days.
  [(rng) => [series(rng, rng.pick([[1, 4], [2, 5], [3, 6]]), rng.pick([h(8), h(9), h(10)]), h(3), SERVICES.personal)], 10],
  // Weekday mornings, 3 hours: getting up, bathing, breakfast.
  [(rng) => [series(rng, WEEKDAYS, rng.pick([h(7), h(7, 30), h(8)]), h(3), SERVICES.personal)], 6],
  // 8-hour days.
  [(rng) => [series(rng, rng.pick([[1, 3, 5], [2, 4], [1, 4], [1, 2, 3, 4, 5]]), rng.pick([h(8), h(9)]), h(8), rng.chance(0.4) ? SERVICES.dementia : SERVICES.personal)], 6],
  // 12-hour days.
  [(rng) => [series(rng, rng.pick([[6, 0], [1, 4], [2, 5]]), h(7), h(12), rng.chance(0.4) ? SERVICES.hospice : SERVICES.personal)], 3],
  // Overnights, 22:00–06:00.
  [(rng) => overnights(rng), 5],
  // Morning and evening routines on weekdays, two short series.
  [(rng) => [series(rng, WEEKDAYS, h(7), h(2), SERVICES.personal), series(rng, WEEKDAYS, h(18), h(2), SERVICES.personal)], 3],
  // Weekend respite for the family.
  [(rng) => [series(rng, [6, 0], h(10), h(6), SERVICES.respite)], 6],
  // Once a week.
  [(rng) => [series(rng, [rng.int(1, 6)], rng.pick([h(9), h(13)]), h(4), SERVICES.companion)], 15],
];

function overnights(rng: Random): SeriesPlan[] {
  // Seven nights need two caregivers: two series on disjoint nights.
  if (rng.chance(0.25)) return [series(rng, [0, 1, 2, 3], h(22), h(8), SERVICES.overnight), series(rng, [4, 5, 6], h(22), h(8), SERVICES.overnight)];
  return [series(rng, rng.pick([[1, 3, 5], [5, 6], [0, 2, 4], [1, 2, 3, 4]]), h(22), h(8), SERVICES.overnight)];
}

export function drawCarePlan(rng: Random, options: { overnight?: boolean } = {}): SeriesPlan[] {
  if (options.overnight) return overnights(rng);
  return rng.weighted(TEMPLATES)(rng);
}

/** A one-off visit (an errand, a doctor's appointment, cover for a family event). */
export function oneOffVisit(rng: Random): SeriesPlan {
  return series(rng, [], rng.pick([h(8), h(9), h(10), h(13), h(17)]), rng.pick([h(3), h(4)]), rng.chance(0.5) ? SERVICES.companion : SERVICES.respite);
}
