// gigi-harness doctor against every scenario in the catalogue: the right
// diagnosis (kind and whose side) for each failure, "works" where nothing fails,
// and the January misconfigurations. On a fake clock: Retry-After waits, the
// mock's slow answers and a hung read cost no real seconds.
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../../mock-server/core/scenario.ts';
import { formatReport, runDoctor, type DoctorReport } from '../../src/doctor/doctor.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { DOCTOR_EXPECTED as EXPECTED } from '../support/doctor-expectations.ts';
import { stallAdvancingFetch } from '../support/wellsky.ts';

async function doctor(env: Record<string, string>, fetchWrap?: (clock: FakeClock) => typeof fetch): Promise<DoctorReport> {
  const clock = new FakeClock();
  return runDoctor({
    clock,
    // The fastest pace the settings allow: bottleneck paces on real timers.
    env: { WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100', ...env },
    ...(fetchWrap ? { fetch: fetchWrap(clock) } : {}),
    mockOptions: { sleep: (ms: number) => clock.sleep(ms) },
  });
}

const failures = (report: DoctorReport) =>
  Object.fromEntries(report.steps.filter((s) => s.outcome === 'failed').map((s) => [s.name, `${s.finding}/${s.owner}`]));

describe('gigi-harness doctor', () => {
  it('has an expectation for every scenario in the catalogue', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(listScenarios().map((s) => s.name).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (scenario, expected) => {
    const env: Record<string, string> = { WELLSKY_MOCK_SCENARIO: scenario };
    // The large agency keeps its 20,000 people: the scenario's size wins when none is set.
    if (scenario === 'large-agency') env.WELLSKY_MOCK_SIZE = '';
    // Only a hung read needs the fake clock moved on; nothing else waits on it.
    const report = await doctor(env, scenario === 'connection-failures' ? (clock) => stallAdvancingFetch(clock, 10_000) : undefined);
    expect(failures(report), formatReport(report)).toEqual(expected === 'works' ? {} : expected);
    expect(report.ok).toBe(expected === 'works');
    if (expected === 'works') expect(report.steps.map((s) => s.outcome).every((o) => o === 'worked'), formatReport(report)).toBe(true);
  });

  it('a base URL ending in /v1 is diagnosed as the January mistake before any call', async () => {
    let calls = 0;
    const report = await doctor(
      { WELLSKY_MODE: 'live', WELLSKY_BASE_URL: 'https://connect.clearcareonline.com/v1', WELLSKY_CLIENT_ID: 'synthetic-id', WELLSKY_CLIENT_SECRET: 'synthetic-secret', WELLSKY_AGENCY_ID: '3100' },
      () => () => {
        calls++;
        return Promise.reject(new Error('no call should be made'));
      },
    );
    expect(report.ok).toBe(false);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ name: 'configuration', finding: 'configuration', owner: 'agency-client' });
    expect(report.steps[0]!.summary).toMatch(/WELLSKY_BASE_URL: ends in \/v1.*\/v1\/v1\/.*gateway's 403.*January 2026/);
    expect(calls).toBe(0);
  });

  it('a client that echoes token_type as the scheme is told it is its own fault, with nothing to ask WellSky', async () => {
    const echoing = (): typeof fetch => (input, init) => {
      const headers = new Headers(init?.headers);
      const auth = headers.get('authorization');
      if (auth) headers.set('authorization', auth.replace(/^Bearer /, 'BearerToken '));
      return globalThis.fetch(input, { ...init, headers });
    };
    const report = await doctor({ WELLSKY_MOCK_SCENARIO: 'bearertoken-scheme' }, echoing);
    expect(failures(report)).toEqual({ practitioners: 'auth-scheme/agency-client', patients: 'auth-scheme/agency-client' });
    const text = formatReport(report);
    expect(text).toContain('The word is Bearer even though the token answer says token_type "BearerToken"');
    expect(text).toContain("Every failure is on the agency's side: there is nothing to ask WellSky.");
  });

  it('a gateway 403 is never called a credentials problem', async () => {
    const doubled = (): typeof fetch => (input, init) => globalThis.fetch(String(input).replace('/v1/', '/v1/v1/'), init);
    const report = await doctor({}, doubled);
    expect(failures(report)).toEqual({ practitioners: 'unknown-route/agency-client', patients: 'unknown-route/agency-client' });
    const text = formatReport(report);
    expect(text).toContain('this says nothing about the credentials');
    expect(text).toContain('Do not open a WellSky ticket');
    expect(text).not.toMatch(/not provisioned|not-provisioned/);
  });

  it('prints the evidence: route, status, first line and request id, never the token', async () => {
    const report = await doctor({ WELLSKY_MOCK_SCENARIO: 'credentials-not-provisioned' });
    const text = formatReport(report);
    expect(text).toMatch(/evidence\s+GET \/v1\/practitioners\/ → 403: WellSky refused this resource/);
    expect(text).toMatch(/request id [0-9a-f-]{36}/);
    expect(text).not.toMatch(/[0-9a-f]{32}/); // no access token
  });
});
