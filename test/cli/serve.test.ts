// `gigi-harness serve` end to end, against the embedded simulated WellSky over
// real HTTP: the cache is synced at start, a signed Retell call is greeted by
// name from it, and a caregiver added in WellSky reaches the cache through a
// change notification — not at the next sync.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sign } from 'retell-sdk';
import { lookupPhone } from '../../src/cache/people-cache.ts';
import { systemClock } from '../../src/clock.ts';
import { serveCommand } from '../../src/commands/serve.ts';
import { loadConfig } from '../../src/config.ts';
import type { Gigi } from '../../src/gigi.ts';
import type { Registration } from '../../src/notifications/register.ts';

const RETELL_API_KEY = 'key_test_serve_0123456789';

describe('gigi-harness serve', () => {
  let url: string;
  let gigi: Gigi;
  let registration: Registration | undefined;
  let stop: () => void;
  let finished: Promise<number>;
  const err: string[] = [];
  const out: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({ WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100', RETELL_API_KEY, GIGI_PORT: '0' });
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const listening = new Promise<void>((resolve) => {
      finished = serveCommand(
        config,
        { clock: systemClock },
        { port: 0, host: '127.0.0.1', stop: stopped, onListening: (s) => ((url = s.url), (gigi = s.gigi), (registration = s.registration), resolve()) },
        (t) => out.push(t),
        (t) => err.push(t),
      );
      finished.catch(resolve);
    });
    await listening;
  });
  afterAll(async () => {
    stop();
    expect(await finished).toBe(0);
  });

  const call = async (from: string, key = RETELL_API_KEY) => {
    const body = JSON.stringify({ event: 'call_inbound', call_inbound: { from_number: from, to_number: '+17195550198' } });
    return fetch(`${url}/webhooks/retell/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-retell-signature': await sign(body, key) }, body });
  };

  it('prints its URL and routes, and says what it synced and registered', () => {
    expect(out.join('\n')).toMatch(/Gigi is listening at http:\/\/127\.0\.0\.1:\d+/);
    expect(out.join('\n')).toContain('/webhooks/retell/inbound');
    expect(out.join('\n')).toContain('/webhooks/wellsky');
    expect(err.join('\n')).toMatch(/cache: full sync read \d+ caregivers/);
    expect(registration?.registered.map((r) => r.criteria)).toContain('practitioner.created');
    expect(err.join('\n')).not.toContain(RETELL_API_KEY);
  });

  it('greets a caregiver from the cache by name, every variable a string', async () => {
    const { rows } = await gigi.db.query<{ e164: string; display_name: string; first_name: string }>("SELECT e164, display_name, first_name FROM phone_index WHERE person_kind = 'caregiver' ORDER BY e164 LIMIT 1");
    const res = await call(rows[0]!.e164);
    expect(res.status).toBe(200);
    const vars = (await res.json()).call_inbound.dynamic_variables;
    expect(vars).toMatchObject({ caller_name: rows[0]!.display_name, first_name: rows[0]!.first_name, caller_source: 'cache' });
    for (const value of Object.values(vars)) expect(typeof value).toBe('string');
  });

  it('refuses a call signed with another key: 401', async () => {
    expect((await call('+17195550101', 'key_test_someone_else')).status).toBe(401);
  });

  it('a caregiver added in WellSky is in the cache within moments, through a change notification', async () => {
    const created = await gigi.client.api.POST('/v1/practitioners/', {
      body: { name: [{ family: 'Quade', given: ['Linus'] }], telecom: [{ system: 'phone', value: '(719) 555-0142', use: 'mobile' }] } as never,
    });
    const id = (created.data as { id: string }).id;
    await vi.waitFor(async () => expect((await lookupPhone(gigi.db, '+17195550142')).map((m) => m.personId)).toEqual([id]), { timeout: 5000, interval: 25 });
    const vars = (await (await call('719-555-0142')).json()).call_inbound.dynamic_variables;
    expect(vars).toMatchObject({ caller_name: 'Linus Quade', caller_source: 'cache' });
    expect(err.join('\n')).toMatch(new RegExp(`notification Practitioner/${id}: updated`));
  });

  it('a notification without the registered secret is a 401 and refreshes nothing', async () => {
    const res = await fetch(`${url}/webhooks/wellsky/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: 'Bearer guessed' },
      body: JSON.stringify({ resourceType: 'Practitioner', id: '2001' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('gigi-harness serve while WellSky is down', () => {
  it('still listens and answers calls as unknown, and says what it could not do', async () => {
    const config = loadConfig({ WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_MOCK_SCENARIO: 'wellsky-down', WELLSKY_MAX_ATTEMPTS: '1', RETELL_API_KEY, GIGI_SYNC_EVERY_MINUTES: '0' });
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const err: string[] = [];
    let url = '';
    const listening = new Promise<void>((resolve, reject) => {
      serveCommand(config, { clock: systemClock }, { port: 0, host: '127.0.0.1', stop: stopped, onListening: (s) => ((url = s.url), resolve()) }, () => {}, (t) => err.push(t)).then(
        (code) => (code === 0 ? undefined : reject(new Error(`serve ended with ${code}`))),
        reject,
      );
    });
    await listening;
    expect(err.join('\n')).toMatch(/cache: full sync failed \(upstream-down\)/);
    expect(err.join('\n')).toMatch(/notifications: not registered \(upstream-down\)/);
    const body = JSON.stringify({ event: 'call_inbound', call_inbound: { from_number: '+17195550101' } });
    const res = await fetch(`${url}/webhooks/retell/inbound`, { method: 'POST', headers: { 'x-retell-signature': await sign(body, RETELL_API_KEY) }, body });
    expect(res.status).toBe(200);
    expect((await res.json()).call_inbound.dynamic_variables).toMatchObject({ caller_known: 'false', caller_source: 'none' });
    stop();
  });
});
