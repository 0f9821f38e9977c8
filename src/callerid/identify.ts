// Who is calling. In order: the configured known contacts (the owner, the
// on-call manager); the cache's phone index (one index probe); on a miss,
// WellSky itself — patients, practitioners and contacts by each phone field,
// in parallel — within a budget. A slow or failing WellSky never pushes the
// answer past the budget: it answers "unknown" and says why. A number held by
// several people is ambiguous and the answer names them all.
import type { Clock } from '../clock.ts';
import type { KnownContact } from '../config.ts';
import type { Queryable } from '../cache/database.ts';
import { lookupPhone, type PhoneMatch } from '../cache/people-cache.ts';
import { caregiverRow, clientRow, displayName, familyRow } from '../cache/people.ts';
import { entriesFrom, type WellSkyClient } from '../wellsky/client.ts';
import { parsePhone, searchDigits, type Phone } from '../wellsky/phone.ts';
import type { CallerAnswer, CallerMatch, IdentifyCaller, IdentifyOptions, Person } from './answer.ts';
import { shiftSummary } from './shift-summary.ts';

export interface CallerIdOptions {
  /** The cache (may be down: then WellSky is asked). */
  db: Queryable;
  /** WellSky, for a cache miss; without it a miss is "unknown". */
  client?: WellSkyClient;
  knownContacts: readonly KnownContact[];
  /** The most the answer may take, cache and WellSky together. */
  budgetMs: number;
  /** How long a caregiver's answer may wait for their shift from WellSky (inside the budget); 0 or unset: not asked. */
  shiftWaitMs?: number;
  clock: Clock;
  timeZone: string;
}

type Json = Record<string, unknown>;

class BudgetSpent extends Error {}

/** `work`, or BudgetSpent when the clock reaches `deadline` first. The work goes on unobserved; its failure is ignored. */
function withinDeadline<T>(clock: Clock, deadline: number, work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const cancel = clock.timer(Math.max(0, deadline - clock.now()), () => reject(new BudgetSpent()));
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error) => {
        cancel();
        reject(error);
      },
    );
  });
}

function personOf(match: PhoneMatch): Person {
  return {
    kind: match.kind,
    id: match.personId,
    name: match.displayName,
    firstName: match.firstName,
    ...(match.clientId ? { clientOf: { id: match.clientId, name: match.clientName ?? `client ${match.clientId}` } } : {}),
    ...(match.relationship ? { relationship: match.relationship } : {}),
    ...(match.current ? {} : { inactive: true as const }),
  };
}

/**
 * One person per (kind, id), whatever number of fields held the number. When
 * the number is on current and non-current records (an applicant who never
 * started, a caregiver who left), the current ones are who is calling.
 */
function matchOf(people: Person[]): CallerMatch {
  const all = [...new Map(people.map((p) => [`${p.kind}:${p.id}`, p])).values()];
  const current = all.filter((p) => !p.inactive);
  const unique = current.length > 0 ? current : all;
  if (unique.length === 0) return { kind: 'unknown', reason: 'no caregiver, client or family contact has this number' };
  if (unique.length === 1) return { kind: unique[0]!.kind, person: unique[0]! };
  return { kind: 'ambiguous', people: unique };
}

