// Which subscription criteria a write to the store fires. WellSky's reference
// names only three criteria (`patient.created`, `practitioner.telecom.changed`,
// `encounter.clockout.changed`); the rest of this small set follows the same
// `resource.event` / `resource.field.changed` pattern. Criteria outside it are
// stored (the spec allows any matching the pattern) but never fire.
import type { ResourceRecord, StoreChange } from './store.ts';

export interface Criterion {
  name: string;
  /** When it fires, in words (for /__admin/deliveries and the README). */
  description: string;
  collection: 'patients' | 'practitioners' | 'encounters';
  fires(before: ResourceRecord | undefined, after: ResourceRecord): boolean;
}

const RESOURCE_TYPE = { patients: 'Patient', practitioners: 'Practitioner', encounters: 'Encounter' } as const;

/** JSON with keys sorted, so a PUT that resends the same data in another key order is no change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The record less `meta.lastUpdated`, which every PUT moves even when nothing else changes. */
function content(record: ResourceRecord): unknown {
  const meta = record.meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object') return record;
  const { lastUpdated: _moved, ...rest } = meta;
  return { ...record, meta: rest };
}

const period = (record: ResourceRecord | undefined) => (record?.period ?? {}) as { start?: unknown; end?: unknown };

function personCriteria(collection: 'patients' | 'practitioners'): Criterion[] {
  const noun = RESOURCE_TYPE[collection].toLowerCase();
  return [
    { name: `${noun}.created`, collection, description: `a ${noun} is created (POST ${collection}/)`, fires: (before) => before === undefined },
    {
      name: `${noun}.changed`,
      collection,
      description: `a PUT ${collection}/{id}/ changes anything but meta.lastUpdated`,
      fires: (before, after) => before !== undefined && !same(content(before), content(after)),
    },
    {
      name: `${noun}.telecom.changed`,
      collection,
      description: `a PUT ${collection}/{id}/ changes telecom (a phone or an email)`,
      fires: (before, after) => before !== undefined && !same(before.telecom, after.telecom),
    },
  ];
}

export const CRITERIA: readonly Criterion[] = [
  ...personCriteria('patients'),
  ...personCriteria('practitioners'),
  {
    name: 'encounter.clockin.changed',
    collection: 'encounters',
    description: "a care log's period.start is set or moves (clock-in opens one; a POST or PUT encounter/ that sets the start)",
    fires: (before, after) => period(after).start !== undefined && !same(period(before).start, period(after).start),
  },
  {
    name: 'encounter.clockout.changed',
    collection: 'encounters',
    description: 'a care log becomes clocked out (clock-out, the first time; a care log created or updated with clockedOut true), or a clocked-out one\'s period.end moves',
    fires: (before, after) => after.clockedOut === true && (before?.clockedOut !== true || !same(period(before).end, period(after).end)),
  },
];

export const CRITERIA_NAMES: readonly string[] = CRITERIA.map((c) => c.name);

export interface Notification {
  criteria: string[];
  /** The callback body: only which resource changed. */
  body: { resourceType: string; id: string };
}

/** What a store write fires, or undefined when it fires nothing (deletes, other collections). */
export function notificationFor(change: StoreChange): Notification | undefined {
  const { collection, before, after } = change;
  if (!after || !(collection in RESOURCE_TYPE)) return undefined;
  const criteria = CRITERIA.filter((c) => c.collection === collection && c.fires(before, after)).map((c) => c.name);
  if (!criteria.length) return undefined;
  return { criteria, body: { resourceType: RESOURCE_TYPE[collection as keyof typeof RESOURCE_TYPE], id: after.id } };
}
