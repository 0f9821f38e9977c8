// gigi-harness record: a probe against the simulated WellSky playing a
// scenario, written as a scenario file; loaded back into a fresh simulated
// WellSky, the same probe gets the same statuses, in the same order, and the
// doctor the same diagnosis. The file names no credential or token.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../mock-server/core/scenario.ts';
import { runCli } from '../../src/cli.ts';
import { runDoctor, type DoctorReport } from '../../src/doctor/doctor.ts';
import { createRecorder } from '../../src/repro/recorder.ts';
import { recordScenario } from '../../src/repro/recording.ts';
import { Redactor } from '../../src/repro/redaction.ts';
import { FakeClock } from '../support/fake-clock.ts';

const work = mkdtempSync(join(tmpdir(), 'recording-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CREDENTIALS = { WELLSKY_CLIENT_ID: 'recording-test-client', WELLSKY_CLIENT_SECRET: 'recording-test-secret-42' };
const ENV = { WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100', ...CREDENTIALS };

const findings = (r: DoctorReport) => r.steps.map((s) => `${s.name}:${s.outcome}${s.finding ? `:${s.finding}` : ''}`);

/** The same probe against a simulated WellSky playing the recording, and what it sent and got. */
async function replayProbe(file: string): Promise<{ calls: string[]; report: DoctorReport }> {
  const clock = new FakeClock();
  const recorder = createRecorder({ clock, redactor: new Redactor() });
  // As a user would: the recording's path in WELLSKY_MOCK_SCENARIO.
  const report = await runDoctor({ clock, fetch: recorder.fetch, env: { ...ENV, WELLSKY_MOCK_SCENARIO: file }, mockOptions: { sleep: (ms: number) => clock.sleep(ms) } });
  return { calls: recorder.exchanges.map((x) => `${x.method} ${new URL(x.url).pathname} ${x.status}`), report };
}

describe('record → replay', () => {
  it.each(['happy-path', 'credentials-not-provisioned', 'malformed-responses', 'rate-limited', 'token-only-auth-token', 'bad-credentials', 'wellsky-down'])(
    '%s: the recording replays the same statuses',
    async (scenario) => {
      const clock = new FakeClock();
      const out = join(work, `recorded-${scenario}.yaml`);
      const recording = await recordScenario({ out, clock, env: { ...ENV, WELLSKY_MOCK_SCENARIO: scenario }, mockOptions: { sleep: (ms: number) => clock.sleep(ms) } });
      const recorded = recording.exchanges.map((x) => `${x.method} ${new URL(x.url).pathname} ${x.status}`);
      expect(recorded.length).toBeGreaterThan(0);
      // It is a scenario the simulated WellSky accepts (schema, limits, name = file name).
      expect(loadScenario(out).name).toBe(`recorded-${scenario}`);
      const replayed = await replayProbe(out);
      expect(replayed.calls).toEqual(recorded);
      expect(findings(replayed.report)).toEqual(findings(recording.report));
      const text = readFileSync(out, 'utf8');
      expect(text).not.toContain(CREDENTIALS.WELLSKY_CLIENT_SECRET);
      expect(text).not.toContain(CREDENTIALS.WELLSKY_CLIENT_ID);
    },
  );

  it('a successful token answer becomes the token settings, so the replay authenticates for real', async () => {
    const out = join(work, 'recorded-token-shape.yaml');
    const recording = await recordScenario({ out, clock: new FakeClock(), env: { ...ENV, WELLSKY_MOCK_SCENARIO: 'token-only-auth-token' } });
    expect(recording.scenario.token).toEqual({ shape: 'docs', lifetimeSeconds: 3599 });
    // Successful reads answer only an authenticated client: a client without a token still gets the gateway.
    const rules = recording.scenario.faults as { when: { authenticated?: boolean }; then: { status: number } }[];
    expect(rules.every((r) => (r.then.status < 300) === (r.when.authenticated === true))).toBe(true);
  });

  it('is read-only whatever the environment says', async () => {
    const out = join(work, 'recorded-read-only.yaml');
    const recording = await recordScenario({ out, clock: new FakeClock(), env: { ...ENV, WELLSKY_ALLOW_WRITES: 'true' } });
    expect(recording.report.steps[0]!.summary).toContain('writes refused (read-only)');
  });

  it('refuses an existing file and a name the simulated WellSky would not load, writing nothing', async () => {
    const existing = join(work, 'recorded-existing.yaml');
    writeFileSync(existing, 'mine');
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t) };
    expect(await runCli(['record', '--out', existing], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--out: .* already exists; choose a new name/);
    expect(readFileSync(existing, 'utf8')).toBe('mine');
    expect(await runCli(['record', '--out', join(work, 'Recorded January.yaml')], io)).toBe(2);
    expect(err.join('\n')).toMatch(/must be a \.yaml file named in lower-case words joined by dashes/);
  });
});
