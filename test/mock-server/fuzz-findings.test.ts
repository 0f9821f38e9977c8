// What the fuzz (fuzz.test.ts) found, each pinned by a focused test through
// both doors, so the fix holds even if the fuzz stops drawing that input.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../mock-server/core/simulator.ts';
import type { SimRequest } from '../../mock-server/core/types.ts';
import { bearer, DOOR_KINDS, openDoor, token, type Door } from '../support/doors.ts';
import { settledHeapBytes } from './fuzz/heap.ts';
import { connect } from 'node:net';
import { startMockServer } from '../../mock-server/http.ts';

describe.each(DOOR_KINDS)('fuzz findings through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  beforeAll(async () => {
    door = await openDoor(kind, { seed: 5, size: 'tiny', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
  });

  it('a body nested thousands of levels deep is a 400, and the record it was aimed at still reads', async () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const put = await door.request('/v1/practitioners/2001/', { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: `{"x":${deep}}` });
    expect([put.status, put.json().error]).toEqual([400, expect.stringMatching(/^body: nested more than 64 levels/)]);
    const get = await door.request('/v1/practitioners/2001/', { headers: auth });
    expect(get.status).toBe(200);
    const search = await door.request('/v1/practitioners/?_count=100', { headers: auth });
    expect(search.status).toBe(200);
  });

  it('nesting inside strings does not count, and ordinary depth passes', async () => {
    const put = await door.request('/v1/practitioners/2001/', { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ gender: 'other', note: '[[[[{{{{'.repeat(100), meta: { tag: [{ code: 'x', display: 'y' }] } }) });
    expect(put.status).toBe(200);
  });

  it('prototype names in the query reach the core as plain parameters, not as the query object\'s prototype', async () => {
    const seen: SimRequest[] = [];
    const handle = door.simulator.handle.bind(door.simulator);
    door.simulator.handle = (request) => (seen.push(request), handle(request));
    try {
      const res = await door.request('/v1/practitioners/?constructor=a&__proto__=x&__proto__=y&toString=b&hasOwnProperty=c&_count=2', { headers: auth });
      expect(res.status).toBe(200);
    } finally {
      door.simulator.handle = handle;
    }
    const query = seen.at(-1)!.query;
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toEqual(['x', 'y']);
    // Before: `[Object, "a"]` (the inherited function read as an earlier value), and so on.
    expect([query.constructor, query.toString, query.hasOwnProperty, query._count]).toEqual(['a', 'b', 'c', '2']);
  });

  it('a subscription updated with only new channel headers keeps its endpoint (it was dropped, and every read answered against the spec)', async () => {
    const json = { ...auth, 'content-type': 'application/json' };
    const created = await door.request('/v1/subscriptions/', { method: 'POST', headers: json, body: { resourceType: 'Subscription', criteria: 'patient.created', channel: { type: 'rest-hook', endpoint: 'https://hooks.example.com/wellsky', header: ['X-Hook-Key: old'] } } });
    expect(created.status).toBe(201);
    const id = created.json().id;
    const put = await door.request(`/v1/subscriptions/${id}/`, { method: 'PUT', headers: json, body: { channel: { header: ['X-Hook-Key: new'] } } });
    expect([put.status, put.json().channel]).toEqual([200, { type: 'rest-hook', endpoint: 'https://hooks.example.com/wellsky', header: ['X-Hook-Key: new'] }]);
    expect((await door.request(`/v1/subscriptions/${id}/`, { headers: auth })).json().channel.endpoint).toBe('https://hooks.example.com/wellsky');
  });

  it('a control-API body nested too deep is a 400 too (a fault rule\'s body would be served and shown later)', async () => {
    const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const res = await door.request('/__admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"name":"deep","when":{"operationId":"getPractitioner"},"then":{"status":200,"body":${deep}}}` });
    expect([res.status, res.text]).toEqual([400, expect.stringMatching(/nested more than 64 levels/)]);
  });
});

describe('fuzz findings in the core', () => {
  it('long paths are not remembered: 3,000 distinct 20 KB paths leave the heap where it was', async () => {
    const simulator = createSimulator({ seed: 5, size: 'tiny', today: '2026-11-26' });
    await simulator.handle({ method: 'GET', path: '/v1/practitioners/1/', query: {}, queryString: '', headers: {} });
    const before = settledHeapBytes();
    for (let i = 0; i < 3_000; i++) {
      const res = await simulator.handle({ method: 'GET', path: `/v1/practitioners/${'9'.repeat(20_000)}${i}/`, query: {}, queryString: '', headers: {} });
      expect(res.status).toBe(401);
    }
    simulator.reset();
    // Before the fix the router kept 2,000 of them: about 40 MB.
    expect((settledHeapBytes() - before) / 2 ** 20).toBeLessThan(8);
  });
});

describe('fuzz findings in request validation', () => {
  it('a `__proto__` query parameter stays a field of the validated parameters; their prototype stays Object\'s', () => {
    const simulator = createSimulator({ seed: 5, size: 'tiny', today: '2026-11-26' });
    const match = simulator.spec.router.match('GET', '/v1/practitioners/')!;
    const query = Object.defineProperty({ _count: '5' }, '__proto__', { value: ['x', 'y'], enumerable: true, writable: true, configurable: true });
    const { params } = simulator.spec.validators.get(match.operation)!.validate({}, query as Record<string, string | string[]>, undefined);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toEqual(['x', 'y']);
    expect(params._count).toBe(5);
  });
});

/** Raw bytes to a port; what comes back before the server closes. */
function rawExchange(port: number, bytes: string, after?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      // The first answer is in: send the next request on the same connection.
      if (after && text.includes('\r\n\r\n{')) {
        socket.write(after);
        after = undefined;
      }
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('fuzz findings at the HTTP door (what Node\'s parser refuses)', () => {
  it.each([
    ['a request line over 16 KB', `GET /v1/practitioners/${'9'.repeat(20_000)}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 431],
    ['no HTTP at all', 'HELLO\r\n\r\n', 400],
    // What the fuzz found: after one answered request, Node's default handler only closes a kept-alive connection.
    ['a request line over 16 KB on a kept-alive connection', `GET /v1/practitioners/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 431, `GET /v1/practitioners/${'9'.repeat(20_000)}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
  ])('%s is answered with a JSON gateway body, not a bare status line', async (_name, bytes, status, after?: string) => {
    const mock = await startMockServer({ seed: 5, size: 'tiny', today: '2026-11-26' });
    try {
      const answer = await rawExchange(mock.port, bytes, after);
      // With a request before it, the last answer is the one that counts.
      const starts = [...answer.matchAll(/HTTP\/1\.1 \d{3} /g)].map((m) => m.index);
      const [head, body] = answer.slice(starts.at(-1)).split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(body!)).toEqual({ message: expect.any(String) });
      // The door still answers afterwards.
      expect((await fetch(`${mock.url}/v1/practitioners/`)).status).toBe(401);
    } finally {
      await mock.close();
    }
  });

  it('the answer to a HEAD whose head is over 16 KB has no body (the fuzz\'s client read one as data after the answer)', async () => {
    const mock = await startMockServer({ seed: 5, size: 'tiny', today: '2026-11-26' });
    try {
      const answer = await rawExchange(mock.port, `HEAD /v1/profileTags/${'9'.repeat(20_000)}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1.1 431 [^]*content-type: application\/json/i);
      expect(answer.endsWith('\r\n\r\n')).toBe(true);
    } finally {
      await mock.close();
    }
  });
});
