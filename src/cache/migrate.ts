// Migrations: the ordered SQL files in migrations/, each applied once, recorded
// in schema_migrations. Applying twice changes nothing; two processes starting
// together do not both apply (a lock, then a re-read of what is applied).
// node-pg-migrate and friends need features pg-mem lacks, so this stays small.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.ts';
import type { Database } from './database.ts';

const DIRECTORY = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(directory = DIRECTORY): Migration[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = FILE.exec(name);
      if (!match) throw new Error(`migrations/${name}: name it NNN-what-it-does.sql (three digits, lower-case words)`);
      return { version: Number(match[1]), name, sql: readFileSync(`${directory}${name}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/** Applies what is not applied yet; returns the names applied now. */
export async function migrate(db: Database, clock: Clock, migrations = listMigrations()): Promise<string[]> {
  const release = await waitForLock(db, clock);
  try {
    const { rows: tables } = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = current_schema()",
    );
    if (tables.length === 0) {
      await db.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
    }
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await db.transaction(async (tx) => {
        await tx.query(migration.sql);
        await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date(clock.now()).toISOString()]);
      });
      done.push(migration.name);
    }
    return done;
  } finally {
    await release();
  }
}

async function waitForLock(db: Database, clock: Clock): Promise<() => Promise<void>> {
  // Migrations take milliseconds; a holder for minutes is a stuck process, and saying so beats waiting forever.
  for (let tries = 0; tries < 600; tries++) {
    const release = await db.tryLock('migrate');
    if (release) return release;
    await clock.sleep(100);
  }
  throw new Error('another process has held the migration lock for a minute; is a migration stuck?');
}
