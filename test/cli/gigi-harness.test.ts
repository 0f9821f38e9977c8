// The gigi-harness command line: config shows secrets only as their length,
// doctor's exit code says whether everything worked, a wrong command line is 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.ts';

const LIVE = { WELLSKY_MODE: 'live', WELLSKY_BASE_URL: 'https://api-sandbox.clearcareonline.com', WELLSKY_CLIENT_ID: 'synthetic-client', WELLSKY_CLIENT_SECRET: 'synthetic-secret-abcdefghijklmnop', WELLSKY_AGENCY_ID: '3100' };

async function run(args: string[], env: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gigi-harness', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('config prints each setting and where it came from; secrets only as their length', async () => {
    const { code, out } = await run(['config'], LIVE);
    expect(code).toBe(0);
    expect(out).toMatch(/WELLSKY_MODE\s+live\n/);
    expect(out).toMatch(/WELLSKY_CLIENT_SECRET\s+set \(33 chars\)\n/);
    expect(out).toMatch(/WELLSKY_ALLOW_WRITES\s+false {2}\(default\)/);
    expect(out).not.toContain(LIVE.WELLSKY_CLIENT_SECRET);
    expect(out).not.toContain(LIVE.WELLSKY_CLIENT_ID);
  });

  it('config names every problem and exits 1', async () => {
    const { code, err } = await run(['config'], { WELLSKY_MODE: 'live', WELLSKY_TIMEOUT_MS: 'soon' });
    expect(code).toBe(1);
    expect(err).toMatch(/The configuration has 5 problems/);
    expect(err).toMatch(/WELLSKY_TIMEOUT_MS: must be a whole number/);
  });

  it('doctor exits 0 when everything it tried worked, 1 when a check failed', async () => {
    const ok = await run(['doctor'], { WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100' });
    expect(ok.out).toContain('checks worked');
    expect(ok.code).toBe(0);
    const failed = await run(['doctor', '--json'], { WELLSKY_MOCK_SCENARIO: 'bad-credentials', WELLSKY_MOCK_SIZE: 'tiny' });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out).steps.find((s: { name: string }) => s.name === 'token')).toMatchObject({ finding: 'bad-credentials', owner: 'agency-account' });
  });

  // The cache in memory for these: a shared server's public schema is no place for a test's rows.
  const MOCK = { WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100', DATABASE_URL: '' };

  it('sync --json reads the agency into the cache and says what it holds; no progress bar off a terminal', async () => {
    const { code, out, err } = await run(['sync', '--json'], MOCK);
    expect(code, err).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ outcome: 'ok', mode: 'full', cache: { backend: 'pg-mem' } });
    expect(result.cache.caregivers).toBe(result.counts.caregivers);
    expect(result.cache.phoneNumbers).toBeGreaterThan(0);
    expect(err).not.toMatch(/█|░/);
  });

  it('sync that WellSky refuses exits 1, names the kind, and says the cache was left as it was', async () => {
    const { code, out } = await run(['sync'], { ...MOCK, WELLSKY_MOCK_SCENARIO: 'bad-credentials' });
    expect(code).toBe(1);
    expect(out).toMatch(/full sync FAILED \(bad-credentials\)/);
    expect(out).toMatch(/left exactly as it was/);
  });

  it('suite: a scenario or workflow that does not exist is refused naming the ones that do; one cell runs and reports as JSON', async () => {
    const badScenario = await run(['suite', '--scenario', 'happy-path,nope']);
    expect(badScenario.code).toBe(2);
    expect(badScenario.err).toMatch(/--scenario: nope not in scenarios\/; the scenarios are: .*happy-path/);
    const badWorkflow = await run(['suite', '--workflow', 'call-in']);
    expect(badWorkflow.code).toBe(2);
    expect(badWorkflow.err).toContain('--workflow: call-in is not a workflow; the suite has: caller-id, call-out');
    const reports = mkdtempSync(join(tmpdir(), 'suite-reports-'));
    const one = await run(['suite', '--scenario', 'happy-path', '--workflow', 'caller-id', '--json', '--reports', reports]);
    expect(one.code, one.err).toBe(0);
    const parsed = JSON.parse(one.out);
    expect(parsed.totals).toMatchObject({ failed: 0 });
    expect(parsed.results.map((r: { scenario: string; workflow: string }) => `${r.scenario}/${r.workflow}`)).toEqual(['happy-path/caller-id']);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('<testsuite name="happy-path"');
  }, 60_000);

  it('data-quality syncs a cache that never was and reports counts and lists from it', async () => {
    const { code, out, err } = await run(['data-quality', '--json'], MOCK);
    expect(code, err).toBe(0);
    expect(err).toContain('was never synced: syncing');
    const report = JSON.parse(out);
    expect(report.counted.caregivers).toBeGreaterThan(0);
    expect(report.noMobile.length).toBeLessThanOrEqual(report.counted.caregivers + report.counted.clients);
    for (const list of ['noMobile', 'noEmail', 'noAddress', 'unreadableNumbers', 'sharedNumbers']) expect(Array.isArray(report[list]), list).toBe(true);
  });

  it('callerid syncs a cache that never was, knows configured contacts; garbage is unknown, not a crash', async () => {
    const { code, out, err } = await run(['callerid', '--json', '(719) 555-0199'], { ...MOCK, GIGI_KNOWN_CONTACTS: '719-555-0199|Dana Reyes|on-call manager' });
    expect(code, err).toBe(0);
    expect(err).toMatch(/never synced: syncing/);
    expect(JSON.parse(out)).toMatchObject({ source: 'known-contact', match: { kind: 'known-contact', name: 'Dana Reyes', role: 'on-call manager' }, number: { e164: '+17195550199' } });
    const garbage = await run(['callerid', 'not-a-number', '--no-sync'], MOCK);
    expect(garbage.code).toBe(0);
    expect(garbage.out).toMatch(/unknown/i);
  });

  it('a DATABASE_URL nobody answers is one line naming the fix, exit 1', async () => {
    const { code, err } = await run(['sync'], { ...MOCK, DATABASE_URL: 'postgres://gigi:hunter2@127.0.0.1:1/gigi' });
    expect(code).toBe(1);
    expect(err).toMatch(/cannot reach PostgreSQL at postgres:\/\/gigi:\*\*\*@127\.0\.0\.1:1\/gigi/);
    expect(err).toMatch(/unset it to use pg-mem/);
    expect(err).not.toContain('hunter2');
  });

  it('serve --port that is not a port is exit 2, naming the flag', async () => {
    const { code, err } = await run(['serve', '--port', 'eighty'], MOCK);
    expect(code).toBe(2);
    expect(err).toMatch(/--port: must be a whole number/);
  });

  it('a command line it does not know is exit 2, with the usage', async () => {
    const { code, err } = await run(['doctr']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown command 'doctr'/);
  });

  it('runs as the installed command (bin/gigi-harness.js)', async () => {
    const child = spawn(process.execPath, ['bin/gigi-harness.js', 'doctor'], {
      env: { PATH: process.env.PATH, WELLSKY_MOCK_SCENARIO: 'credentials-not-provisioned', WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('not-provisioned');
    expect(code).toBe(1);
  });
});
