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
import { clientCalls, problemsWith } from '../support/client-calls.ts';
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
    const logFrom = target.output!().length;
    // The ids Prism's examples use.
    const problems = await problemsWith(clientCalls(client, { caregiver: '2001', client: '5001', shift: '7001', visit: '9001', day: '20261126' }));
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
