// `gigi-harness callerid <number> [--json]`: the answer the voice webhook would
// give, for a person at a terminal. A cache that was never synced is synced
// first (pg-mem, the default, starts empty every time), unless --no-sync.
import type { Config } from '../config.ts';
import { formatCallerAnswer } from '../callerid/format.ts';
import { lastSuccessfulRun } from '../cache/sync-log.ts';
import { openGigi, type GigiPorts } from '../gigi.ts';
import { runSync } from '../sync/sync.ts';

export async function callerIdCommand(config: Config, ports: GigiPorts, number: string, options: { json?: boolean; sync: boolean }, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const gigi = await openGigi(config, ports);
  try {
    if (options.sync && !(await lastSuccessfulRun(gigi.db))) {
      err(`the cache (${gigi.db.description}) was never synced: syncing from ${gigi.target.description} first`);
      const synced = await runSync({ client: gigi.client, db: gigi.db, clock: ports.clock });
      if (synced.outcome !== 'ok') err(`sync ${synced.outcome}${synced.failureKind ? ` (${synced.failureKind})` : ''}: ${synced.detail}; asking with what the cache holds`);
    }
    const answer = await gigi.identifyCaller(number);
    out(options.json ? JSON.stringify(answer, null, 2) : formatCallerAnswer(answer));
    return 0;
  } finally {
    await gigi.close();
  }
}
