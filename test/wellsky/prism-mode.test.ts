// WELLSKY_MODE=prism: `prism mock spec/swagger.yaml`, a tool nobody here wrote,
// reads the spec without error and judges what Gigi's client sends: every call
// answers without a violation, reads and writes alike. One Prism for the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openTarget, type Target } from '../../src/target.ts';
import type { WellSkyClient } from '../../src/wellsky/client.ts';
import { connect } from '../../src/wellsky/connect.ts';
import { createSchemaRegistry } from '../../mock-server/core/schema-registry.ts';
import { loadSpec } from '../../mock-server/core/spec-document.ts';
import { FakeClock } from '../support/fake-clock.ts';

const registry = createSchemaRegistry(loadSpec());

describe('the client in prism mode', () => {
  let target: Target;
  let client: WellSkyClient;
  beforeAll(async () => {
    const config = loadConfig({ WELLSKY_MODE: 'prism', WELLSKY_RATE_LIMIT_PER_SECOND: '100' });
    target = await openTarget(config);
    client = connect(config, target, { clock: new FakeClock() });
  });
  afterAll(async () => {
    await client?.close();
    await target?.close();
  });

  it('Prism starts on the spec without error-level diagnostics', () => {
    // Prism marks its levels (`ℹ  info`, `⚠  warning`, `✖  error`, `✖  fatal`); the
    // start-up lines also list example URLs with random words, "error" among them.
    const output = target.output!();
    expect(output).toContain('Prism is listening');
    expect(output).not.toMatch(/✖\s+(error|fatal)\b/);
    expect(output).not.toMatch(/went terribly wrong/);
  });

  it('serves a practitioner search and a practitioner that match the spec\'s schemas', async () => {
    const auth = { authorization: 'Bearer 0123' };
    const search = await (await fetch(`${target.baseUrl}/v1/practitioners/?_count=20`, { headers: auth })).json();
    const bundle = registry.byPointer('#/components/schemas/PractitionerBundle');
    expect(bundle(search), JSON.stringify(bundle.errors)).toBe(true);
    expect(search.entry.length).toBeGreaterThan(0);
    const one = await (await fetch(`${target.baseUrl}/v1/practitioners/2001/`, { headers: auth })).json();
    const practitioner = registry.byPointer('#/components/schemas/Practitioner');
    expect(practitioner(one), JSON.stringify(practitioner.errors)).toBe(true);
  });

  it('sends only what the spec allows: reads, searches the live way, and writes', async () => {
    const api = client.api;
    const logFrom = target.output!().length;
    const calls: [string, () => Promise<{ response: Response }>][] = [
      ['list caregivers', () => api.GET('/v1/practitioners/', { params: { query: { is_hired: 'true', active: 'true', _count: 100, _page: 0 } } })],
      ['read a caregiver', () => api.GET('/v1/practitioners/{id}/', { params: { path: { id: '2001' } } })],
      ['search caregivers, paging in the query', () => api.POST('/v1/practitioners/_search/', { params: { query: { _count: 100, _page: 0 } }, body: { mobile_phone: '3035550101', is_hired: 'true' } })],
      ['sweep patients by name', () => api.GET('/v1/patients/', { params: { query: { 'last_name:contains': 'Sa', _count: 100 } } })],
      ['read a patient', () => api.GET('/v1/patients/{id}/', { params: { path: { id: '5001' } } })],
      ['a week of shifts', () => api.POST('/v1/appointment/_search/', { params: { query: { _count: 100, _page: 0 } }, body: { caregiverId: '2001', startDate: '20261126', additionalDays: '6' } })],
      ['shifts by GET', () => api.GET('/v1/appointment/', { params: { query: { clientId: '5001', monthNo: '202611' } } })],
      ['care logs', () => api.POST('/v1/encounter/_search/', { params: { query: { _count: 30, _page: 1, _sort: '-date' } }, body: { clientId: '5001', startDate: '20261101', endDate: '20261126' } })],
      ['contacts of a client', () => api.GET('/v1/relatedperson/{id}/', { params: { path: { id: '5001' } } })],
      ['create a lead', () => api.POST('/v1/patients/', { body: { resourceType: 'Patient', name: [{ family: 'Prospect', given: ['Casey'] }], meta: { tag: [{ code: 'isClient', display: 'false' }, { code: 'status', display: '10' }] } } })],
      ['move a lead on', () => api.PUT('/v1/patients/{id}/', { params: { path: { id: '5001' } }, body: { meta: { tag: [{ code: 'status', display: '20' }] } } })],
      ['clock in', () => api.POST('/v1/encounter/{appointmentId}/clockin/', { params: { path: { appointmentId: '7001' } }, body: { resourceType: 'Encounter', period: { start: '2026-11-26T07:02:00' } } })],
      ['a shift note', () => api.POST('/v1/encounter/{id}/tasklog/', { params: { path: { id: '9001' } }, body: { resourceType: 'TaskLog', status: 'COMPLETE', title: 'Call-out', description: 'Replacement outreach started.' } })],
      ['an office task', () => api.POST('/v1/adminTasks/', { body: { status: 'received', description: 'Call-out\n\nNeeds cover', requester: [{ resourceType: 'Practitioner', id: 2001 }], owner: [] } })],
    ];
    const problems: string[] = [];
    for (const [what, call] of calls) {
      try {
        const { response } = await call();
        const violations = response.headers.get('sl-violations');
        if (violations) problems.push(`${what}: ${violations}`);
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(target.output!().slice(logFrom)).not.toMatch(/✖\s+(error|fatal)|violation/i);
  });

  it('refuses a request that breaks the spec (a 9-digit phone), naming the violation', async () => {
    const res = await fetch(`${target.baseUrl}/v1/practitioners/?mobile_phone=303555010`, { headers: { authorization: 'Bearer 0123' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('sl-violations')).toContain('mobile_phone');
  });

  it('catches a request outside the spec (so zero above means something)', async () => {
    const bad = client.api.POST('/v1/appointment/_search/', { body: { caregiverId: '2001', startDate: '20261126', additionalDays: '9' } });
    await expect(bad).rejects.toMatchObject({ kind: 'validation', status: 400 });
  });

  it('is told apart from the other modes', () => {
    expect(target).toMatchObject({ mode: 'prism', description: expect.stringContaining('prism mock of spec/swagger.yaml') });
  });
});
