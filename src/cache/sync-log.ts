// One row per sync run (and per refused run): when, how, what came of it. A
// failed run's row names the failure's kind, so "the cache is stale" has a why.
import type { Queryable } from './database.ts';

export type SyncMode = 'full' | 'incremental';
export type SyncOutcome = 'running' | 'ok' | 'failed' | 'skipped';

export interface SyncLogEntry {
  id: number;
  mode: SyncMode;
  startedAt: number;
  finishedAt?: number;
  outcome: SyncOutcome;
  failureKind?: string;
  detail?: string;
  since?: string;
  counts?: Record<string, number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function logStart(db: Queryable, entry: { mode: SyncMode; startedAt: number; since?: string }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO sync_log (mode, started_at, outcome, since) VALUES ($1, $2, $3, $4) RETURNING id',
    [entry.mode, iso(entry.startedAt), 'running', entry.since ?? null],
  );
  return Number(rows[0]!.id);
}

export async function logFinish(
  db: Queryable,
  id: number,
  result: { outcome: Exclude<SyncOutcome, 'running'>; finishedAt: number; failureKind?: string; detail?: string; counts?: Record<string, number> },
): Promise<void> {
  await db.query('UPDATE sync_log SET outcome = $1, finished_at = $2, failure_kind = $3, detail = $4, counts = $5 WHERE id = $6', [
    result.outcome,
    iso(result.finishedAt),
    result.failureKind ?? null,
    result.detail ?? null,
    result.counts ? JSON.stringify(result.counts) : null,
    id,
  ]);
}

interface Row {
  id: number;
  mode: SyncMode;
  started_at: Date | string;
  finished_at: Date | string | null;
  outcome: SyncOutcome;
  failure_kind: string | null;
  detail: string | null;
  since: string | null;
  counts: Record<string, number> | string | null;
}

function entryOf(r: Row): SyncLogEntry {
  return {
    id: Number(r.id),
    mode: r.mode,
    startedAt: new Date(r.started_at).getTime(),
    ...(r.finished_at ? { finishedAt: new Date(r.finished_at).getTime() } : {}),
    outcome: r.outcome,
    ...(r.failure_kind ? { failureKind: r.failure_kind } : {}),
    ...(r.detail ? { detail: r.detail } : {}),
    ...(r.since ? { since: r.since } : {}),
    ...(r.counts ? { counts: typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts } : {}),
  };
}

/** The newest runs first. */
export async function recentRuns(db: Queryable, limit = 10): Promise<SyncLogEntry[]> {
  const { rows } = await db.query<Row & Record<string, unknown>>('SELECT * FROM sync_log ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map(entryOf);
}

/** The last run that finished well: an incremental sync asks for what changed since it started. */
export async function lastSuccessfulRun(db: Queryable): Promise<SyncLogEntry | undefined> {
  const { rows } = await db.query<Row & Record<string, unknown>>("SELECT * FROM sync_log WHERE outcome = 'ok' ORDER BY id DESC LIMIT 1");
  return rows[0] ? entryOf(rows[0]) : undefined;
}
