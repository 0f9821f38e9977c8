// The cache's backends for tests: pg-mem always; the real PostgreSQL named by
// DATABASE_URL (CI sets it, and there a missing server fails the run); a
// testcontainers PostgreSQL when a Docker engine answers (when none does, the
// run says so once and leaves that backend out). Each opened database on a
// shared server gets its own schema, dropped at close, so parallel files and
// runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/cache/database.ts';
import { migrate } from '../../src/cache/migrate.ts';
import { FakeClock } from './fake-clock.ts';

export type BackendName = 'pg-mem' | 'postgres' | 'testcontainers';

const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
if (process.env.CI && !databaseUrl) {
  throw new Error('CI must test the cache on real PostgreSQL: set DATABASE_URL (.ci/run sets postgres://postgres@127.0.0.1:5432/test)');
}

let containerUrl: Promise<string> | undefined;

/** Asked once per run by test/support/docker-check.ts, which also says so when none answers. */
async function dockerAnswers(): Promise<boolean> {
  return inject('dockerAnswers');
}

/** The backends this machine can run, decided once per test file. */
export async function availableBackends(): Promise<BackendName[]> {
  const names: BackendName[] = ['pg-mem'];
  if (databaseUrl) names.push('postgres');
  if (await dockerAnswers()) names.push('testcontainers');
  return names;
}

async function urlFor(backend: BackendName): Promise<string | undefined> {
  if (backend === 'pg-mem') return undefined;
  if (backend === 'postgres') return databaseUrl;
  containerUrl ??= (async () => {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return container.getConnectionUri();
  })();
  return containerUrl;
}

export interface TestDatabase {
  db: Database;
  /** A second connection to the same data (another process, as far as locks go). */
  reopen(): Promise<Database>;
  close(): Promise<void>;
}

/** A migrated, empty cache on `backend`. */
export async function openTestDatabase(backend: BackendName): Promise<TestDatabase> {
  const url = await urlFor(backend);
  const schema = url ? `gigi_test_${randomBytes(5).toString('hex')}` : undefined;
  const db = await openDatabase({ ...(url ? { url } : {}), ...(schema ? { schema } : {}) });
  await migrate(db, new FakeClock());
  const others: Database[] = [];
  return {
    db,
    async reopen() {
      if (!url) throw new Error('pg-mem lives in one process: there is no second connection to its data');
      const other = await openDatabase({ url, ...(schema ? { schema } : {}) });
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      if (schema) await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** Every table's rows in a fixed order, as text: "byte-identical" is this string being equal. */
export async function dumpCache(db: Database): Promise<string> {
  const tables: Record<string, string> = {
    caregivers: 'id',
    clients: 'id',
    related_persons: 'id',
    phone_index: 'e164, person_kind, person_id, phone_use',
  };
  const dump: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    const { rows } = await db.query(`SELECT * FROM ${table} ORDER BY ${order}`);
    dump[table] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));
  }
  return JSON.stringify(dump);
}
