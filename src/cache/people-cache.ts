// The cache's reads and writes. Writers take a transaction (a sync run, one
// notification's refresh); caller ID reads the phone index by one number.
import type { Database, Queryable } from './database.ts';
import { displayName, indexRows, type CaregiverRow, type ClientRow, type FamilyRow, type PersonKind, type PhoneIndexRow, type Profile } from './people.ts';

export interface People {
  caregivers: CaregiverRow[];
  clients: ClientRow[];
  /** Family contacts; on an update, those of the clients in `clients` replace what was held for them. */
  family: FamilyRow[];
}

export interface PhoneMatch extends PhoneIndexRow {
  /** When this row was written, epoch ms. */
  syncedAt: number;
}

// Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table.
const BATCH = 500;

const JSON_COLUMNS = new Set(['phones', 'languages', 'tags']);

async function insertMany(tx: Queryable, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (tx.insertObjects) {
    // pg-mem: objects straight in, with the types the columns hold.
    const value = (column: string, v: unknown) => (v !== null && JSON_COLUMNS.has(column) ? JSON.parse(String(v)) : column === 'synced_at' ? new Date(String(v)) : v);
    tx.insertObjects(table, rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, value(c, row[i])]))));
    return;
  }
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

/**
 * `IN ($2, $3, …)` for a list, with its values after `first` parameters. Not
 * `= ANY($1)`: pg-mem accepts that and silently matches nothing.
 */
function inList(values: string[], first = 0): string {
  return `IN (${values.map((_, i) => `$${first + i + 1}`).join(', ')})`;
}