export function createCallerId(options: CallerIdOptions): IdentifyCaller {
  const { clock } = options;
  const known = new Map(options.knownContacts.map((c) => [c.e164, c]));

  return async function identifyCaller(reported: string, timing: IdentifyOptions = {}): Promise<CallerAnswer> {
    // The budget runs from when the caller started waiting (the webhook's arrival), not from here.
    const started = Math.min(timing.startedAt ?? clock.now(), clock.now());
    const deadline = started + options.budgetMs;
    const finish = (answer: Omit<CallerAnswer, 'tookMs' | 'number'>, phone?: Phone): CallerAnswer => ({
      number: { reported, ...(phone ? { e164: phone.e164, ...(phone.extension ? { extension: phone.extension } : {}) } : {}) },
      ...answer,
      tookMs: clock.now() - started,
    });

    const phone = parsePhone(reported);
    if (!phone) return finish({ source: 'none', match: { kind: 'unknown', reason: 'the number could not be read as a North American phone number (withheld, international or malformed)' } });

    const contact = known.get(phone.e164);
    if (contact) {
      return finish({ source: 'known-contact', match: { kind: 'known-contact', name: contact.name, firstName: contact.name.split(/\s+/)[0]!, role: contact.role } }, phone);
    }

    const notes: string[] = [];
    try {
      const rows = await withinDeadline(clock, deadline, lookupPhone(options.db, phone.e164));
      if (rows.length > 0) {
        const match = matchOf(rows.map(personOf));
        const oldest = Math.min(...rows.map((r) => r.syncedAt));
        const shift = await summaryFor(match, deadline);
        return finish({ source: 'cache', match, cacheAgeSeconds: Math.max(0, Math.floor((clock.now() - oldest) / 1000)), ...(shift ? { shiftSummary: shift } : {}) }, phone);
      }
    } catch (error) {
      if (error instanceof BudgetSpent) return finish({ source: 'none', match: { kind: 'unknown', reason: 'lookup timed out' }, note: `the cache did not answer within ${options.budgetMs} ms` }, phone);
      // The database's own words stay out of the answer (it goes into the call's record); the kind of trouble is enough.
      notes.push(`the cache could not be read (${(error as { code?: string }).code ?? 'database error'}); WellSky was asked`);
    }

    if (!options.client) {
      return finish({ source: 'none', match: { kind: 'unknown', reason: 'not in the cache' }, ...(notes.length ? { note: notes.join('; ') } : {}) }, phone);
    }
    try {
      const people = await withinDeadline(clock, deadline, askWellSky(options.client, options.db, phone));
      const match = matchOf(people);
      const shift = await summaryFor(match, deadline);
      return finish({ source: match.kind === 'unknown' ? 'none' : 'api', match, ...(shift ? { shiftSummary: shift } : {}), ...(notes.length ? { note: notes.join('; ') } : {}) }, phone);
    } catch (error) {
      const why = error instanceof BudgetSpent ? `WellSky did not answer within the ${options.budgetMs} ms budget` : `WellSky could not be asked (${errorKind(error)})`;
      return finish({ source: 'none', match: { kind: 'unknown', reason: error instanceof BudgetSpent ? 'lookup timed out' : 'lookup failed' }, note: [...notes, why].join('; ') }, phone);
    }
  };

  /** A caregiver's shift now or next, if WellSky says so before the deadline; otherwise nothing (the greeting does not wait for it). */
  async function summaryFor(match: CallerMatch, deadline: number): Promise<string | undefined> {
    const wait = options.shiftWaitMs ?? 0;
    if (match.kind !== 'caregiver' || !options.client || wait <= 0) return undefined;
    try {
      return await withinDeadline(clock, Math.min(deadline, clock.now() + wait), shiftSummary(options.client, options.db, match.person.id, clock.now(), options.timeZone));
    } catch {
      return undefined;
    }
  }
}

function errorKind(error: unknown): string {
  return (error as { kind?: string }).kind ?? (error as Error).message?.split('\n')[0] ?? String(error);
}

/** Every search that can find a number, at once; a search that fails is one less place to look, unless all fail. */
async function askWellSky(client: WellSkyClient, db: Queryable, phone: Phone): Promise<Person[]> {
  const digits = searchDigits(phone);
  const fields = ['mobile_phone', 'home_phone', 'work_phone'] as const;
  const searches: Promise<Person[]>[] = [
    ...fields.map(async (field) =>
      entriesFrom<Json>(await client.api.GET('/v1/practitioners/', { params: { query: { [field]: digits, _count: 10 } } })).map((r) => fromRecord('caregiver', r)),
    ),
    ...fields.map(async (field) =>
      entriesFrom<Json>(await client.api.GET('/v1/patients/', { params: { query: { [field]: digits, _count: 10 } } })).map((r) => fromRecord('client', r)),
    ),
    (async () => {
      const contacts = entriesFrom<Json>(await client.api.POST('/v1/relatedperson/_search/', { body: { phone: digits } }));
      return Promise.all(contacts.map((r) => familyPerson(db, r)));
    })(),
  ];
  const settled = await Promise.allSettled(searches);
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length === settled.length) throw failed[0]!.reason;
  // WellSky's phone search matches its own way; keep only records that really hold this number.
  return settled
    .flatMap((s) => (s.status === 'fulfilled' ? s.value : []))
    .filter((p) => (p as Person & { numbers: string[] }).numbers.includes(phone.e164))
    .map(({ numbers: _numbers, ...person }: Person & { numbers?: string[] }) => person);
}

function fromRecord(kind: 'caregiver' | 'client', record: Json): Person & { numbers: string[] } {
  const row = kind === 'caregiver' ? caregiverRow(record) : clientRow(record);
  const current = kind === 'caregiver' ? row.active && (row as ReturnType<typeof caregiverRow>).isHired : row.active;
  return { kind, id: row.id, name: displayName(row), firstName: row.firstName, ...(current ? {} : { inactive: true as const }), numbers: row.phones.flatMap((p) => (p.e164 ? [p.e164] : [])) };
}

async function familyPerson(db: Queryable, record: Json): Promise<Person & { numbers: string[] }> {
  const row = familyRow(record);
  let clientName = `client ${row.clientId}`;
  try {
    const { rows } = await db.query<{ first_name: string; last_name: string }>('SELECT first_name, last_name FROM clients WHERE id = $1', [row.clientId]);
    if (rows[0]) clientName = displayName({ firstName: rows[0].first_name, lastName: rows[0].last_name });
  } catch {
    // The cache is down: the client's id still says whose contact this is.
  }
  return {
    kind: 'family',
    id: row.id,
    name: displayName(row),
    firstName: row.firstName,
    clientOf: { id: row.clientId, name: clientName },
    ...(row.relationship ? { relationship: row.relationship } : {}),
    numbers: row.phones.flatMap((p) => (p.e164 ? [p.e164] : [])),
  };
}
