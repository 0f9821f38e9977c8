// `gigi-harness sync [--full] [--json]`.
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { countPeople } from '../cache/people-cache.ts';
import { openGigi, type GigiPorts } from '../gigi.ts';
import { runSync, type SyncResult } from '../sync/sync.ts';
import { progressView } from './sync-progress.ts';

export interface SyncCommandOptions {
  full?: boolean;
  allowShrink?: boolean;
  json?: boolean;
  progress: boolean;
}

export async function syncCommand(config: Config, ports: GigiPorts & { clock: Clock }, options: SyncCommandOptions, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const gigi = await openGigi(config, ports);
  try {
    if (gigi.db.backend === 'pg-mem' && !options.json) {
      err('note: the cache is pg-mem (in memory): what this sync writes is gone when the command ends. Set DATABASE_URL to keep it.');
    }
    const view = progressView(options.progress);
    let result: SyncResult;
    try {
      result = await runSync({ client: gigi.client, db: gigi.db, clock: ports.clock, ...(options.full ? { full: true } : {}), ...(options.allowShrink ? { allowShrink: true } : {}), onProgress: (p) => view.update(p) });
    } finally {
      view.stop();
    }
    const held = await countPeople(gigi.db);
    if (options.json) {
      const { error: _error, ...shown } = result;
      out(JSON.stringify({ ...shown, cache: { backend: gigi.db.backend, ...held } }, null, 2));
    } else {
      out(describe(result, gigi.target.description, gigi.db.description, held));
    }
    return result.outcome === 'ok' ? 0 : 1;
  } finally {
    await gigi.close();
  }
}

function describe(result: SyncResult, target: string, cache: string, held: Record<string, number>): string {
  const read = `${result.counts.caregivers} caregivers, ${result.counts.clients} clients, ${result.counts.family} family contacts${result.counts.skipped ? ` (${result.counts.skipped} records without an id or a client left out)` : ''}`;
  const what = result.mode === 'full' ? 'full sync' : `incremental sync (changed ${result.since?.replace(/^gt/, 'after ')} UTC)`;
  const lines = [`from ${target}`, `into ${cache}`];
  if (result.outcome === 'ok') {
    lines.unshift(`${what}: read ${read} in ${(result.tookMs / 1000).toFixed(1)} s`);
    lines.push(`the cache now holds ${held.caregivers} caregivers, ${held.clients} clients, ${held.family} family contacts, ${held.phoneNumbers} phone numbers`);
  } else if (result.outcome === 'skipped') {
    lines.unshift(`${what} did not run: ${result.detail}`);
  } else {
    lines.unshift(`${what} FAILED (${result.failureKind}): ${result.detail}`, 'the cache was left exactly as it was before this run');
  }
  return lines.join('\n');
}
