// The January trap, reproduced exactly: unknown routes get the gateway's 403,
// real routes get auth errors that say which kind, through both doors.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, DOOR_KINDS, MOCK_CREDENTIALS, openDoor, token, type Door } from '../support/doors.ts';

const expectedInvalidKeyValue = (header: string) =>
  JSON.stringify({
    message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${createHash('sha256').update(header).digest('base64')}'.`,
  });

describe.each(DOOR_KINDS)('gateway and auth through %s', (kind) => {
  let door: Door;
  beforeAll(async () => {
    door = await openDoor(kind, { seed: 7, size: 'tiny', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(() => door.request('/__admin/reset', { method: 'POST' }));

  const wrongPaths = [
    ['GET', '/v1/Practitioner'],
    ['GET', '/v1/Patient'],
    ['GET', '/v1/Appointment'],
    ['GET', '/v1/v1/practitioners/'],
    ['GET', '/v1/appointments/'],
    ['GET', '/v1/clients/123/'],
    ['GET', '/v1/prospects/'],
    ['POST', '/v1/admintask/'],
    ['GET', '/v1/documentreference/'],
    ['GET', '/v1/practitioners'],
    ['PATCH', '/v1/practitioners/2001/'],
  ] as const;

  it.each(wrongPaths)('%s %s with a token is the gateway 403 with the header hash, byte for byte', async (method, path) => {
    const header = `Bearer ${await token(door)}`;
    const res = await door.request(path, { method, headers: { authorization: header } });
    expect(res.status).toBe(403);
    expect(res.text).toBe(expectedInvalidKeyValue(header));
  });

  it('a path with malformed percent-encoding is an unknown route, journalled, not a crash', async () => {
    const header = `Bearer ${await token(door)}`;
    const res = await door.request('/v1/practitioners/%E0%A4%A/', { headers: { authorization: header } });
    expect(res.status).toBe(403);
    expect(res.text).toBe(expectedInvalidKeyValue(header));
    const last = (await door.request('/__admin/journal?limit=1')).json().entries[0];
    expect(last).toMatchObject({ path: '/v1/practitioners/%E0%A4%A/', status: 403, rule: 'gateway:invalid-key-value-pair' });
  });

  it('quotes a different hash for every header value (it is not about provisioning)', async () => {
    const a = await door.request('/v1/Practitioner', { headers: { authorization: 'Bearer aaaa' } });
    const b = await door.request('/v1/Practitioner', { headers: { authorization: 'BearerToken aaaa' } });
    expect(a.json().message).not.toBe(b.json().message);
    expect(a.json().message).toMatch(/'[A-Za-z0-9+/]{43}='\.$/);
  });

  it('answers an unknown route without Authorization with Missing Authentication Token', async () => {
    const res = await door.request('/v1/Practitioner');
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"message":"Missing Authentication Token"}');
  });

  it('treats the token path under /v1/ as an unknown route', async () => {
    const res = await door.request('/v1/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS });
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"message":"Missing Authentication Token"}');
  });

  it('issues the live token shape for a JSON body', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await door.request('/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS });
    expect(res.status).toBe(200);
    const t = res.json();
    expect(t.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(t).not.toHaveProperty('auth_token');
    expect(t.token_type).toBe('BearerToken');
    expect(t.expires_in).toBe('3599');
    expect(typeof t.issued_at).toBe('number');
    expect(t.issued_at).toBeGreaterThanOrEqual(before - 1);
    expect(t.issued_at).toBeLessThan(1e11); // seconds, not milliseconds
    expect(t).toMatchObject({ refresh_token_expires_in: '0', refresh_count: '0', scope: '', status: 'approved', client_id: MOCK_CREDENTIALS.client_id });
  });

  it('issues a token for a form-encoded body too', async () => {
    const res = await door.request('/oauth/accesstoken', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(MOCK_CREDENTIALS).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.json().access_token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses wrong credentials with 401', async () => {
    const res = await door.request('/oauth/accesstoken', { method: 'POST', body: { ...MOCK_CREDENTIALS, client_secret: 'wrong' } });
    expect(res.status).toBe(401);
    expect(res.json().error).toBe('invalid_client');
  });

  it('names the missing field of a token request', async () => {
    const res = await door.request('/oauth/accesstoken', { method: 'POST', body: { grant_type: 'client_credentials', client_id: 'x' } });
    expect(res.status).toBe(400);
    expect(res.json().error).toContain('client_secret');
  });

  it('refuses a real route without Authorization: 401, invalid_request', async () => {
    const res = await door.request('/v1/practitioners/');
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ message: 'Unauthorized' });
    expect(res.headers['www-authenticate']).toContain('invalid_request');
  });

  it('refuses the BearerToken scheme with 401 and says why', async () => {
    const res = await door.request('/v1/practitioners/', { headers: { authorization: `BearerToken ${await token(door)}` } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/invalid_request.*Bearer/);
  });

  it('refuses an unknown token with 401 invalid_token', async () => {
    const res = await door.request('/v1/practitioners/', { headers: bearer('0'.repeat(32)) });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/invalid_token.*not recognised/);
  });

  it('refuses an expired token with 401, and a new token works', async () => {
    const old = await token(door);
    expect((await door.request('/v1/practitioners/', { headers: bearer(old) })).status).toBe(200);
    await door.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 3600 } });
    const res = await door.request('/v1/practitioners/', { headers: bearer(old) });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/invalid_token.*expired/);
    expect((await door.request('/v1/practitioners/', { headers: bearer(await token(door)) })).status).toBe(200);
  });

  it('by the docs, the token call answers the vendor\'s field names', async () => {
    await door.request('/__admin/load', { method: 'POST', body: { profile: 'by-the-docs' } });
    const t = (await door.request('/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS })).json();
    expect(t).toHaveProperty('auth_token');
    expect(t).not.toHaveProperty('access_token');
    expect((await door.request('/v1/practitioners/', { headers: bearer(t.auth_token) })).status).toBe(200);
    await door.request('/__admin/load', { method: 'POST', body: {} });
  });

  it('takes the token lifetime from the options', async () => {
    await door.request('/__admin/load', { method: 'POST', body: { tokenLifetimeSeconds: 60 } });
    const t = (await door.request('/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS })).json();
    expect(t.expires_in).toBe('60');
    await door.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 61 } });
    expect((await door.request('/v1/practitioners/', { headers: bearer(t.access_token) })).status).toBe(401);
  });

  it('journals which rule answered, without the token', async () => {
    const t = await token(door);
    await door.request('/v1/Practitioner', { headers: bearer(t) });
    await door.request('/v1/practitioners/', { headers: { authorization: `BearerToken ${t}` } });
    const journal = (await door.request('/__admin/journal')).json().entries;
    const rules = journal.map((e: { rule?: string }) => e.rule);
    expect(rules).toContain('gateway:invalid-key-value-pair');
    expect(rules).toContain('auth:scheme');
    expect(JSON.stringify(journal)).not.toContain(t);
    expect(JSON.stringify(journal)).not.toContain(MOCK_CREDENTIALS.client_secret);
  });
});
