// `gigi-harness sync`: WellSky's caregivers, clients and family contacts into
// the cache. Full reads everything; incremental reads what changed since the
// last good run started (with a few minutes' overlap: writes are idempotent),
// and is full when there was none. Everything is read first, then written in
// one transaction, so a run that fails at any page leaves the cache exactly as
// it was, and the sync log says why. Two runs never interleave: the second is
// refused with the reason, and the log says so too.
import type { Clock } from '../clock.ts';
import type { Database } from '../cache/database.ts';
import { caregiverRow, clientRow, familyRow, type FamilyRow } from '../cache/people.ts';
import { countPeople, replaceAll, upsertPeople, type People } from '../cache/people-cache.ts';
import { lastSuccessfulRun, logFinish, logStart, type SyncMode } from '../cache/sync-log.ts';
import type { WellSkyClient } from '../wellsky/client.ts';
import { WellSkyError } from '../wellsky/failures.ts';
import { PagingError } from '../wellsky/paging.ts';
import { readAllContacts, readFamily, readPeople, type PeopleQuery } from './read-people.ts';

/** How far before the last run's start an incremental run looks: clocks differ, and a record saved mid-run must not be missed. */
export const OVERLAP_MS = 5 * 60_000;

export interface SyncProgress {
  stage: 'caregivers' | 'clients' | 'family' | 'writing';
  /** Records (or, for family, clients) read so far in this stage. */
  done: number;
  /** Known only for the family stage: how many clients there are to read. */
  total?: number;
}

export interface SyncOptions {
  client: WellSkyClient;
  db: Database;
  clock: Clock;
  /** Read everything even when an incremental run would do. */
  full?: boolean;
  onProgress?: (progress: SyncProgress) => void;
  /** Records per page (default 100). */
  pageSize?: number;
  /** Let a full run replace the cache with far fewer people than it holds (see SHRINK_LIMIT). */
  allowShrink?: boolean;
}

/**
 * A full run that reads under half the caregivers or clients the cache holds is
 * not written: live WellSky has answered empty Bundles and partial lists for
 * hours, and committing one would make every caller a stranger. `--allow-shrink`
 * writes it anyway.
 */
export const SHRINK_LIMIT = 0.5;
const SHRINK_FLOOR = 20;

class ShrinkRefused extends Error {}

export interface SyncResult {
  outcome: 'ok' | 'failed' | 'skipped';
  mode: SyncMode;
  /** The `updated` filter an incremental run sent. */
  since?: string;
  /** What was read; `skipped`: records that could not be held (no id, a contact without a client). */
  counts: { caregivers: number; clients: number; family: number; skipped: number };
  /** Why it failed or did not run. */
  detail?: string;
  failureKind?: string;
  error?: unknown;
  tookMs: number;
  logId?: number;
}

