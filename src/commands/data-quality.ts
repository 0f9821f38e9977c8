// `gigi-harness data-quality [--json]`: how usable the agency's records are for
// Gigi, from the cache. A cache that was never synced is synced first (pg-mem,
// the default, starts empty every time); a failed sync is said, not hidden.
import type { Config } from '../config.ts';
import { openGigi, type GigiPorts } from '../gigi.ts';
import { dataQuality, formatDataQuality } from '../operations/data-quality.ts';
import { syncIfNeverSynced } from './first-sync.ts';

export async function dataQualityCommand(config: Config, ports: GigiPorts, options: { json?: boolean }, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const gigi = await openGigi(config, ports);
  try {
    if (!(await syncIfNeverSynced(gigi, ports.clock, err, 'no report from an empty cache'))) return 1;
    const report = await dataQuality(gigi.db);
    out(options.json ? JSON.stringify(report, null, 2) : formatDataQuality(report));
    return 0;
  } finally {
    await gigi.close();
  }
}
