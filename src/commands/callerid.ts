// `gigi-harness callerid <number> [--json]`: the answer the voice webhook would
// give, for a person at a terminal. A cache that was never synced is synced
// first (pg-mem, the default, starts empty every time), unless --no-sync.
import type { Config } from '../config.ts';
import { formatCallerAnswer } from '../callerid/format.ts';
import { openGigi, type GigiPorts } from '../gigi.ts';
import { syncIfNeverSynced } from './first-sync.ts';

export async function callerIdCommand(config: Config, ports: GigiPorts, number: string, options: { json?: boolean; sync: boolean }, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const gigi = await openGigi(config, ports);
  try {
    // A failed first sync is said; the number is still asked with what the cache holds.
    if (options.sync) await syncIfNeverSynced(gigi, ports.clock, err, 'asking with what the cache holds');
    const answer = await gigi.identifyCaller(number);
    out(options.json ? JSON.stringify(answer, null, 2) : formatCallerAnswer(answer));
    return 0;
  } finally {
    await gigi.close();
  }
}