/** `gt2026-11-27T12:00:00`: the API's date filter, in UTC as it answers. */
export function updatedSince(ms: number): string {
  return `gt${new Date(ms).toISOString().slice(0, 19)}`;
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { client, db, clock } = options;
  const started = clock.now();
  const counts = { caregivers: 0, clients: 0, family: 0, skipped: 0 };
  const release = await db.tryLock('sync');
  if (!release) {
    const detail = 'another sync is running on this cache; this one did not start (run it again when that one ends)';
    const id = await logStart(db, { mode: options.full ? 'full' : 'incremental', startedAt: started });
    await logFinish(db, id, { outcome: 'skipped', finishedAt: clock.now(), detail });
    return { outcome: 'skipped', mode: options.full ? 'full' : 'incremental', counts, detail, tookMs: clock.now() - started, logId: id };
  }
  try {
    const last = options.full ? undefined : await lastSuccessfulRun(db);
    const mode: SyncMode = last ? 'incremental' : 'full';
    const since = last ? updatedSince(last.startedAt - OVERLAP_MS) : undefined;
    const logId = await logStart(db, { mode, startedAt: started, ...(since ? { since } : {}) });
    try {
      const skipped = { count: 0 };
      const people = await readAll(client, { ...(since ? { updated: since } : {}), ...(options.pageSize ? { pageSize: options.pageSize } : {}) }, skipped, options.onProgress);
      counts.caregivers = people.caregivers.length;
      counts.clients = people.clients.length;
      counts.family = people.family.length;
      counts.skipped = skipped.count;
      if (mode === 'full' && !options.allowShrink) {
        const held = await countPeople(db);
        for (const [what, before, now] of [['caregivers', held.caregivers, counts.caregivers], ['clients', held.clients, counts.clients]] as const) {
          if (before >= SHRINK_FLOOR && now < before * SHRINK_LIMIT) {
            throw new ShrinkRefused(`WellSky listed ${now} ${what} where the cache holds ${before}: a short or empty answer is more likely than ${Math.round((1 - now / before) * 100)}% of them gone, so the cache was not replaced (run sync --full --allow-shrink if they really are gone)`);
          }
        }
      }
      options.onProgress?.({ stage: 'writing', done: 0 });
      const now = clock.now();
      await db.transaction((tx) => (mode === 'full' ? replaceAll(tx, people, now, started) : upsertPeople(tx, people, now, started)));
      await logFinish(db, logId, { outcome: 'ok', finishedAt: clock.now(), counts });
      return { outcome: 'ok', mode, ...(since ? { since } : {}), counts, tookMs: clock.now() - started, logId };
    } catch (error) {
      const failureKind = error instanceof WellSkyError ? error.kind : error instanceof PagingError ? 'paging' : error instanceof ShrinkRefused ? 'suspicious-shrink' : 'internal';
      const detail = error instanceof Error ? error.message : String(error);
      await logFinish(db, logId, { outcome: 'failed', finishedAt: clock.now(), failureKind, detail });
      return { outcome: 'failed', mode, ...(since ? { since } : {}), counts, failureKind, detail, error, tookMs: clock.now() - started, logId };
    }
  } finally {
    await release();
  }
}

/**
 * The records that can be held; one without an id (or a contact without its
 * client) is counted and left out rather than failing the whole run.
 */
function usable<T>(records: Record<string, unknown>[], row: (r: Record<string, unknown>) => T, skipped: { count: number }): T[] {
  return records.flatMap((r) => {
    try {
      return [row(r)];
    } catch {
      skipped.count++;
      return [];
    }
  });
}

async function readAll(client: WellSkyClient, query: PeopleQuery, skipped: { count: number }, onProgress?: (p: SyncProgress) => void): Promise<People> {
  let read = 0;
  const caregivers = usable(await readPeople(client, '/v1/practitioners/', query, (n) => onProgress?.({ stage: 'caregivers', done: (read += n) })), caregiverRow, skipped);
  read = 0;
  const clients = usable(await readPeople(client, '/v1/patients/', query, (n) => onProgress?.({ stage: 'clients', done: (read += n) })), clientRow, skipped);
  let done = 0;
  let rows: FamilyRow[];
  if (query.updated === undefined) {
    // Everyone's contacts in pages; a server without the search is asked client by client.
    try {
      rows = usable(await readAllContacts(client, query.pageSize, (n) => onProgress?.({ stage: 'family', done: (done += n) })), (r) => familyRow(r), skipped);
    } catch (error) {
      if (!(error instanceof WellSkyError && CONTACT_SEARCH_MISSING.has(error.kind))) throw error;
      rows = await familyByClient(client, clients.map((c) => c.id), onProgress);
    }
  } else {
    // Only the changed clients' contacts: they are replaced with the client.
    rows = await familyByClient(client, clients.map((c) => c.id), onProgress);
  }
  const clientIds = new Set(clients.map((c) => c.id));
  // A contact listed under two clients is held once; a full run keeps only contacts of clients it read.
  const family = [...new Map(rows.filter((f) => query.updated !== undefined || clientIds.has(f.clientId)).map((f) => [f.id, f])).values()];
  return { caregivers, clients, family };
}

/** What a server that lacks the contact search answers it with. */
const CONTACT_SEARCH_MISSING = new Set(['unknown-route', 'not-provisioned', 'validation', 'not-found']);

async function familyByClient(client: WellSkyClient, clientIds: string[], onProgress?: (p: SyncProgress) => void): Promise<FamilyRow[]> {
  let done = 0;
  const contacts = await readFamily(client, clientIds, () => onProgress?.({ stage: 'family', done: ++done, total: clientIds.length }));
  return [...contacts].flatMap(([clientId, records]) => usable(records, (r) => familyRow(r, clientId), { count: 0 }));
}
