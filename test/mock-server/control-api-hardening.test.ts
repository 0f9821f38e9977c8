// The security review's items 4, 8, 9, 12 (answer) and 13: no web page can
// drive the control API, prototype names are not sort fields, tokens do not pile
// up in memory, and loose input is refused with a message naming the field.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mock-server/http.ts';
import { parseCli } from '../../mock-server/cli.ts';
import { createClock } from '../../mock-server/core/clock.ts';
import { createTokenService, EXPIRED_MEMORY_MS, MAX_TOKENS } from '../../mock-server/core/token-service.ts';
import { bearer, DOOR_KINDS, entries, MOCK_CREDENTIALS, openDoor, token, type Door } from '../support/doors.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

/** A request over a real socket with any Host and Origin (fetch will not send a foreign Host). */
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('item 4: the control API refuses what a web page could send', () => {
  let mock: RunningMockServer;
  let own: string;
  beforeAll(async () => {
    mock = await startMockServer({ size: 'tiny', seed: 4, today: '2026-11-26' });
    own = `127.0.0.1:${mock.port}`;
  });
  afterAll(() => mock.close());
  const offset = async () => (await raw(mock.port, 'GET', '/__admin/status')).json().clockOffsetSeconds;

  it('a text/plain POST (a CORS simple request) is a 415 naming the Content-Type, and changes nothing', async () => {
    const before = await offset();
    const res = await raw(mock.port, 'POST', '/__admin/clock', { 'content-type': 'text/plain' }, '{"advanceSeconds": 3600}');
    expect(res.status).toBe(415);
    expect(res.json().error).toMatch(/Content-Type: application\/json.*got "text\/plain"/);
    expect(await offset()).toBe(before);
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect((await raw(mock.port, 'POST', '/__admin/faults', { 'content-type': type }, '{"name":"x","then":{"status":500}}')).status).toBe(415);
    }
    expect((await raw(mock.port, 'GET', '/__admin/faults')).json().faults).toEqual([]);
  });

  it('a body-less write needs the JSON Content-Type too (a no-cors POST has none)', async () => {
    expect((await raw(mock.port, 'POST', '/__admin/reset')).status).toBe(415);
    expect((await raw(mock.port, 'DELETE', '/__admin/journal')).status).toBe(415);
    expect((await raw(mock.port, 'POST', '/__admin/reset', JSON_TYPE)).status).toBe(200);
    expect((await raw(mock.port, 'DELETE', '/__admin/journal', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('a foreign Origin is a 403 naming it, on reads and writes; the own origin and no Origin pass', async () => {
    for (const origin of ['https://evil.example', 'null', `http://localhost:${mock.port}`]) {
      const write = await raw(mock.port, 'POST', '/__admin/clock', { ...JSON_TYPE, origin }, '{"advanceSeconds": 1}');
      expect(write.status, origin).toBe(403);
      expect(write.json().error).toContain(`Origin "${origin}" is not this mock`);
      expect((await raw(mock.port, 'GET', '/__admin/journal', { origin })).status).toBe(403);
    }
    expect((await raw(mock.port, 'POST', '/__admin/reset', { ...JSON_TYPE, origin: `http://${own}` })).status).toBe(200);
    expect((await raw(mock.port, 'POST', '/__admin/reset', { ...JSON_TYPE, host: `localhost:${mock.port}`, origin: `http://localhost:${mock.port}` })).status).toBe(200);
  });

  it('an unexpected Host (DNS rebinding) is a 403 on the control API and the inspector', async () => {
    for (const host of [`evil.example:${mock.port}`, 'evil.example', `127.0.0.1:${mock.port + 1}`, `localhost.evil.example:${mock.port}`]) {
      for (const path of ['/__admin/journal', '/__admin/', '/__admin/status']) {
        const res = await raw(mock.port, 'GET', path, { host });
        expect(res.status, `${host} ${path}`).toBe(403);
        expect(res.json().error).toMatch(/^Host ".*" is not this mock: .*DNS rebinding/);
      }
    }
    for (const host of [own, `localhost:${mock.port}`, `[::1]:${mock.port}`, `LOCALHOST:${mock.port}`]) {
      expect((await raw(mock.port, 'GET', '/__admin/status', { host })).status, host).toBe(200);
    }
  });

  it('the API routes get none of these checks: Gigi and Prism call them', async () => {
    const foreign = { host: 'mock.example:1234', origin: 'https://app.example' };
    const tokenRes = await raw(mock.port, 'POST', '/oauth/accesstoken', { ...foreign, ...JSON_TYPE }, JSON.stringify(MOCK_CREDENTIALS));
    expect(tokenRes.status).toBe(200);
    const res = await raw(mock.port, 'GET', '/v1/practitioners/?_count=1', { ...foreign, authorization: `Bearer ${tokenRes.json().access_token}` });
    expect(res.status).toBe(200);
  });

  it('the inspector page may not be framed: X-Frame-Options and CSP frame-ancestors as headers', async () => {
    const res = await raw(mock.port, 'GET', '/__admin/');
    expect(res.status).toBe(200);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    // Its own fetches say application/json on every write.
    expect(res.text).toContain("if (method !== 'GET') init.headers['content-type'] = 'application/json'");
  });

  it('a GET body is ignored, not parsed', async () => {
    const t = (await raw(mock.port, 'POST', '/oauth/accesstoken', JSON_TYPE, JSON.stringify(MOCK_CREDENTIALS))).json().access_token;
    const res = await raw(mock.port, 'GET', '/v1/practitioners/?_count=1', { ...JSON_TYPE, authorization: `Bearer ${t}` }, '{not json');
    expect(res.status).toBe(200);
  });
});

describe('item 4: beyond loopback only when asked, and then with a control token', () => {
  it('refuses to bind 0.0.0.0 without allowRemote, naming the flag', async () => {
    await expect(startMockServer({ size: 'tiny', host: '0.0.0.0', port: 0 })).rejects.toThrow(/--allow-remote/);
  });

  it('with allowRemote, every /__admin/ request needs the token; the API does not', async () => {
    const mock = await startMockServer({ size: 'tiny', host: '0.0.0.0', port: 0, allowRemote: true });
    try {
      const t = mock.controlToken!;
      expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const missing = await raw(mock.port, 'GET', '/__admin/status');
      expect(missing.status).toBe(401);
      expect(missing.json().error).toMatch(/X-Mock-Control-Token/);
      expect((await raw(mock.port, 'GET', '/__admin/status', { 'x-mock-control-token': `${t}x` })).status).toBe(401);
      // Any Host the machine is reached by: the token is the guard.
      expect((await raw(mock.port, 'GET', '/__admin/status', { 'x-mock-control-token': t, host: `mock:${mock.port}` })).status).toBe(200);
      expect((await raw(mock.port, 'POST', '/__admin/reset', { 'x-mock-control-token': t, ...JSON_TYPE })).status).toBe(200);
      // The page in a browser: the token in its address (its fetches send the header).
      expect((await raw(mock.port, 'GET', `/__admin/?token=${t}`)).status).toBe(200);
      expect((await raw(mock.port, 'GET', `/__admin/status?token=${t}`)).status).toBe(401);
      expect((await raw(mock.port, 'POST', '/oauth/accesstoken', JSON_TYPE, JSON.stringify(MOCK_CREDENTIALS))).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('the CLI takes --allow-remote', () => {
    expect(parseCli(['--host', '0.0.0.0', '--allow-remote'])).toMatchObject({ host: '0.0.0.0', allowRemote: true });
    expect(parseCli([])).toMatchObject({ host: '127.0.0.1', allowRemote: false });
  });
});

describe.each(DOOR_KINDS)('items 8, 12, 13 through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  const admin = (path: string, method = 'GET', body?: unknown) => door.request(`/__admin/${path}`, { method, body });
  beforeAll(async () => {
    door = await openDoor(kind, { seed: 4, size: 'tiny', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await admin('reset', 'POST');
    auth = bearer(await token(door));
  });

  const PROTO_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString', '__defineGetter__'];

  it.each(PROTO_NAMES)('_sort=%s is a 400 naming the field, on every sorted search', async (name) => {
    const clientId = (door.simulator.state().store.encounters.all()[0]!.client as { id: string }).id;
    const answers = [
      await door.request(`/v1/practitioners/?_sort=${name}`, { headers: auth }),
      await door.request(`/v1/patients/?_sort=-${name}`, { headers: auth }),
      await door.request(`/v1/practitioners/?_sort=last_name,${name}`, { headers: auth }),
      await door.request(`/v1/encounter/_search/?_sort=${name}`, { method: 'POST', headers: auth, body: { clientId } }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.json().error).toMatch(new RegExp(`^_sort: unknown field "${name.replace(/\$/g, '\\$')}"`));
    }
  });

  it('a control write without the JSON Content-Type is a 415 here too', async () => {
    const res = await door.request('/__admin/clock', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"advanceSeconds": 60}' });
    expect(res.status).toBe(415);
    expect((await admin('status')).json().clockOffsetSeconds).toBe(0);
  });

  it('POST /__admin/faults answers the rule added and the count, not the whole list', async () => {
    await admin('faults', 'POST', { name: 'first', when: { operationId: 'getPractitioner' }, then: { status: 500 } });
    const res = await admin('faults', 'POST', { name: 'second', when: { operationId: 'getPatient' }, then: { status: 503 } });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ fault: expect.objectContaining({ name: 'second', then: { status: 503 }, matchedCalls: 0 }), count: 2 });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('PUT /__admin/quirks {"%s": true} is a 400 naming the quirk', async (name) => {
    const res = await door.request('/__admin/quirks', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"${name}": true}` });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(new RegExp(`^quirks\\.${name}: unknown quirk`));
  });

  it.each([1e300, 30 * 86400 + 1, 1.5])('load refuses tokenLifetimeSeconds %s, as the CLI does', async (value) => {
    const res = await admin('load', 'POST', { tokenLifetimeSeconds: value });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^tokenLifetimeSeconds: must be a whole number of seconds above 0, at most 2592000/);
    expect((await admin('status')).json().tokenLifetimeSeconds).toBe(3599);
    expect((await admin('load', 'POST', { tokenLifetimeSeconds: 30 * 86400 })).status).toBe(200);
    expect((await admin('load', 'POST', {})).json().tokenLifetimeSeconds).toBe(3599); // back to start-up options
  });

  it.each(['0x5', '1e1', '%20%205', '5%20', '+5', '0b101'])('_count=%s is a 400 naming _count, not a number', async (value) => {
    const res = await door.request(`/v1/practitioners/?_count=${value}`, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^_count: must be a whole number in plain decimal digits/);
  });

  it('_count in plain digits still works, and above 100 is still capped live', async () => {
    expect(entries((await door.request('/v1/practitioners/?_count=05', { headers: auth })).json()).length).toBe(5);
    expect((await door.request('/v1/practitioners/?_count=0x65', { headers: auth })).status).toBe(400);
    expect((await door.request('/v1/practitioners/?_count=150', { headers: auth })).status).toBe(200);
  });
});

describe('item 9: tokens do not pile up in memory', () => {
  const LIFETIME = 3599;

  it('an expired token answers "expired" for a day, then is forgotten', () => {
    const clock = createClock(() => 1_800_000_000_000);
    const tokens = createTokenService({ clock, lifetimeSeconds: LIFETIME, seed: 1 });
    const { token: first } = tokens.issue('c');
    clock.advance(LIFETIME);
    expect(tokens.check(`Bearer ${first}`)).toMatchObject({ ok: false, reason: 'expired' });
    expect(tokens.size()).toBe(1);
    clock.advance(EXPIRED_MEMORY_MS / 1000);
    const { token: second } = tokens.issue('c');
    expect(tokens.size()).toBe(1);
    expect(tokens.check(`Bearer ${first}`)).toMatchObject({ ok: false, reason: 'unknown-token' });
    expect(tokens.check(`Bearer ${second}`)).toMatchObject({ ok: true });
  });

  it('a check alone sweeps too: a mock nobody asks for tokens still lets go of old ones', () => {
    const clock = createClock(() => 1_800_000_000_000);
    const tokens = createTokenService({ clock, lifetimeSeconds: 60, seed: 1 });
    for (let i = 0; i < 50; i++) tokens.issue('c');
    clock.advance(60 + EXPIRED_MEMORY_MS / 1000);
    tokens.check('Bearer 00000000000000000000000000000000');
    expect(tokens.size()).toBe(0);
  });

  it(`holds at most ${MAX_TOKENS} tokens; the oldest is forgotten first`, () => {
    const clock = createClock(() => 1_800_000_000_000);
    const tokens = createTokenService({ clock, lifetimeSeconds: LIFETIME, seed: 1 });
    const issued = Array.from({ length: MAX_TOKENS + 500 }, () => tokens.issue('c').token);
    expect(tokens.size()).toBe(MAX_TOKENS);
    expect(tokens.check(`Bearer ${issued[0]}`)).toMatchObject({ ok: false, reason: 'unknown-token' });
    expect(tokens.check(`Bearer ${issued[499]}`)).toMatchObject({ ok: false, reason: 'unknown-token' });
    expect(tokens.check(`Bearer ${issued[500]}`)).toMatchObject({ ok: true });
    expect(tokens.check(`Bearer ${issued.at(-1)}`)).toMatchObject({ ok: true });
  });

  it('through the simulator: the clock moved past a day drops yesterday\'s tokens', async () => {
    const door = await openDoor('express', { size: 'tiny', seed: 4 });
    try {
      for (let i = 0; i < 20; i++) await token(door);
      expect(door.simulator.state().tokens.size()).toBe(20);
      await door.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: LIFETIME + EXPIRED_MEMORY_MS / 1000 } });
      const fresh = await token(door);
      expect(door.simulator.state().tokens.size()).toBe(1);
      expect((await door.request('/v1/practitioners/?_count=1', { headers: bearer(fresh) })).status).toBe(200);
    } finally {
      await door.close();
    }
  });
});
