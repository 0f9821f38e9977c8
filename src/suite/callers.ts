// Who the suite calls as: picked from the warm cache and WellSky's schedule
// before any scenario's trouble starts, so every scenario calls as the same
// people and a failure is the scenario's, not the pick's.
import type { Queryable } from '../cache/database.ts';
import type { Clock } from '../clock.ts';
import { entriesFrom, type WellSkyClient } from '../wellsky/client.ts';
import { compactDate, parseApiInstant } from '../wellsky/dates.ts';

export interface SuiteCaregiver {
  id: string;
  name: string;
  firstName: string;
  e164: string;
}

export interface SuiteCallers {
  /** A current caregiver whose mobile is theirs alone, with a shift in the coming days. */
  withShift?: SuiteCaregiver & { shifts: { appointmentId: string; start: number; end: number }[] };
  why?: string;
  /** A number two current caregivers share (the second added to WellSky by the suite): caller ID must not guess. */
  shared?: { e164: string; ids: string[] };
  /** A client's family contact whose number is theirs alone: the one who calls with a complaint. */
  family?: { id: string; name: string; e164: string; clientId: string };
}

/**
 * Gives `second` (a current caregiver) `holder`'s mobile, through WellSky's API,
 * as happens when one gives a partner's phone: a shared number between two
 * people who both have their own shifts. The next sync brings it into the cache.
 */
const DAY_MS = 86_400_000;
/** Caregivers tried for one with a shift: each is one appointment search. */
const TRIES = 40;

export async function shareNumber(client: WellSkyClient, holder: { e164: string }, second: { id: string }): Promise<void> {
  await client.api.PUT('/v1/practitioners/{id}/', {
    params: { path: { id: second.id } },
    body: { resourceType: 'Practitioner', telecom: [{ system: 'phone', value: holder.e164.replace(/^\+1/, ''), use: 'mobile' }] },
  });
}

export async function pickCallers(db: Queryable, client: WellSkyClient, clock: Clock, timeZone: string): Promise<SuiteCallers> {
  // Two steps rather than a correlated subquery, which pg-mem does not run.
  const { rows: mobiles } = await db.query<{ id: string; display_name: string; first_name: string; e164: string }>(
    "SELECT person_id AS id, display_name, first_name, e164 FROM phone_index WHERE person_kind = 'caregiver' AND phone_use = 'mobile' AND current = true ORDER BY person_id LIMIT 200",
  );
  const { rows: holders } = await db.query<{ e164: string; person_id: string }>('SELECT e164, person_id FROM phone_index');
  const people = new Map<string, Set<string>>();
  for (const h of holders) people.set(h.e164, (people.get(h.e164) ?? new Set()).add(h.person_id));
  const rows = mobiles.filter((m) => people.get(m.e164)?.size === 1).slice(0, TRIES);
  const shared = sharedNumber(holders, mobiles);
  const { rows: contacts } = await db.query<{ id: string; display_name: string; e164: string; client_id: string | null }>(
    "SELECT person_id AS id, display_name, e164, client_id FROM phone_index WHERE person_kind = 'family' ORDER BY person_id LIMIT 200",
  );
  const contact = contacts.find((c) => c.client_id && people.get(c.e164)?.size === 1);
  const family = contact ? { family: { id: contact.id, name: contact.display_name, e164: contact.e164, clientId: contact.client_id! } } : {};
  const now = clock.now();
  for (const row of rows) {
    // From yesterday, as Gigi reads them: an overnight shift may be running.
    const records = entriesFrom<Record<string, unknown>>(await client.api.GET('/v1/appointment/', { params: { query: { caregiverId: row.id, startDate: compactDate(now - DAY_MS, timeZone), additionalDays: 6, _count: 100 } } }));
    const shifts = records
      .map((s) => ({ appointmentId: String(s.id), start: parseApiInstant(String(s.start)), end: parseApiInstant(String(s.end)), status: String(s.status ?? '') }))
      .filter((s): s is { appointmentId: string; start: number; end: number; status: string } => s.start !== undefined && s.end !== undefined && !/cancel/i.test(s.status))
      .map(({ appointmentId, start, end }) => ({ appointmentId, start, end }))
      .sort((a, b) => a.start - b.start);
    // At least an hour left of one, so the shift is still open while the suite runs.
    if (shifts.some((s) => s.end > now + DAY_MS / 24)) return { withShift: { id: row.id, name: row.display_name, firstName: row.first_name, e164: row.e164, shifts }, ...(shared ? { shared } : {}), ...family };
  }
  return { why: `none of the first ${rows.length} current caregivers with a mobile of their own has a shift in the next 7 days`, ...(shared ? { shared } : {}), ...family };
}

/** A mobile held by two or more current caregivers, if the cache has one. */
function sharedNumber(holders: { e164: string; person_id: string }[], mobiles: { id: string; e164: string }[]): SuiteCallers['shared'] {
  const caregivers = new Set(mobiles.map((m) => m.id));
  for (const m of mobiles) {
    const ids = [...new Set(holders.filter((h) => h.e164 === m.e164 && caregivers.has(h.person_id)).map((h) => h.person_id))];
    if (ids.length > 1) return { e164: m.e164, ids: ids.sort() };
  }
  return undefined;
}
