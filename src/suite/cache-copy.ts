// Each scenario gets a cache of its own, a copy of the warm one: what one
// scenario's Gigi writes (function answers, clock-in alerts) never shows in
// another's. On pg-mem by default; with DATABASE_URL a schema per copy,
// dropped at the end.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { openDatabase, type Database, type Queryable } from '../cache/database.ts';
import { migrate } from '../cache/migrate.ts';

/** The people and the phone index: what a warm cache holds that Gigi reads. */
const TABLES = ['caregivers', 'clients', 'related_persons', 'phone_index'];

export interface SuiteDatabase {
  db: Database;
  /** Closes it, dropping its schema on a real server. */
  dispose(): Promise<void>;
}

export async function openSuiteDatabase(databaseUrl: string | undefined, clock: Clock): Promise<SuiteDatabase> {
  const schema = databaseUrl ? `suite_${randomBytes(5).toString('hex')}` : undefined;
  const db = await openDatabase(databaseUrl ? { url: databaseUrl, schema: schema! } : {});
  try {
    await migrate(db, clock);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    async dispose() {
      try {
        if (schema) await db.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}

/** A column value as a parameter: jsonb values as JSON text, the rest as they came. */
const asParameter = (value: unknown) => (value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value);

export async function copyCache(from: Queryable, to: Database): Promise<void> {
  await to.transaction(async (tx) => {
    for (const table of TABLES) {
      const { rows } = await from.query(`SELECT * FROM ${table}`);
      if (rows.length === 0) continue;
      if (tx.insertObjects) {
        tx.insertObjects(table, rows);
        continue;
      }
      const columns = Object.keys(rows[0]!);
      for (let start = 0; start < rows.length; start += 500) {
        const batch = rows.slice(start, start + 500);
        const params: unknown[] = [];
        const tuples = batch.map((row) => `(${columns.map((c) => `$${params.push(asParameter(row[c]))}`).join(', ')})`);
        await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
      }
    }
  });
}
