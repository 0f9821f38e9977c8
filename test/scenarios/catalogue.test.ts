// The scripted-scenario catalogue (scenarios/*.yaml): each file loads, reads well,
// and — through both doors — the mock does what the file's description promises.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listScenarios, loadScenario } from '../../mock-server/core/scenario.ts';
import type { FaultRule } from '../../mock-server/core/faults.ts';
import { createSimulator, type SimulatorOptions } from '../../mock-server/core/simulator.ts';
import { bearer, DOOR_KINDS, entries, MOCK_CREDENTIALS, openDoor, type Door, type DoorResponse } from '../support/doors.ts';
import { agencyFacts, EMPTY_LIVE_BUNDLE, openFetchDoor, type FetchDoor } from './scenario-helpers.ts';

const invalidKeyValue = (header: string) =>
  JSON.stringify({
    message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${createHash('sha256').update(header).digest('base64')}'.`,
  });
const MISSING_TOKEN = '{"message":"Missing Authentication Token"}';
const TOO_MANY = '{"message":"Too Many Requests"}';
const UNAVAILABLE = '{"message":"Service Unavailable"}';
const INVALID_CLIENT = '{"error":"invalid_client","error_description":"client_id or client_secret is not recognised"}';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('the scenario catalogue', () => {
  const catalogue = listScenarios();

  it('has at least 14 scenarios, every one loading with a readable description and expectations', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(14);
    for (const { name, description, file } of catalogue) {
      expect(description.trim().length, name).toBeGreaterThanOrEqual(40);
      expect(file.endsWith(`/${name}.yaml`), name).toBe(true);
      expect(readFileSync(file, 'utf8').startsWith('# yaml-language-server: $schema=./schema.json\n'), `${name}: schema comment on line 1`).toBe(true);
      const scenario = loadScenario(name);
      expect(scenario.expect?.length ?? 0, `${name}: names what Gigi must do`).toBeGreaterThan(0);
      for (const e of scenario.expect ?? []) expect(e.name, name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });

  it('holds every entry the catalogue promises', () => {
    const names = catalogue.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'happy-path', 'token-without-auth-token', 'token-only-auth-token', 'token-both-names', 'token-without-any-token',
        'wrong-path-january', 'bearertoken-scheme', 'credentials-not-provisioned', 'bad-credentials', 'token-expiry-mid-callout',
        'rate-limited', 'wellsky-down', 'slow-api', 'slow-api-worst-case', 'appointment-search-empty', 'malformed-responses',
        'connection-failures', 'large-agency',
      ]),
    );
  });

  it('is what GET /__admin/scenarios lists', async () => {
    const door = await openDoor('express', {});
    const listed = (await door.request('/__admin/scenarios')).json().scenarios;
    expect(listed).toEqual(catalogue.map(({ name, description }) => ({ name, description })));
  });
});

/** A token straight from a simulator's core, for tests that call `handle` directly. */
async function coreToken(simulator: ReturnType<typeof createSimulator>): Promise<string> {
  const res = await simulator.handle({ method: 'POST', path: '/oauth/accesstoken', query: {}, headers: { 'content-type': 'application/json' }, body: JSON.stringify(MOCK_CREDENTIALS) });
  return JSON.parse(res.body).access_token;
}

