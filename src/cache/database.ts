// The cache's PostgreSQL, through `pg`: a real server when DATABASE_URL is set,
// else pg-mem (an in-memory PostgreSQL in this process, for zero setup). The
// cache code above this file is the same on both; what differs is only what
// pg-mem cannot do — it does not roll back through its pg adapter and has no
// advisory locks — so transactions there are snapshots restored on failure,
// and locks are held in this process (the only one that can see its data).
import pg from 'pg';

export type Backend = 'pg-mem' | 'postgres';

export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * Rows as objects straight into a table, on pg-mem only: its pg adapter writes each
   * parameter into the SQL text, so every batch of an INSERT is parsed anew (a large
   * agency's sync: 45 s, nearly all parsing). Values as the column holds them (objects for jsonb, Dates).
   */
  insertObjects?(table: string, rows: Record<string, unknown>[]): void;
}

export interface Database extends Queryable {
  backend: Backend;
  /** Where the data lives, for people: "pg-mem (in memory)" or the URL without its password. */
  description: string;
  /** Runs `work` in one transaction: all of it lands or none. Readers on this Database wait while it runs on pg-mem. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Takes a named lock for as long as the returned release is not called; undefined when
   * someone holds it. Real PostgreSQL: a session advisory lock, so two processes exclude each other
   * and a crashed holder's lock goes with its connection.
   */
  tryLock(name: string): Promise<(() => Promise<void>) | undefined>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://…; unset for pg-mem. */
  url?: string;
  /** A schema to create and use (tests give each run its own on a shared server). */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema "${options.schema}": lower-case letters, digits and _ only, at most 63`);
  }
  return options.url ? openPostgres(options.url, options.schema) : openPgMem();
}

/** A URL as it may be shown: the password replaced, in the userinfo and as a query parameter (pg reads both). */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of [...parsed.searchParams.keys()]) {
      if (/pass|secret|key/i.test(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return '(a DATABASE_URL that is not a URL)';
  }
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query says what happened.
  pool.on('error', () => {});
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`cannot reach PostgreSQL at ${withoutPassword(url)}: ${(error as Error).message}; start the server, fix DATABASE_URL, or unset it to use pg-mem`);
  }
  const lockSpace = schema ?? 'public';
  return {
    backend: 'postgres',
    description: `PostgreSQL at ${withoutPassword(url)}${schema ? ` (schema ${schema})` : ''}`,
    query: (sql, params) => pool.query(sql, params) as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Writers to this cache take turns (a sync's write, notification refreshes, migrations):
        // interleaved, a refresh could land between a full sync's deletes and its inserts.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${lockSpace}:cache-write`]);
        const result = await work({ query: (sql, params) => client.query(sql, params) as never });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async tryLock(name) {
      const client = await pool.connect();
      const key = `${lockSpace}:${name}`;
      try {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
        if (!rows[0]?.ok) {
          client.release();
          return undefined;
        }
      } catch (error) {
        client.release();
        throw error;
      }
      return async () => {
        try {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
        } finally {
          client.release();
        }
      };
    },
    close: () => pool.end(),
  };
}

async function openPgMem(): Promise<Database> {
  const { newDb } = await import('pg-mem');
  const memory = newDb();
  const { Pool } = memory.adapters.createPg();
  const pool = new Pool() as pg.Pool;
  const held = new Set<string>();
  // While a transaction runs, other queries wait for it: pg-mem has no isolation.
  let writing: Promise<unknown> = Promise.resolve();
  const query: Database['query'] = async (sql, params) => {
    await writing;
    return pool.query(sql, params) as never;
  };
  return {
    backend: 'pg-mem',
    description: 'pg-mem (in memory, emptied when the process exits)',
    query,
    transaction(work) {
      const run = (async () => {
        await writing.catch(() => {});
        const snapshot = memory.backup();
        try {
          return await work({
            query: (sql, params) => pool.query(sql, params) as never,
            insertObjects: (table, rows) => {
              const target = memory.public.getTable(table);
              for (const row of rows) target.insert(row);
            },
          });
        } catch (error) {
          snapshot.restore();
          throw error;
        }
      })();
      writing = run.catch(() => {});
      return run;
    },
    async tryLock(name) {
      if (held.has(name)) return undefined;
      held.add(name);
      return async () => {
        held.delete(name);
      };
    },
    close: async () => {
      await pool.end();
    },
  };
}