/** Runs `run` over `values` in slices, so no statement carries too many parameters. */
async function inSlices(values: string[], run: (slice: string[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < values.length; start += BATCH) await run(values.slice(start, start + BATCH));
}

const stamp = (now: number) => new Date(now).toISOString();
const json = (value: unknown) => JSON.stringify(value);

function profileValues(p: Profile): unknown[] {
  return [p.gender ?? null, p.locationId ?? null, json(p.languages), json(p.tags), p.hasAddress];
}
const PROFILE_COLUMNS = ['gender', 'location_id', 'languages', 'tags', 'has_address'];

function caregiverValues(c: CaregiverRow, at: string): unknown[] {
  return [c.id, c.firstName, c.lastName, c.active, c.isHired, c.status ?? null, json(c.phones), c.email ?? null, c.city ?? null, c.updatedAt ?? null, at, ...profileValues(c)];
}
const CAREGIVER_COLUMNS = ['id', 'first_name', 'last_name', 'active', 'is_hired', 'status', 'phones', 'email', 'city', 'updated_at', 'synced_at', ...PROFILE_COLUMNS];

function clientValues(c: ClientRow, at: string): unknown[] {
  return [c.id, c.firstName, c.lastName, c.active, c.isClient, c.status ?? null, json(c.phones), c.email ?? null, c.city ?? null, c.updatedAt ?? null, at, ...profileValues(c)];
}
const CLIENT_COLUMNS = ['id', 'first_name', 'last_name', 'active', 'is_client', 'status', 'phones', 'email', 'city', 'updated_at', 'synced_at', ...PROFILE_COLUMNS];

function familyValues(f: FamilyRow, at: string): unknown[] {
  return [f.id, f.clientId, f.firstName, f.lastName, f.relationship ?? null, f.emergencyContact, json(f.phones), f.email ?? null, at];
}
const FAMILY_COLUMNS = ['id', 'client_id', 'first_name', 'last_name', 'relationship', 'emergency_contact', 'phones', 'email', 'synced_at'];

function indexValues(r: PhoneIndexRow, at: string): unknown[] {
  return [r.e164, r.kind, r.personId, r.use, r.displayName, r.firstName, r.clientId ?? null, r.clientName ?? null, r.relationship ?? null, r.current, at];
}
const INDEX_COLUMNS = ['e164', 'person_kind', 'person_id', 'phone_use', 'display_name', 'first_name', 'client_id', 'client_name', 'relationship', 'current', 'synced_at'];

function phoneRows(people: People, clientNames: Map<string, string>): PhoneIndexRow[] {
  return [
    ...people.caregivers.flatMap((c) => indexRows('caregiver', c)),
    ...people.clients.flatMap((c) => indexRows('client', c)),
    ...people.family.flatMap((f) => indexRows('family', f, clientNames.get(f.clientId))),
  ];
}

/**
 * People written after `since` (by a notification's refresh while a sync was
 * reading): fresher than what the sync read, so the sync leaves them alone.
 */
async function writtenSince(tx: Queryable, since: number): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (const [kind, table] of Object.entries(TABLE)) {
    const { rows } = await tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE synced_at > $1`, [stamp(since)]);
    for (const r of rows) fresh.add(`${kind}:${r.id}`);
  }
  return fresh;
}

/** `people` less those written since `since`; a fresher client's contacts came with it, so theirs go too. */
function olderOnly(people: People, fresh: Set<string>): People {
  if (fresh.size === 0) return people;
  return {
    caregivers: people.caregivers.filter((c) => !fresh.has(`caregiver:${c.id}`)),
    clients: people.clients.filter((c) => !fresh.has(`client:${c.id}`)),
    family: people.family.filter((f) => !fresh.has(`family:${f.id}`) && !fresh.has(`client:${f.clientId}`)),
  };
}

/**
 * Everything replaced by `people`: a full sync's write. Rows written after
 * `readStartedAt` (a notification's refresh during the sync's read) are newer
 * than what was read, and stay.
 */
export async function replaceAll(tx: Queryable, people: People, now: number, readStartedAt = now): Promise<void> {
  const at = stamp(now);
  const fresh = await writtenSince(tx, readStartedAt);
  people = olderOnly(people, fresh);
  for (const table of ['phone_index', 'related_persons', 'clients', 'caregivers']) await tx.query(`DELETE FROM ${table} WHERE synced_at <= $1`, [stamp(readStartedAt)]);
  const clientNames = new Map(people.clients.map((c) => [c.id, displayName(c)]));
  await insertMany(tx, 'caregivers', CAREGIVER_COLUMNS, people.caregivers.map((c) => caregiverValues(c, at)));
  await insertMany(tx, 'clients', CLIENT_COLUMNS, people.clients.map((c) => clientValues(c, at)));
  await insertMany(tx, 'related_persons', FAMILY_COLUMNS, people.family.map((f) => familyValues(f, at)));
  await insertMany(tx, 'phone_index', INDEX_COLUMNS, phoneRows(people, clientNames).map((r) => indexValues(r, at)));
}

/**
 * These people replace what was held for them: an incremental sync's or a
 * notification's write. A client's family contacts are replaced with the
 * client (they were read together).
 */
export async function upsertPeople(tx: Queryable, people: People, now: number, readStartedAt = now): Promise<void> {
  const at = stamp(now);
  if (readStartedAt < now) people = olderOnly(people, await writtenSince(tx, readStartedAt));
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const clientIds = ids(people.clients);
  const familyOfClients = [...new Set([...clientIds, ...people.family.map((f) => f.clientId)])];
  if (people.caregivers.length) await removePeople(tx, 'caregiver', ids(people.caregivers));
  if (clientIds.length) await removePeople(tx, 'client', clientIds);
  if (familyOfClients.length) {
    const contacts: string[] = [];
    await inSlices(familyOfClients, async (slice) => {
      const { rows } = await tx.query<{ id: string }>(`SELECT id FROM related_persons WHERE client_id ${inList(slice)}`, slice);
      contacts.push(...rows.map((r) => r.id));
    });
    await removePeople(tx, 'family', contacts);
  }
  // A contact listed again under another client moves: its old row goes first.
  if (people.family.length) await removePeople(tx, 'family', ids(people.family));
  const clientNames = new Map(people.clients.map((c) => [c.id, displayName(c)]));
  const missing = familyOfClients.filter((id) => !clientNames.has(id));
  if (missing.length) {
    await inSlices(missing, async (slice) => {
      const { rows } = await tx.query<{ id: string; first_name: string; last_name: string }>(`SELECT id, first_name, last_name FROM clients WHERE id ${inList(slice)}`, slice);
      for (const r of rows) clientNames.set(r.id, displayName({ firstName: r.first_name, lastName: r.last_name }));
    });
  }
  await insertMany(tx, 'caregivers', CAREGIVER_COLUMNS, people.caregivers.map((c) => caregiverValues(c, at)));
  await insertMany(tx, 'clients', CLIENT_COLUMNS, people.clients.map((c) => clientValues(c, at)));
  await insertMany(tx, 'related_persons', FAMILY_COLUMNS, people.family.map((f) => familyValues(f, at)));
  await insertMany(tx, 'phone_index', INDEX_COLUMNS, phoneRows(people, clientNames).map((r) => indexValues(r, at)));
}

const TABLE: Record<PersonKind, string> = { caregiver: 'caregivers', client: 'clients', family: 'related_persons' };

/** Removes people and their index rows (a record WellSky no longer has). */
export async function removePeople(tx: Queryable, kind: PersonKind, ids: string[]): Promise<void> {
  await inSlices(ids, async (slice) => {
    await tx.query(`DELETE FROM phone_index WHERE person_kind = $1 AND person_id ${inList(slice, 1)}`, [kind, ...slice]);
    await tx.query(`DELETE FROM ${TABLE[kind]} WHERE id ${inList(slice)}`, slice);
  });
}

interface IndexDbRow {
  e164: string;
  person_kind: PersonKind;
  person_id: string;
  phone_use: string;
  display_name: string;
  first_name: string;
  client_id: string | null;
  client_name: string | null;
  relationship: string | null;
  current: boolean;
  synced_at: Date | string;
}

/** Who holds this number, by the cache: one row per person and field. */
export async function lookupPhone(db: Queryable, e164: string): Promise<PhoneMatch[]> {
  const { rows } = await db.query<IndexDbRow & Record<string, unknown>>(
    `SELECT ${INDEX_COLUMNS.join(', ')} FROM phone_index WHERE e164 = $1`,
    [e164],
  );
  return rows.map((r) => ({
    e164: r.e164,
    kind: r.person_kind,
    personId: r.person_id,
    use: r.phone_use,
    displayName: r.display_name,
    firstName: r.first_name,
    current: r.current !== false,
    ...(r.client_id ? { clientId: r.client_id } : {}),
    ...(r.client_name ? { clientName: r.client_name } : {}),
    ...(r.relationship ? { relationship: r.relationship } : {}),
    syncedAt: new Date(r.synced_at).getTime(),
  }));
}

/** How many of each are held: for the CLI and tests. */
export async function countPeople(db: Database | Queryable): Promise<Record<'caregivers' | 'clients' | 'family' | 'phoneNumbers', number>> {
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0);
  return {
    caregivers: await count('SELECT count(*) AS n FROM caregivers'),
    clients: await count('SELECT count(*) AS n FROM clients'),
    family: await count('SELECT count(*) AS n FROM related_persons'),
    phoneNumbers: await count('SELECT count(DISTINCT e164) AS n FROM phone_index'),
  };
}