describe.each(DOOR_KINDS)('scenarios through %s', (kind) => {
  let door: Door | undefined;
  const open = async (scenario: string, extra: SimulatorOptions = {}): Promise<Door> => {
    await door?.close();
    door = await openDoor(kind, { scenario, ...extra });
    return door;
  };
  afterEach(async () => {
    await door?.close();
    door = undefined;
  });

  const tokenResponse = (d: Door, body: unknown = MOCK_CREDENTIALS) => d.request('/oauth/accesstoken', { method: 'POST', body });
  const accessToken = async (d: Door): Promise<string> => {
    const res = await tokenResponse(d);
    expect(res.status, res.text).toBe(200);
    const t = res.json();
    return t.access_token ?? t.auth_token;
  };
  const get = (d: Door, path: string, headers: Record<string, string> = {}) => d.request(path, { headers });
  const journal = async (d: Door) => (await d.request('/__admin/journal')).json().entries as { rule?: string; operationId?: string; status: number; transport: string }[];

  it('happy-path: a live-like small agency where everything answers', async () => {
    const d = await open('happy-path');
    const status = (await d.request('/__admin/status')).json();
    expect(status).toMatchObject({ scenario: { name: 'happy-path' }, profile: 'live-like', size: 'small', faults: [] });
    expect(status.counts.practitioners + status.counts.patients).toBe(300);
    const facts = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    const practitioners = await get(d, '/v1/practitioners/?is_hired=true&_count=5', auth);
    expect(practitioners.status).toBe(200);
    expect(entries(practitioners.json()).length).toBeGreaterThan(0);
    expect((await get(d, `/v1/patients/${facts.patientId}/`, auth)).json().id).toBe(facts.patientId);
    const shifts = await get(d, `/v1/appointment/?clientId=${facts.clientId}&startDate=${facts.startDate}`, auth);
    expect(shifts.status).toBe(200);
    expect(entries(shifts.json()).length).toBeGreaterThan(0);
    // Live quirks are on: an empty search is the bare live Bundle.
    expect((await get(d, '/v1/practitioners/?last_name=Zzyzxqv', auth)).text).toBe(EMPTY_LIVE_BUNDLE);
    expect((await journal(d)).every((e) => e.status < 400 && !e.rule?.startsWith('fault:'))).toBe(true);
  });

  it('token-without-auth-token: the live token shape, access_token only', async () => {
    const d = await open('token-without-auth-token');
    const t = (await tokenResponse(d)).json();
    expect(t.access_token).toMatch(/^[0-9a-f]{32}$/);
    for (const field of ['auth_token', 'graphql_token', 'drf_token']) expect(t).not.toHaveProperty(field);
    expect(t).toMatchObject({ token_type: 'BearerToken', expires_in: '3599', status: 'approved' });
    expect((await get(d, '/v1/practitioners/', bearer(t.access_token))).status).toBe(200);
    // What a client reading `auth_token` sends.
    const broken = await get(d, '/v1/practitioners/', bearer(String(t.auth_token)));
    expect(broken.status).toBe(401);
    expect(broken.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('token-only-auth-token: the documented shape, auth_token and friends, no access_token', async () => {
    const d = await open('token-only-auth-token');
    const t = (await tokenResponse(d)).json();
    expect(t).not.toHaveProperty('access_token');
    expect(t.auth_token).toMatch(/^[0-9a-f]{32}$/);
    expect(t.graphql_token).toEqual(expect.any(String));
    expect(t.drf_token).toEqual(expect.any(String));
    expect((await get(d, '/v1/practitioners/', bearer(t.auth_token))).status).toBe(200);
    expect((await get(d, '/v1/practitioners/', bearer(t.graphql_token))).status).toBe(401);
  });

  it('token-both-names: access_token and auth_token carry the same token', async () => {
    const d = await open('token-both-names');
    const t = (await tokenResponse(d)).json();
    expect(t.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(t.auth_token).toBe(t.access_token);
    expect(t).toHaveProperty('graphql_token');
    expect(t).toHaveProperty('drf_token');
    expect((await get(d, '/v1/practitioners/', bearer(t.access_token))).status).toBe(200);
  });

  it('token-without-any-token: 200 approved, but nothing usable in it', async () => {
    const d = await open('token-without-any-token');
    const res = await tokenResponse(d);
    expect(res.status).toBe(200);
    const t = res.json();
    expect(Object.keys(t).sort()).toEqual(['client_id', 'expires_in', 'issued_at', 'refresh_count', 'refresh_token_expires_in', 'scope', 'status', 'token_type']);
    expect(t.status).toBe('approved');
    expect((await get(d, '/v1/practitioners/', bearer(String(t.access_token ?? t.auth_token)))).status).toBe(401);
  });

  it('wrong-path-january: the gateway answers wrong paths with its {message} 403, right paths work', async () => {
    const d = await open('wrong-path-january');
    expect((await d.request('/__admin/status')).json().faults).toEqual([]);
    const header = `Bearer ${await accessToken(d)}`;
    for (const path of ['/v1/Practitioner', '/v1/Patient', '/v1/Appointment', '/v1/appointments/', '/v1/v1/practitioners/', '/v1/practitioners']) {
      const res = await get(d, path, { authorization: header });
      expect(res.status, path).toBe(403);
      expect(res.text, path).toBe(invalidKeyValue(header));
    }
    expect((await get(d, '/v1/Practitioner')).text).toBe(MISSING_TOKEN);
    // The same credentials on the real route: the fix was the path.
    expect((await get(d, '/v1/practitioners/', { authorization: header })).status).toBe(200);
    expect((await journal(d)).filter((e) => e.rule === 'gateway:invalid-key-value-pair')).toHaveLength(6);
  });

  it('bearertoken-scheme: echoing token_type as the scheme is a 401 that names the scheme', async () => {
    const d = await open('bearertoken-scheme');
    const t = (await tokenResponse(d)).json();
    expect(t.token_type).toBe('BearerToken');
    const echoed = `${t.token_type} ${t.access_token}`;
    const res = await get(d, '/v1/practitioners/', { authorization: echoed });
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"message":"Unauthorized"}');
    // The description is an HTTP quoted-string: its own quotes are escaped.
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_request", error_description="(?:[^"\\]|\\.)*must be \\"Bearer\\"(?:[^"\\]|\\.)*"$/);
    // On a wrong path the gateway's 403 answers first, as in January.
    expect((await get(d, '/v1/Practitioner', { authorization: echoed })).text).toBe(invalidKeyValue(echoed));
    expect((await get(d, '/v1/practitioners/', bearer(t.access_token))).status).toBe(200);
  });

  it('credentials-not-provisioned: real routes 403 with {error}; unknown routes keep the gateway {message}', async () => {
    const d = await open('credentials-not-provisioned');
    const facts = agencyFacts(d.simulator);
    const t = await accessToken(d);
    const header = `Bearer ${t}`;
    for (const path of ['/v1/practitioners/', `/v1/patients/${facts.patientId}/`, `/v1/appointment/?clientId=${facts.clientId}&startDate=${facts.startDate}`, '/v1/locations/']) {
      const res = await get(d, path, { authorization: header });
      expect(res.status, path).toBe(403);
      const body = res.json();
      expect(Object.keys(body), path).toEqual(['error']);
      expect(body.error).toMatch(/not provisioned/);
    }
    for (const path of ['/v1/Practitioner', '/v1/v1/practitioners/']) {
      const res = await get(d, path, { authorization: header });
      expect(res.status, path).toBe(403);
      expect(Object.keys(res.json()), path).toEqual(['message']);
      expect(res.text).toBe(invalidKeyValue(header));
    }
    // WellSky answers only what got past the gateway and auth: no token is still a 401,
    // and a method that is not a route on a real path is still the gateway's 403.
    const anonymous = await get(d, '/v1/practitioners/');
    expect(anonymous.status).toBe(401);
    const patch = await d.request('/v1/practitioners/2001/', { method: 'PATCH', headers: { authorization: header }, body: {} });
    expect(patch.status).toBe(403);
    expect(Object.keys(patch.json())).toEqual(['message']);
    const rules = (await journal(d)).map((e) => e.rule);
    expect(rules.filter((r) => r === 'fault:not-provisioned')).toHaveLength(4);
    expect(rules.filter((r) => r === 'gateway:invalid-key-value-pair')).toHaveLength(3);
    expect(rules).toContain('auth:missing');
  });

  it('bad-credentials: every token request is a 401 invalid_client', async () => {
    const d = await open('bad-credentials');
    for (const body of [MOCK_CREDENTIALS, { ...MOCK_CREDENTIALS, client_secret: 'rotated' }]) {
      const res = await tokenResponse(d, body);
      expect(res.status).toBe(401);
      expect(res.text).toBe(INVALID_CLIENT);
    }
    expect((await get(d, '/v1/practitioners/')).status).toBe(401);
  });

  it('token-expiry-mid-callout: a 30 s token expires when the clock moves, a new one works', async () => {
    const d = await open('token-expiry-mid-callout');
    const t = (await tokenResponse(d)).json();
    expect(t.expires_in).toBe('30');
    const auth = bearer(t.access_token);
    expect((await get(d, '/v1/practitioners/', auth)).status).toBe(200);
    await d.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 29 } });
    expect((await get(d, '/v1/practitioners/?_count=5', auth)).status).toBe(200);
    await d.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 2 } });
    const expired = await get(d, '/v1/practitioners/?_count=5', auth);
    expect(expired.status).toBe(401);
    expect(expired.headers['www-authenticate']).toMatch(/invalid_token.*expired/);
    expect((await get(d, '/v1/practitioners/?_count=5', bearer(await accessToken(d)))).status).toBe(200);
  });

  it('rate-limited: calls 3 to 6 under /v1/ get 429 with Retry-After, then it recovers', async () => {
    const d = await open('rate-limited');
    const { practitionerId } = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      if (i === 4) await accessToken(d); // the token call is not counted or throttled
      const res = await get(d, `/v1/practitioners/${practitionerId}/`, auth);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['retry-after']).toBe('2');
        expect(res.text).toBe(TOO_MANY);
      }
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 200, 200]);
  });

  it('rate-limited-random: about one call in four is a 429 with Retry-After 1', async () => {
    const d = await open('rate-limited-random');
    const { practitionerId } = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    const limited: DoorResponse[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await get(d, `/v1/practitioners/${practitionerId}/`, auth);
      expect([200, 429]).toContain(res.status);
      if (res.status === 429) limited.push(res);
    }
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeLessThanOrEqual(20);
    for (const res of limited) {
      expect(res.headers['retry-after']).toBe('1');
      expect(res.text).toBe(TOO_MANY);
    }
  });

  it('wellsky-down: 503 with Retry-After on everything, the token call included', async () => {
    const d = await open('wellsky-down');
    const token = await tokenResponse(d);
    expect(token.status).toBe(503);
    expect(token.text).toBe(UNAVAILABLE);
    expect(token.headers['retry-after']).toBe('30');
    for (const path of ['/v1/practitioners/', '/v1/patients/50001/', '/v1/Practitioner']) {
      const res = await get(d, path, bearer('0'.repeat(32)));
      expect(res.status, path).toBe(503);
      expect(res.text).toBe(UNAVAILABLE);
    }
    // The control API is not WellSky: it still answers.
    expect((await d.request('/__admin/status')).status).toBe(200);
    expect((await journal(d)).every((e) => e.rule === 'fault:down')).toBe(true);
  });

  /** A door whose fault delays are recorded, not waited: the test says what was asked, not how long it took. */
  const openRecordingDelays = async (scenario: string) => {
    const delays: number[] = [];
    const d = await open(scenario, { sleep: async (ms) => void delays.push(ms) });
    return { d, delays };
  };

  it('slow-api: each resource call takes 300-600 ms, the token call is not slowed', async () => {
    const { d, delays } = await openRecordingDelays('slow-api');
    const facts = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    expect(delays).toEqual([]);
    for (const path of ['/v1/practitioners/?_count=5', `/v1/patients/${facts.patientId}/`, `/v1/appointment/?clientId=${facts.clientId}&startDate=${facts.startDate}`]) {
      expect((await get(d, path, auth)).status, path).toBe(200);
    }
    expect(delays).toHaveLength(3);
    for (const ms of delays) {
      expect(ms).toBeGreaterThanOrEqual(300);
      expect(ms).toBeLessThanOrEqual(600);
    }
    const entriesSeen = await journal(d);
    expect(entriesSeen.find((e) => e.operationId === 'getAccessToken')?.rule).toBeUndefined();
    expect(entriesSeen.filter((e) => e.rule === 'fault:live-latency')).toHaveLength(3);
  });

  it('slow-api-worst-case: a people search takes 4 s, other calls 0.8-1.5 s', async () => {
    const { d, delays } = await openRecordingDelays('slow-api-worst-case');
    const facts = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    expect((await get(d, '/v1/patients/?mobile_phone=3035550142', auth)).status).toBe(200);
    expect(delays).toEqual([4000]);
    expect((await get(d, `/v1/practitioners/${facts.practitionerId}/`, auth)).status).toBe(200);
    expect(delays[1]).toBeGreaterThanOrEqual(800);
    expect(delays[1]).toBeLessThanOrEqual(1500);
    const rules = (await journal(d)).map((e) => e.rule);
    expect(rules).toEqual(expect.arrayContaining(['fault:people-searches-crawl', 'fault:everything-slow']));
  });

  it('appointment-search-empty: searches answer the empty live Bundle for three hours, then the shifts', async () => {
    const d = await open('appointment-search-empty');
    const { clientId, startDate } = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    const query = `/v1/appointment/?clientId=${clientId}&startDate=${startDate}`;
    const getSearch = await get(d, query, auth);
    expect(getSearch.status).toBe(200);
    expect(getSearch.text).toBe(EMPTY_LIVE_BUNDLE);
    const postSearch = await d.request('/v1/appointment/_search/', { method: 'POST', headers: auth, body: { clientId, startDate } });
    expect(postSearch.status).toBe(200);
    expect(postSearch.text).toBe(EMPTY_LIVE_BUNDLE);
    // WellSky's empty answer is for authorised, valid searches only: a broken client still fails.
    expect((await get(d, query)).status).toBe(401);
    expect((await get(d, query, { authorization: `BearerToken ${auth.authorization!.slice(7)}` })).status).toBe(401);
    expect((await get(d, `/v1/appointment/?clientId=${clientId}`, auth)).status).toBe(400);
    await d.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 3 * 3600 - 60 } });
    expect((await get(d, query, bearer(await accessToken(d)))).text).toBe(EMPTY_LIVE_BUNDLE);
    await d.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 60 } });
    const later = await get(d, query, bearer(await accessToken(d)));
    expect(later.status).toBe(200);
    expect(entries(later.json()).length).toBeGreaterThan(0);
    expect(entries(later.json()).every((a: any) => a.client.id === clientId)).toBe(true);
  });

  it('malformed-responses: bad JSON, cut JSON, an empty body and an HTML page, one operation each', async () => {
    const d = await open('malformed-responses');
    const facts = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));

    // Broken bodies come from WellSky, after auth: no token is still a plain 401.
    expect((await get(d, '/v1/practitioners/')).status).toBe(401);
    const malformed = await get(d, '/v1/practitioners/', auth);
    expect(malformed.status).toBe(200);
    expect(malformed.headers['content-type']).toMatch(/application\/json/);
    expect(parses(malformed.text)).toBe(false);

    // The cut body is the first half of the real one.
    const reference = createSimulator({ scenario: 'happy-path' });
    const refToken = await coreToken(reference);
    const full = (await reference.handle({ method: 'GET', path: `/v1/patients/${facts.patientId}/`, query: {}, headers: bearer(refToken) })).body;
    const truncated = await get(d, `/v1/patients/${facts.patientId}/`, auth);
    expect(truncated.status).toBe(200);
    expect(parses(truncated.text)).toBe(false);
    expect(truncated.text.length).toBe(Math.floor(full.length / 2));
    expect(full.startsWith(truncated.text)).toBe(true);

    const empty = await get(d, `/v1/appointment/?clientId=${facts.clientId}&startDate=${facts.startDate}`, auth);
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('');

    const html = await get(d, '/v1/patients/', auth);
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toMatch(/^<!DOCTYPE html>[\s\S]*502 Bad Gateway/);

    // Other operations are untouched.
    const fine = await get(d, `/v1/practitioners/${facts.practitionerId}/`, auth);
    expect(fine.status).toBe(200);
    expect(parses(fine.text)).toBe(true);
  });

  it('connection-failures: a hung read ends by the client timeout, a reset read rejects', async () => {
    await door?.close();
    door = undefined;
    let fd: FetchDoor | undefined;
    try {
      fd = await openFetchDoor(kind, { scenario: 'connection-failures' });
      const facts = agencyFacts(fd.simulator);
      const tokenRes = await fetch(`${fd.base}/oauth/accesstoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MOCK_CREDENTIALS) });
      const auth = bearer(((await tokenRes.json()) as { access_token: string }).access_token);
      const hung = await fetch(`${fd.base}/v1/practitioners/${facts.practitionerId}/`, { headers: auth, signal: AbortSignal.timeout(300) }).then(
        () => 'answered',
        (error: Error) => error.name,
      );
      expect(hung).toBe('TimeoutError');
      const reset = await fetch(`${fd.base}/v1/patients/${facts.patientId}/`, { headers: auth, signal: AbortSignal.timeout(5000) }).then(
        () => 'answered',
        (error: Error) => error.name,
      );
      expect(reset).toBe('TypeError');
      // Everything else answers.
      expect((await fetch(`${fd.base}/v1/practitioners/?_count=2`, { headers: auth })).status).toBe(200);
      const seen = ((await (await fetch(`${fd.base}/__admin/journal`)).json()) as { entries: { transport: string; status: number; rule?: string }[] }).entries;
      expect(seen.map((e) => [e.transport, e.status, e.rule])).toEqual([
        ['respond', 200, undefined],
        ['hang', 0, 'fault:practitioner-read-hangs'],
        ['reset', 0, 'fault:patient-read-resets'],
        ['respond', 200, 'quirk:mixed-bundle-entries'],
      ]);
    } finally {
      await fd?.close();
    }
  });

  it('large-agency: 20,000 people, and paging at 100 reaches the last practitioner', async () => {
    const d = await open('large-agency');
    const { counts } = (await d.request('/__admin/status')).json();
    expect(counts.practitioners + counts.patients).toBe(20000);
    const auth = bearer(await accessToken(d));
    // Live, people lists count pages from 0.
    const last = Math.ceil(counts.practitioners / 100) - 1;
    const page = await get(d, `/v1/practitioners/?_count=100&_page=${last}`, auth);
    expect(page.status).toBe(200);
    expect(page.json().totalRecords).toBe(counts.practitioners);
    const lastPage = entries(page.json());
    expect(lastPage).toHaveLength(counts.practitioners - last * 100);
    expect(lastPage.at(-1).id).toBe(d.simulator.state().store.practitioners.all().at(-1)!.id);
    expect(entries((await get(d, `/v1/practitioners/?_count=100&_page=${last + 1}`, auth)).json())).toHaveLength(0);
    // Live, _count above 100 was capped at 100.
    expect(entries((await get(d, '/v1/patients/?_count=500&_page=2', auth)).json())).toHaveLength(100);
  });

  it('by-the-docs-agency: documented token shape, counts on every Bundle, _count above 100 refused', async () => {
    const d = await open('by-the-docs-agency');
    const t = (await tokenResponse(d)).json();
    expect(t).not.toHaveProperty('access_token');
    const auth = bearer(t.auth_token);
    const none = (await get(d, '/v1/practitioners/?last_name=Zzyzxqv', auth)).json();
    expect(none).toMatchObject({ resourceType: 'Bundle', totalRecords: 0, entry: [] });
    const page = (await get(d, '/v1/practitioners/?_count=10', auth)).json();
    expect(page.entry.every((e: any) => e.resourceType === 'Practitioner' && !('resource' in e))).toBe(true);
    const capped = await get(d, '/v1/practitioners/?_count=150', auth);
    expect(capped.status).toBe(400);
    expect(capped.json()).toHaveProperty('error');
  });

  it('document-upload-fails: a valid document write is a 500 HTML page, the rest works', async () => {
    const d = await open('document-upload-fails');
    const { patientId } = agencyFacts(d.simulator);
    const auth = bearer(await accessToken(d));
    const res = await d.request('/v1/documentReferences/', { method: 'POST', headers: auth, body: { subject: { id: patientId }, content: [{ attachment: { contentType: 'text/plain', data: 'aGk=' } }] } });
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(parses(res.text)).toBe(false);
    expect((await get(d, '/v1/practitioners/', auth)).status).toBe(200);
  });
});

// What writing the catalogue turned up in mock-server/, now fixed; these keep it fixed.
describe('fault behaviours the catalogue relies on', () => {
  const simulatorWith = (faults: FaultRule[]) => createSimulator({ size: 'tiny', faults });

  it('html-error titles its page by its own status', async () => {
    const simulator = simulatorWith([{ name: 'html', when: { operationId: 'searchPatients' }, then: { behaviour: 'html-error', status: 500 } }]);
    const res = await simulator.handle({ method: 'GET', path: '/v1/patients/', query: {}, headers: {} });
    expect(res.status).toBe(500);
    expect(res.body).toContain('<title>500 Internal Server Error</title>');
    expect(res.body).not.toContain('Bad Gateway');
  });

  it('truncated-json and pass apply then.status and then.headers over the normal answer', async () => {
    const simulator = simulatorWith([
      { name: 'cut', when: { operationId: 'listLocations' }, then: { behaviour: 'truncated-json', status: 502, headers: { 'x-cut': 'yes' } } },
      { name: 'slow-but-fine', when: { operationId: 'listOrganizations' }, then: { behaviour: 'pass', headers: { 'x-slow': '1' } } },
    ]);
    const t = await coreToken(simulator);
    const headers = { authorization: `Bearer ${t}` };
    const cut = await simulator.handle({ method: 'GET', path: '/v1/locations/', query: {}, headers });
    expect(cut.status).toBe(502);
    expect(cut.headers['x-cut']).toBe('yes');
    expect(() => JSON.parse(cut.body)).toThrow();
    const passed = await simulator.handle({ method: 'GET', path: '/v1/organizations/', query: {}, headers });
    expect(passed.status).toBe(200);
    expect(passed.headers['x-slow']).toBe('1');
    expect(JSON.parse(passed.body).resourceType).toBe('Bundle');
  });

  it('an authenticated rule fires only for requests with a valid token on a real route', async () => {
    const simulator = simulatorWith([{ name: 'wellsky-says-no', when: { authenticated: true }, then: { status: 403, body: { error: 'no' } } }]);
    const call = (path: string, headers: Record<string, string> = {}) => simulator.handle({ method: 'GET', path, query: {}, headers });
    expect((await call('/v1/practitioners/')).status).toBe(401);
    expect((await call('/v1/Practitioner', { authorization: 'Bearer x' })).body).toContain('Invalid key=value pair');
    const t = await coreToken(simulator);
    expect((await call('/v1/practitioners/', { authorization: `Bearer ${t}` })).body).toBe('{"error":"no"}');
  });
});
