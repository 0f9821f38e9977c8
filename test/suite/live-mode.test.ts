// The suite in live mode, pointed at a simulated WellSky standing in for the
// real API: it runs the read-only subset, says why the rest is not run, and
// WellSky receives no write at all — even with writes allowed in the settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock-server/http.ts';
import { systemClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { SuiteRun } from '../../src/suite/results.ts';
import { runSuite } from '../../src/suite/run-suite.ts';

const credentials = { clientId: 'live-stand-in', clientSecret: 'stand-in-secret-0123456789' };

describe('the suite in live mode', () => {
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  let run: SuiteRun;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, seed: 7, size: 'small', credentials });
    const base = loadConfig({ WELLSKY_RATE_LIMIT_PER_SECOND: '100' });
    const config: Config = { ...base, mode: 'live', wellsky: { ...base.wellsky, baseUrl: mock.url, ...credentials, agencyId: '3100', allowWrites: true } };
    run = await runSuite({ config, clock: systemClock });
  }, 60_000);
  afterAll(async () => {
    await mock.close();
  });

  it('runs once, as "live", every check passed or not run with a reason', () => {
    expect(run.mode).toBe('live');
    expect([...new Set(run.results.map((r) => r.scenario))]).toEqual(['live']);
    const checks = run.results.flatMap((r) => r.checks);
    expect(checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    for (const c of checks.filter((c) => c.outcome === 'not-run')) expect(c.reason).toMatch(/not run in live mode/);
    const passed = (workflow: string) => run.results.find((r) => r.workflow === workflow)!.checks.filter((c) => c.outcome === 'passed').length;
    for (const workflow of ['caller-id', 'call-out', 'complaint', 'clock-in-watch', 'data-quality']) expect(passed(workflow), workflow).toBeGreaterThan(0);
    expect(run.results.find((r) => r.workflow === 'prospect-intake')!.checks.map((c) => c.outcome)).toEqual(['not-run']);
  });

  it('sends WellSky no write at all, though the settings allow writes', async () => {
    const entries: { method: string; operationId?: string }[] = [];
    let since = 0;
    for (;;) {
      const page = (await (await fetch(`${mock.url}/__admin/journal?since=${since}&limit=5000`)).json()) as { entries: { seq: number; method: string; operationId?: string }[]; more: boolean };
      entries.push(...page.entries);
      if (!page.more || page.entries.length === 0) break;
      since = page.entries.at(-1)!.seq;
    }
    expect(entries.length).toBeGreaterThan(50);
    const writes = entries.filter((e) => e.method !== 'GET' && e.operationId !== 'getAccessToken' && !/search/i.test(e.operationId ?? ''));
    expect(writes).toEqual([]);
  });
});
