// Gigi's WellSky client against the simulated WellSky, through a real socket and
// through MSW: token shapes, expiry mid-run, a 429 storm, an outage, a hang, a
// dropped connection, the January paths, and read-only mode. Every wait is on a
// fake clock; no test sleeps for real seconds.
import { afterEach, describe, expect, it } from 'vitest';
import { entriesOf } from '../../src/wellsky/bundle.ts';
import { classifyResponse, WellSkyError } from '../../src/wellsky/failures.ts';
import { readAllPages } from '../../src/wellsky/paging.ts';
import { clientCalls, problemsWith } from '../support/client-calls.ts';
import { CLIENT_DOORS, openWellSky, stallAdvancingFetch, TEST_LIMITS, type OpenWellSky } from '../support/wellsky.ts';

const rejection = async (p: Promise<unknown>): Promise<WellSkyError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(WellSkyError);
  return error as WellSkyError;
};

describe.each(CLIENT_DOORS)('the WellSky client through %s', (door) => {
  let w: OpenWellSky | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });
  const practitioners = (o: OpenWellSky) => o.client.api.GET('/v1/practitioners/', { params: { query: { _count: 5 } } });

  it('reads the live token shape (access_token only) and sends it as Bearer', async () => {
    w = await openWellSky(door, { scenario: 'token-without-auth-token' });
    expect(entriesOf((await practitioners(w)).data)).toHaveLength(5);
    expect(w.client.tokens.info()).toMatchObject({ field: 'access_token', tokenType: 'BearerToken', lifetimeSeconds: 3599 });
    const calls = await w.journal();
    expect(calls.at(-1)).toMatchObject({ operationId: 'searchPractitioners', status: 200 });
  });

  it('reads the documented shape (auth_token only)', async () => {
    w = await openWellSky(door, { scenario: 'token-only-auth-token' });
    expect((await practitioners(w)).response.status).toBe(200);
    expect(w.client.tokens.info()?.field).toBe('auth_token');
  });

  it('a token answer with neither field is a typed error listing the fields it held, never their values', async () => {
    w = await openWellSky(door, { scenario: 'token-without-any-token' });
    const error = await rejection(practitioners(w));
    expect(error.kind).toBe('token-response-unusable');
    expect(error.detail).toMatch(/neither access_token nor auth_token; it held: .*token_type.*expires_in/);
    expect(JSON.stringify(error)).not.toContain(w.credentials.clientSecret);
    // The names, not the values ("approved", "BearerToken", the client id it echoed).
    expect(error.detail).not.toMatch(/approved|BearerToken/);
    expect(error.detail).not.toContain(w.credentials.clientId);
    expect((await w.journal()).filter((e) => e.operationId !== 'getAccessToken')).toEqual([]);
  });

  it('many callers share one token call', async () => {
    w = await openWellSky(door);
    await Promise.all(Array.from({ length: 12 }, () => practitioners(w!)));
    expect((await w.journal()).filter((e) => e.operationId === 'getAccessToken')).toHaveLength(1);
    expect(w.client.tokens.fetched).toBe(1);
  });

  it('a token that expires mid-run is renewed once after the 401, and the call succeeds', async () => {
    w = await openWellSky(door, { scenario: 'token-expiry-mid-callout' });
    await practitioners(w);
    // WellSky's clock moves past the 30-second lifetime; the client's does not notice.
    await w.admin('clock', 'POST', { advanceSeconds: 31 });
    expect((await practitioners(w)).response.status).toBe(200);
    const calls = await w.journal();
    expect(calls.map((c) => [c.operationId, c.status])).toEqual([
      ['getAccessToken', 200],
      ['searchPractitioners', 200],
      ['searchPractitioners', 401],
      ['getAccessToken', 200],
      ['searchPractitioners', 200],
    ]);
  });

  it('renews ahead of expiry by its own clock, without waiting for a 401', async () => {
    w = await openWellSky(door, { scenario: 'token-expiry-mid-callout' });
    await practitioners(w);
    await w.clock.advance(20_000); // past the half-life of a 30-second token
    await practitioners(w);
    expect((await w.journal()).map((c) => c.status)).not.toContain(401);
    expect(w.client.tokens.fetched).toBe(2);
  });

  it('renews once on a 401, never in a loop', async () => {
    w = await openWellSky(door);
    await w.admin('faults', 'POST', { name: 'always-401', when: { operationId: 'searchPractitioners' }, then: { status: 401, body: { message: 'Unauthorized' } } });
    const error = await rejection(practitioners(w));
    expect(error.kind).toBe('token-rejected');
    const calls = (await w.journal()).map((c) => c.operationId);
    expect(calls).toEqual(['getAccessToken', 'searchPractitioners', 'getAccessToken', 'searchPractitioners']);
  });

  it('waits out a 429 storm as Retry-After asks, on the fake clock', async () => {
    w = await openWellSky(door, { scenario: 'rate-limited' });
    for (let i = 0; i < 4; i++) expect((await practitioners(w)).response.status).toBe(200);
    const statuses = (await w.journal()).filter((c) => c.operationId === 'searchPractitioners').map((c) => c.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(statuses.at(-1)).toBe(200);
    expect(w.clock.sleeps).toEqual([2000, 2000, 2000, 2000]);
  });

  it('an outage is upstream-down after bounded retries inside the budget', async () => {
    w = await openWellSky(door, { scenario: 'wellsky-down' });
    const error = await rejection(practitioners(w));
    expect(error).toMatchObject({ kind: 'upstream-down', status: 503, method: 'POST', path: '/oauth/accesstoken' });
    // Retry-After 30 fits the 30-second budget once; a second wait would not.
    expect(w.clock.sleeps).toEqual([30_000]);
    expect(error.attempts).toBe(2);
    expect((await w.journal()).length).toBe(2);
  });

  it('a hang is a timeout at the configured time, not retried', async () => {
    w = await openWellSky(door, { scenario: 'connection-failures' });
    const client = (await import('../../src/wellsky/client.ts')).createWellSkyClient({
      baseUrl: w.baseUrl,
      credentials: w.credentials,
      clock: w.clock,
      allowWrites: true,
      ...TEST_LIMITS,
      fetch: stallAdvancingFetch(w.clock, TEST_LIMITS.timeoutMs),
    });
    try {
      const id = entriesOf<{ id: string }>((await client.api.GET('/v1/practitioners/', {})).data)[0]!.id;
      const before = w.clock.now();
      const error = await rejection(client.api.GET('/v1/practitioners/{id}/', { params: { path: { id } } }));
      expect(error).toMatchObject({ kind: 'timeout', method: 'GET', attempts: 1 });
      expect(error.status).toBeUndefined();
      expect(w.clock.now() - before).toBe(TEST_LIMITS.timeoutMs);
      expect((await w.journal()).filter((c) => c.operationId === 'getPractitioner')).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('a dropped connection is retried for a read, then reported as connection-reset', async () => {
    w = await openWellSky(door, { scenario: 'connection-failures' });
    const id = entriesOf<{ id: string }>((await w.client.api.GET('/v1/patients/', {})).data)[0]!.id;
    const error = await rejection(w.client.api.GET('/v1/patients/{id}/', { params: { path: { id } } }));
    expect(error).toMatchObject({ kind: 'connection-reset', attempts: TEST_LIMITS.maxAttempts });
    expect((await w.journal()).filter((c) => c.operationId === 'getPatient')).toHaveLength(TEST_LIMITS.maxAttempts);
  });

  it('does not retry a 500 (WellSky\'s own fault), only the gateway\'s 502, 503 and 504', async () => {
    w = await openWellSky(door);
    await w.admin('faults', 'POST', { name: 'broken', when: { operationId: 'searchPractitioners' }, then: { status: 500, body: { error: 'internal' } } });
    expect(await rejection(practitioners(w))).toMatchObject({ kind: 'upstream-down', status: 500, attempts: 1 });
    expect(w.clock.sleeps).toEqual([]);
  });

  it('never retries a write', async () => {
    w = await openWellSky(door);
    await w.admin('faults', 'POST', { name: 'busy', when: { operationId: 'createPatient' }, then: { status: 503, headers: { 'retry-after': '1' }, body: { message: 'Service Unavailable' } } });
    const error = await rejection(w.client.api.POST('/v1/patients/', { body: { name: [{ family: 'Once', given: ['Only'] }] } }));
    expect(error).toMatchObject({ kind: 'upstream-down', attempts: 1 });
    expect((await w.journal()).filter((c) => c.operationId === 'createPatient')).toHaveLength(1);
    expect(w.clock.sleeps).toEqual([]);
  });

  it('the January paths, sent with a raw fetch (the typed client cannot), are unknown-route', async () => {
    w = await openWellSky(door);
    const token = await w.client.tokens.token();
    for (const path of ['/v1/Practitioner', '/v1/v1/practitioners/', '/v1/practitioners', '/v1/appointments/']) {
      for (const headers of [{ authorization: `Bearer ${token}` }, {}] as Record<string, string>[]) {
        const res = await fetch(`${w.baseUrl}${path}`, { headers });
        const facts = classifyResponse({ status: res.status, headers: res.headers, body: await res.text(), now: w.clock.now() });
        expect(facts?.kind, `${path} ${JSON.stringify(headers)}`).toBe('unknown-route');
        expect(facts?.detail).not.toContain(token);
      }
    }
  });

  it('the BearerToken scheme is auth-scheme, told apart from a bad token and an unknown route', async () => {
    w = await openWellSky(door);
    const token = await w.client.tokens.token();
    const kind = async (authorization: string) => {
      const res = await fetch(`${w!.baseUrl}/v1/practitioners/`, { headers: { authorization } });
      return classifyResponse({ status: res.status, headers: res.headers, body: await res.text(), now: 0 })?.kind;
    };
    expect(await kind(`BearerToken ${token}`)).toBe('auth-scheme');
    expect(await kind('Bearer 0123456789abcdef0123456789abcdef')).toBe('token-rejected');
    expect(await kind(`Bearer ${token}`)).toBeUndefined();
  });

  it('read-only: a write is refused before any byte leaves, and reads still work', async () => {
    w = await openWellSky(door);
    let sent = 0;
    const counting: typeof fetch = (input, init) => {
      sent++;
      return globalThis.fetch(input, init);
    };
    const readOnly = (await import('../../src/wellsky/client.ts')).createWellSkyClient({ baseUrl: w.baseUrl, credentials: w.credentials, clock: w.clock, allowWrites: false, ...TEST_LIMITS, fetch: counting });
    try {
      for (const write of [
        () => readOnly.api.POST('/v1/patients/', { body: { name: [{ family: 'Never' }] } }),
        () => readOnly.api.PUT('/v1/patients/{id}/', { params: { path: { id: '50001' } }, body: { active: false } }),
        () => readOnly.api.DELETE('/v1/appointment/{id}/', { params: { path: { id: '700001' } } }),
        () => readOnly.api.POST('/v1/encounter/{id}/tasklog/', { params: { path: { id: '900001' } }, body: { title: 'Note', description: 'Never sent' } }),
        // An id that reads like a search route is still a write.
        () => readOnly.api.PUT('/v1/patients/{id}/', { params: { path: { id: '_search' } }, body: { active: false } }),
        () => readOnly.api.DELETE('/v1/appointment/{id}/', { params: { path: { id: '_search' } } }),
        () => readOnly.api.POST('/v1/careplan/activity/{patientId}/', { params: { path: { patientId: '_search' } }, body: { activity: [] } }),
      ]) {
        const error = await rejection(write());
        expect(error).toMatchObject({ kind: 'writes-disabled', attempts: 0 });
        expect(error.detail).toContain('WELLSKY_ALLOW_WRITES=true');
      }
      expect(sent).toBe(0);
      expect(await w.journal()).toEqual([]);
      // A search is a POST but not a write.
      const found = await readOnly.api.POST('/v1/practitioners/_search/', { body: { is_hired: 'true' } });
      expect(found.response.status).toBe(200);
      expect(sent).toBe(2);
    } finally {
      await readOnly.close();
    }
  });

  it('pages a whole list from page 0, never trusting the first page\'s count', async () => {
    w = await openWellSky(door, { size: 'small' });
    const status = (await (await w.admin('status')).json()) as { counts: { patients: number } };
    const plain = await w.client.api.GET('/v1/patients/', {});
    // Live-like: a plain list claims its first page is everything.
    expect((plain.data as { totalRecords?: number }).totalRecords).toBe(30);
    const all = await readAllPages((page) => w!.client.api.GET('/v1/patients/', { params: { query: { _count: 40, _page: page } } }).then((r) => r.data), { firstPage: 0, pageSize: 40 });
    expect(all).toHaveLength(status.counts.patients);
    expect(new Set(all.map((p) => p.id)).size).toBe(status.counts.patients);
  });

  it('runs the same call list as the prism-mode suite, every call answered', async () => {
    w = await openWellSky(door);
    // Ids picked from the seeded agency: a finished visit, its shift, client and caregiver.
    const visit = w.simulator.state().store.encounters.all().find((e) => (e.period as { end?: string }).end)!;
    const ids = { caregiver: (visit.caregiver as { id: string }).id, client: (visit.client as { id: string }).id, shift: String(visit.appointmentId), visit: visit.id, day: '20261126' };
    expect(await problemsWith(clientCalls(w.client, ids))).toEqual([]);
  });

  it('reads bare and wrapped entries alike', async () => {
    w = await openWellSky(door);
    const raw = (await w.client.api.GET('/v1/practitioners/', { params: { query: { _count: 6 } } })).data as { entry: object[] };
    expect(raw.entry.some((e) => 'resource' in e)).toBe(true);
    expect(entriesOf<{ resourceType: string }>(raw).every((p) => p.resourceType === 'Practitioner')).toBe(true);
  });

  it('a malformed success is malformed-response, not data', async () => {
    w = await openWellSky(door, { scenario: 'malformed-responses' });
    expect((await rejection(practitioners(w))).kind).toBe('malformed-response');
  });
});
