// A cache that was never synced (pg-mem, the default, starts empty every run)
// is synced before a command reads it; what happened is said on stderr.
import type { Gigi } from '../gigi.ts';
import type { Clock } from '../clock.ts';
import { lastSuccessfulRun } from '../cache/sync-log.ts';
import { runSync } from '../sync/sync.ts';

/** True when the cache holds a good sync (now or from before); false, with the reason said, when this one failed. */
export async function syncIfNeverSynced(gigi: Gigi, clock: Clock, err: (t: string) => void, onFailure: string): Promise<boolean> {
  if (await lastSuccessfulRun(gigi.db)) return true;
  err(`the cache (${gigi.db.description}) was never synced: syncing from ${gigi.target.description} first`);
  const synced = await runSync({ client: gigi.client, db: gigi.db, clock });
  if (synced.outcome === 'ok') return true;
  err(`sync ${synced.outcome}${synced.failureKind ? ` (${synced.failureKind})` : ''}: ${synced.detail}; ${onFailure}`);
  return false;
}
