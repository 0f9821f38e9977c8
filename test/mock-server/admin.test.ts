// The control API: reset, load, journal, run-time fault rules, clock — through both doors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, DOOR_KINDS, entries, MOCK_CREDENTIALS, openDoor, token, type Door } from '../support/doors.ts';

describe.each(DOOR_KINDS)('control API through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  const admin = (path: string, method = 'GET', body?: unknown) => door.request(`/__admin/${path}`, { method, body });
  const addFault = (rule: unknown) => admin('faults', 'POST', rule);

  beforeAll(async () => {
    door = await openDoor(kind, { seed: 4, size: 'tiny', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await admin('reset', 'POST');
    auth = bearer(await token(door));
  });

  it('status reports what is loaded', async () => {
    const status = (await admin('status')).json();
    expect(status).toMatchObject({ profile: 'live-like', seed: 4, size: 'tiny', scenario: null });
    expect(status.counts.practitioners + status.counts.patients).toBe(40);
  });

  it('load builds another agency; the same seed gives the same agency', async () => {
    const first = async () => entries((await door.request('/v1/practitioners/?_count=3', { headers: auth })).json()).map((p) => p.name[0].family);
    const seed4 = await first();
    await admin('load', 'POST', { seed: 99 });
    auth = bearer(await token(door));
    expect(await first()).not.toEqual(seed4);
    await admin('load', 'POST', { seed: 4 });
    auth = bearer(await token(door));
    expect(await first()).toEqual(seed4);
  });

  it.each([
    [{ colour: 'blue' }, /^colour: unknown field; \/__admin\/load takes seed, size/],
    [{ size: 'huge' }, /^size\b.*tiny.*small.*medium.*large/],
    [{ profile: 'strict' }, /^profile: must be one of live-like, by-the-docs/],
    [{ seed: -1 }, /^seed: must be a whole number/],
    [{ today: '26/11/2026' }, /^today: must be a date as YYYY-MM-DD/],
    [{ tokenShape: 'jwt' }, /^tokenShape: must be one of live, docs, both, none/],
    [{ tokenLifetimeSeconds: 0 }, /^tokenLifetimeSeconds: must be a whole number of seconds above 0/],
    [{ quirks: { 'no-such-quirk': true } }, /^quirks\.no-such-quirk: unknown quirk/],
  ])('load refuses %j with a message naming the field', async (body, message) => {
    const res = await admin('load', 'POST', body);
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(message);
    expect((await admin('status')).json().seed).toBe(4); // nothing lost
    // ...and the refused options are not what the next reset goes back to.
    await admin('faults', 'POST', { name: 'left-over', then: { status: 500 } });
    expect((await admin('reset', 'POST')).status).toBe(200);
    expect((await admin('faults')).json().faults).toEqual([]);
  });

  it('a refused load leaves the clock where it was: an expired token stays expired', async () => {
    await admin('clock', 'POST', { advanceSeconds: 3600 });
    expect((await door.request('/v1/practitioners/?_count=1', { headers: auth })).status).toBe(401);
    expect((await admin('load', 'POST', { seed: -1 })).status).toBe(400);
    expect((await admin('status')).json().clockOffsetSeconds).toBe(3600);
    expect((await door.request('/v1/practitioners/?_count=1', { headers: auth })).status).toBe(401);
  });

  it('journals the new write shapes without their secrets or free text', async () => {
    const patient = entries((await door.request('/v1/patients/?_count=1&_page=0', { headers: auth })).json())[0];
    await door.request('/v1/subscriptions/', {
      method: 'POST',
      headers: auth,
      body: { criteria: 'patient.created', channel: { type: 'rest-hook', endpoint: 'https://hooks.example.com/x', header: ['Authorization: Bearer canary-hook-secret'] } },
    });
    await door.request('/v1/practitioners/', { method: 'POST', headers: auth, body: { name: [{ family: 'Canaryfamily' }], ssn: '000-00-0000' } });
    await door.request(`/v1/patients/${patient.id}/`, { method: 'PUT', headers: auth, body: { meta: { tag: [{ code: 'notes', display: 'canary note about health' }] } } });
    await door.request('/v1/relatedperson/_search/', { method: 'POST', headers: auth, body: { name: 'Canaryname', phone: '3035550199' } });
    const text = JSON.stringify((await admin('journal')).json());
    for (const canary of ['canary-hook-secret', 'Canaryfamily', '000-00-0000', 'canary note', 'Canaryname', '3035550199']) expect(text).not.toContain(canary);
    expect(text).toContain('"ssn":"[redacted]"');
  });

  it('journals time, method, path, status, latency and operation; never the secret', async () => {
    await door.request('/v1/practitioners/?_count=2', { headers: auth });
    const entriesSeen = (await admin('journal')).json().entries;
    const last = entriesSeen.at(-1);
    expect(last).toMatchObject({ method: 'GET', path: '/v1/practitioners/', query: '_count=2', status: 200, operationId: 'searchPractitioners', transport: 'respond' });
    expect(Date.parse(last.time)).not.toBeNaN();
    expect(last.latencyMs).toBeGreaterThanOrEqual(0);
    expect(last.auth).toMatch(/^Bearer #[0-9a-f]{8}$/);
    const tokenCall = entriesSeen.find((e: any) => e.operationId === 'getAccessToken');
    expect(tokenCall.requestBody).toMatchObject({ client_id: MOCK_CREDENTIALS.client_id, client_secret: '[redacted]' });
    const since = last.seq;
    await door.request('/v1/patients/?_count=1', { headers: auth });
    expect((await admin(`journal?since=${since}`)).json().entries.map((e: any) => e.operationId)).toEqual(['searchPatients']);
    expect((await admin('journal?since=-3')).status).toBe(400);
  });

  it('a fault rule answers matching requests by operationId, then is cleared', async () => {
    expect((await addFault({ name: 'down', when: { operationId: 'searchPatients' }, then: { status: 503, body: { message: 'Service Unavailable' } } })).status).toBe(201);
    const res = await door.request('/v1/patients/', { headers: auth });
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ message: 'Service Unavailable' });
    expect((await door.request('/v1/practitioners/', { headers: auth })).status).toBe(200);
    expect((await admin('journal')).json().entries.at(-2).rule).toBe('fault:down');
    await admin('faults/down', 'DELETE');
    expect((await door.request('/v1/patients/', { headers: auth })).status).toBe(200);
  });

  it('matches by method and path pattern, only on the Nth call or calls N..M', async () => {
    await addFault({ name: 'third', when: { method: 'GET', path: '^/v1/practitioners/\\d+/$', nth: 3 }, then: { status: 500, body: { error: 'boom' } } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await door.request('/v1/practitioners/2001/', { headers: auth })).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200]);
    await admin('faults', 'DELETE');
    await addFault({ name: 'window', when: { operationId: 'getPractitioner', calls: { from: 2, to: 3 } }, then: { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } } });
    const window = [];
    for (let i = 0; i < 4; i++) window.push((await door.request('/v1/practitioners/2001/', { headers: auth })).status);
    expect(window).toEqual([200, 429, 429, 200]);
  });

  it('probability draws from the seed: the same seed gives the same pattern', async () => {
    const pattern = async () => {
      await admin('reset', 'POST');
      auth = bearer(await token(door));
      await addFault({ name: 'flaky', when: { operationId: 'getPractitioner', probability: 0.5 }, then: { status: 502, body: { error: 'bad gateway' } } });
      const out = [];
      for (let i = 0; i < 20; i++) out.push((await door.request('/v1/practitioners/2001/', { headers: auth })).status);
      return out;
    };
    const a = await pattern();
    expect(a).toContain(502);
    expect(a).toContain(200);
    expect(await pattern()).toEqual(a);
  });

  it.each([
    [{ name: 'x', then: { status: 500 }, colour: 1 }, /unknown key "colour"/],
    [{ name: 'x', when: { path: '([' }, then: { status: 500 } }, /rule\.when\.path: is not a valid regular expression/],
    [{ name: 'x', when: { probability: 1.5 }, then: { status: 500 } }, /rule\.when\.probability: must be <= 1/],
    [{ name: 'x', then: { status: 'five hundred' } }, /rule\.then\.status: must be integer/],
    [{ then: { status: 500 } }, /missing "name"/],
    [{ name: 'x', when: { calls: { from: 5, to: 2 } }, then: { status: 500 } }, /"to" \(2\) is before "from" \(5\)/],
    // Nested repeats like (a+)+ are safe now (RE2 matches in linear time); backreferences RE2 cannot do.
    [{ name: 'x', when: { path: '^/v1/(a+)\\1$' }, then: { status: 500 } }, /rule\.when\.path: fault paths are matched by RE2 .*backreferences/],
  ])('refuses the fault rule %j and says where', async (rule, message) => {
    const res = await addFault(rule);
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(message);
    expect((await admin('faults')).json().faults).toEqual([]);
  });

  it('the clock only moves forward, by a number of seconds', async () => {
    expect((await admin('clock', 'POST', { advanceSeconds: -5 })).status).toBe(400);
    expect((await admin('clock', 'POST', { seconds: 5 })).json().error).toMatch(/^seconds: unknown field/);
    expect((await admin('clock', 'POST', { advanceSeconds: 30 })).json().clockOffsetSeconds).toBe(30);
  });

  it('switching scenario keeps what the scenario leaves out (the start-up day) and takes what it sets', async () => {
    const res = await admin('scenario', 'POST', { name: 'happy-path' });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({ scenario: { name: 'happy-path' }, today: '2026-11-26', seed: 7, size: 'small' });
    // A reset replays the scenario (its seed and size), not the start-up options.
    expect((await admin('reset', 'POST')).json()).toMatchObject({ scenario: { name: 'happy-path' }, seed: 7, size: 'small', today: '2026-11-26' });
    await admin('load', 'POST', { seed: 4, size: 'tiny' });
  });

  it('refuses an unknown scenario and keeps the running one', async () => {
    const res = await admin('scenario', 'POST', { name: 'no-such-scenario' });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/no scenario named "no-such-scenario"; the catalogue has .*happy-path/);
    expect((await admin('status')).json().seed).toBe(4);
  });

  it('load starts from the start-up options: nothing of a loaded scenario carries over', async () => {
    await admin('scenario', 'POST', { name: 'bad-credentials' });
    expect((await door.request('/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS })).status).toBe(401);
    const loaded = (await admin('load', 'POST', { seed: 4 })).json();
    expect(loaded).toMatchObject({ scenario: null, seed: 4, size: 'tiny', today: '2026-11-26', tokenLifetimeSeconds: 3599 });
    expect((await door.request('/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS })).status).toBe(200);
  });

  it('a reset after a load replays the load, quirk switches merged over the start-up ones', async () => {
    await admin('load', 'POST', { quirks: { 'count-capped-at-100': false } });
    const quirks = (await admin('reset', 'POST')).json().quirks;
    expect(quirks['count-capped-at-100']).toBe(false);
    expect(quirks['status-none']).toBe(true);
    await admin('load', 'POST', {});
  });

  it('rejectCredentials must be a boolean, not a word that reads the other way', async () => {
    const res = await admin('load', 'POST', { rejectCredentials: 'no' });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^rejectCredentials: must be true or false/);
    expect((await admin('load', 'POST', { quirks: null })).json().error).toMatch(/^quirks: must be an object/);
  });

  it('journal: a poller gets the next entries after `since` in order; without it, the newest', async () => {
    for (let i = 0; i < 6; i++) await door.request('/v1/locations/', { headers: auth });
    const all = (await admin('journal')).json().entries.map((e: any) => e.seq);
    const since = all[0];
    expect((await admin(`journal?since=${since}&limit=2`)).json().entries.map((e: any) => e.seq)).toEqual([since + 1, since + 2]);
    expect((await admin('journal?limit=2')).json().entries.map((e: any) => e.seq)).toEqual(all.slice(-2));
  });

  it('journal: secrets and personal details in queries and bodies are not kept', async () => {
    await door.request('/v1/practitioners/?mobile_phone=3035550174&last_name=Quill&api_key=shh', { headers: auth });
    await door.request('/v1/practitioners/?first_na%6De=Marisol', { headers: auth });
    await door.request('/v1/patients/', { method: 'POST', headers: auth, body: { name: [{ family: 'Fenwick', given: ['Rosalind'] }], birthDate: '1941-09-03', telecom: [{ system: 'phone', value: '3035550141' }] } });
    await door.request('/oauth/accesstoken', { method: 'POST', body: { ...MOCK_CREDENTIALS, apiKey: 'k-123', pwd: 'p-456' } });
    const text = JSON.stringify((await admin('journal')).json());
    for (const secret of ['3035550174', 'Quill', 'shh', 'Marisol', 'Fenwick', 'Rosalind', '1941-09-03', '3035550141', 'k-123', 'p-456', MOCK_CREDENTIALS.client_secret]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('mobile_phone=%5B10+chars%5D');
  });

  it('clock: an absurd advance is refused, and the journal still reads', async () => {
    expect((await admin('clock', 'POST', { advanceSeconds: 1e300 })).status).toBe(400);
    expect((await admin('journal')).status).toBe(200);
  });

  it('a fault name that is not valid percent-encoding is a 400, not a crash', async () => {
    const res = await door.request('/__admin/faults/%E0%A4%A', { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/percent-encoding/);
  });

  it('an unknown control endpoint lists the ones there are', async () => {
    const res = await admin('teleport', 'POST');
    expect(res.status).toBe(404);
    expect(res.json().endpoints.join('\n')).toContain('/__admin/faults');
  });

  it('a control body that is not JSON is refused clearly', async () => {
    const res = await door.request('/__admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^body: not valid JSON/);
  });
});
