// Ids that exist, by the path parameter that names them, so most fuzzed
// requests reach a handler rather than stop at a 404: the seed's first few,
// and the newest the fuzz itself created (so it updates, searches and deletes
// what it wrote, hostile fields and all).
import type { Simulator } from '../../../mock-server/core/simulator.ts';

/** The pool a path parameter draws from: `/v1/<segment>/…{param}`. */
function poolOf(path: string, param: string): string {
  if (param === 'patientId') return 'patients';
  if (param === 'appointmentId') return 'appointment';
  if (param === 'carelogId') return 'encounter';
  if (param === 'contactId') return 'relatedperson';
  if (param === 'taskLogId') return 'tasklog';
  if (param === 'taskId') return 'task';
  return path.split('/')[2] ?? '';
}

const NEWEST_KEPT = 6;

export interface KnownIds {
  /** Ids for `(path template, parameter name)`; never empty. */
  (path: string, param: string): string[];
  /** Takes note of what a create answered (its `id`, or a task log's `taskLogId`). */
  remember(path: string, answer: unknown): void;
  /** Back to the seed's ids (after the simulator's reset). */
  reset(): void;
}

export function knownIdsOf(simulator: Simulator): KnownIds {
  const seeded = (): Map<string, string[]> => {
    const store = simulator.state().store;
    const some = (records: readonly { id: string }[]) => [...new Set(records.slice(0, 4).map((r) => r.id))];
    return new Map([
      ['practitioners', some(store.practitioners.all())],
      ['patients', some(store.patients.all())],
      ['appointment', some(store.appointments.all())],
      ['encounter', some(store.encounters.all())],
      ['relatedperson', some(store.relatedPersons.all())],
      ['profileTags', some(store.profileTags.all())],
      ['referralsource', some(store.referralSources.all())],
      ['careplan', some(store.patients.all())],
      ['tasklog', ['88001']],
      ['task', ['1', '2']],
    ]);
  };
  let pools = seeded();
  const known = ((path: string, param: string) => {
    const pool = pools.get(poolOf(path, param));
    return pool?.length ? pool : ['1'];
  }) as KnownIds;
  known.remember = (path, answer) => {
    if (!answer || typeof answer !== 'object') return;
    const { id, taskLogId } = answer as { id?: unknown; taskLogId?: unknown };
    const [name, value] = typeof taskLogId === 'string' ? ['tasklog', taskLogId] : ['', id];
    if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) return;
    const key = name || poolOf(path, 'id');
    const pool = pools.get(key) ?? [];
    pools.set(key, [...pool.filter((v) => v !== value), value].slice(-(NEWEST_KEPT + 4)));
  };
  known.reset = () => {
    pools = seeded();
  };
  return known;
}
