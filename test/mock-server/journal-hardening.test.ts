// The journal keeps nothing secret or personal and stays bounded; bodies over the
// limit are refused before parsing (issue 8, items 1, 2, 5, 6, 7). Every check
// plants unique marker strings and asserts they appear nowhere in the journal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJournal, JOURNAL_LIMITS, type RecordedRequest } from '../../mock-server/core/journal.ts';
import { fingerprintAuthorization, redactQuery } from '../../mock-server/core/redact.ts';
import { MAX_BODY_BYTES, readBoundedBody, refuseLargeBody } from '../../mock-server/core/request-body.ts';
import { bearer, DOOR_KINDS, MOCK_CREDENTIALS, openDoor, token, type Door } from '../support/doors.ts';

const entry = (over: Partial<RecordedRequest> = {}): RecordedRequest => ({ timeMs: 0, method: 'GET', path: '/v1/x/', query: '', status: 200, latencyMs: 1, transport: 'respond', ...over });

describe.each(DOOR_KINDS)('journal hardening through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  const journalText = async () => (await door.request('/__admin/journal?limit=5000')).text;

  beforeAll(async () => {
    door = await openDoor(kind, { seed: 4, size: 'tiny', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
  });

  it('1: a body over the limit is a 413 naming the limit, journalled without its content', async () => {
    const body = JSON.stringify({ ...MOCK_CREDENTIALS, padding: `MARKER-BIG-1${'x'.repeat(MAX_BODY_BYTES)}` });
    const res = await door.request('/oauth/accesstoken', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.json().message).toContain(String(MAX_BODY_BYTES));
    // Multi-byte text: under the limit in characters, over it in bytes.
    const wide = JSON.stringify({ note: `MARKER-BIG-2${'€'.repeat(Math.ceil(MAX_BODY_BYTES / 3) + 10)}` });
    expect((await door.request('/v1/patients/', { method: 'POST', headers: auth, body: wide })).status).toBe(413);
    const journal = (await door.request('/__admin/journal')).json().entries;
    expect(journal.filter((e: any) => e.rule === 'gateway:body-too-large').map((e: any) => e.status)).toEqual([413, 413]);
    const text = JSON.stringify(journal);
    expect(text).not.toContain('MARKER-BIG');
    expect(text.length).toBeLessThan(10_000);
    // Just under the limit still reaches WellSky.
    expect((await door.request('/oauth/accesstoken', { method: 'POST', body: { ...MOCK_CREDENTIALS, pad: 'y'.repeat(MAX_BODY_BYTES - 200) } })).status).not.toBe(413);
  });

  it('1: unknown fields, long arrays and deep bodies are kept only as bounded shapes', async () => {
    const big = { resourceType: 'Patient', MARKERFIELD: `MARKER-FIELD-${'z'.repeat(500_000)}`, list: Array.from({ length: 5000 }, (_, i) => ({ n: `MARKER-ITEM-${i}` })) };
    await door.request('/v1/patients/', { method: 'POST', headers: auth, body: big });
    const last = (await door.request('/__admin/journal?limit=1')).json().entries[0];
    const text = JSON.stringify(last);
    expect(text).not.toContain('MARKER-');
    expect(text.length).toBeLessThan(JOURNAL_LIMITS.bodyBytes + 2000);
    expect(last.requestBody.resourceType).toBe('Patient');
  });

  it('1: the search cache keys hold no raw body', async () => {
    await door.request('/v1/relatedperson/_search/', { method: 'POST', headers: auth, body: { name: 'MARKER-CACHE-NAME' } });
    const keys = [...door.simulator.state().responseCache.keys()];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join('\n')).not.toContain('MARKER-CACHE');
  });

  it('5: every Authorization value is fingerprinted, whatever its shape and route', async () => {
    const t = await token(door);
    const values = ['MARKER-BARE-TOKEN-1', 'MARKERWORD2 MARKER-REST-2', `MARKERWORD3 ${t}`, `${t} trailing`, 'Basic MARKER-BASIC-4', 'MARKERWORD5'];
    for (const value of values) {
      await door.request('/v1/no-such-route/', { headers: { authorization: value } });
      await door.request('/v1/practitioners/', { headers: { authorization: value } });
      await door.request('/v1/Practitioner', { headers: { authorization: value } });
    }
    const journal = (await door.request('/__admin/journal')).json().entries.filter((e: any) => e.auth && !e.auth.startsWith('Bearer'));
    expect(journal).toHaveLength(values.length * 3);
    const text = JSON.stringify(journal);
    for (const marker of ['MARKER', t]) expect(text).not.toContain(marker);
    for (const e of journal) expect(e.auth).toMatch(/^(Basic )?#[0-9a-f]{8}$/);
    expect(journal.filter((e: any) => e.rule?.startsWith('gateway:'))).toHaveLength(values.length * 2);
  });

  it('6: one bad escape does not keep the rest of the query raw; an undecodable parameter is redacted', async () => {
    await door.request('/v1/practitioners/?first_na%6De=MARKERNAME6&x=%ZZ&_count=2', { headers: auth });
    await door.request('/v1/practitioners/?last_name=MARKER%ZZ7&home_phone=MARKER%E0%A4%A8', { headers: auth });
    const text = await journalText();
    expect(text).not.toContain('MARKER');
    const queries = (await door.request('/__admin/journal?limit=2')).json().entries.map((e: any) => e.query);
    expect(queries[0]).toBe('first_name=%5B11+chars%5D&%5Bundecodable%5D=%5B5+chars%5D&_count=2');
  });

  it('7: only known-harmless fields keep their values; everything else is a shape', async () => {
    const markers = { name: 'MARKER-N', email: 'marker-e@example.com', phone: 'MARKER-P', city: 'MARKER-C', ssn: 'MARKER-S', private_key: 'MARKER-K', pass: 'MARKER-PW', signature: 'MARKER-SIG', bearer: 'MARKER-B' };
    await door.request('/v1/relatedperson/_search/', { method: 'POST', headers: auth, body: markers });
    const created = await door.request('/v1/patients/', {
      method: 'POST',
      headers: auth,
      body: { resourceType: 'Patient', active: true, name: [{ family: 'MARKERFAM', given: ['MARKERGIVEN'] }], gender: 'female', birthDate: '1931-02-03', address: [{ city: 'MARKERCITY', state: 'MARKERSTATE', line: ['1 MARKER St'] }] },
    });
    expect(created.status).toBeLessThan(300);
    await door.request('/v1/practitioners/?email=marker-q@example.com&city=MARKERQCITY&ssn=MARKERQSSN&birthdate=1931-02-03&_count=3&status=active', { headers: auth });
    const text = (await journalText()).toLowerCase();
    for (const marker of ['marker', '1931-02-03', 'female']) expect(text).not.toContain(marker);
    const entries = (await door.request('/__admin/journal')).json().entries;
    const patient = entries.find((e: any) => e.operationId === 'createPatient');
    expect(patient.requestBody).toMatchObject({ resourceType: 'Patient', active: true, birthDate: '[date]', address: [{ city: '[10 chars]' }] });
    expect(entries.at(-1).query).toContain('_count=3');
    expect(entries.at(-1).query).toContain('status=active');
  });
});

describe('journal bounds', () => {
  it('1: bounded in bytes: long paths and queries are cut, the total is capped, the oldest go first', () => {
    const journal = createJournal(100_000);
    const long = 'q'.repeat(10_000);
    for (let i = 0; i < 5000; i++) journal.record(entry({ path: `/v1/${long}`, query: long }));
    expect(journal.bytes()).toBeLessThanOrEqual(JOURNAL_LIMITS.totalBytes);
    expect(journal.size()).toBeLessThan(5000);
    const [oldest] = journal.page({ since: 0, limit: 1 }).entries;
    expect(oldest!.seq).toBeGreaterThan(1);
    expect(oldest!.path.length).toBeLessThan(JOURNAL_LIMITS.textChars + 100);
  });

  it('1: one entry’s body is capped, whoever recorded it', () => {
    const journal = createJournal();
    journal.record(entry({ requestBody: { items: Array.from({ length: 5000 }, (_, i) => `MARKER-${i}`) } }));
    const text = JSON.stringify(journal.list());
    expect(text).not.toContain('MARKER');
    expect(text.length).toBeLessThan(1000);
  });

  it('1: cached answers each get their own hash, and their texts are not kept past a bound', () => {
    const journal = createJournal(100);
    const body = 'b'.repeat(1024 * 1024);
    // A hundred different 1 MB answers, each "shared" (a cached answer: its hash remembered).
    for (let i = 0; i < 100; i++) journal.record(entry(), `${i}${body}`, true);
    const entries = journal.list({ limit: 100 });
    expect(entries).toHaveLength(100);
    expect(new Set(entries.map((e) => e.responseSha)).size).toBe(100);
  });

  it('2: reads are pages bounded in bytes; paging with since walks every entry once, in order', () => {
    const journal = createJournal(10_000);
    const long = 'p'.repeat(1500);
    for (let i = 0; i < 3000; i++) journal.record(entry({ query: long }));
    const newest = journal.page({ limit: 5000 });
    expect(JSON.stringify(newest).length).toBeLessThan(JOURNAL_LIMITS.pageBytes * 1.2);
    expect(newest.entries.at(-1)!.seq).toBe(3000);
    const seen: number[] = [];
    let since = 0;
    for (;;) {
      const page = journal.page({ since, limit: 5000, maxBytes: 200_000 });
      expect(JSON.stringify(page).length).toBeLessThan(200_000 * 1.2);
      seen.push(...page.entries.map((e) => e.seq));
      if (!page.more) break;
      since = page.entries.at(-1)!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
  });
});

describe('redaction units', () => {
  it('5: no shape of Authorization value shows anything but a known scheme and a hash', () => {
    for (const value of ['MARKER', 'MARKER rest', '  MARKER  rest ', 'MARKER-a.b', 'a'.repeat(10_000)]) expect(fingerprintAuthorization(value)).toMatch(/^#[0-9a-f]{8}$/);
    expect(fingerprintAuthorization('bearer abc')).toMatch(/^Bearer #[0-9a-f]{8}$/);
    expect(fingerprintAuthorization('Basic abc')).toMatch(/^Basic #[0-9a-f]{8}$/);
  });

  it('6: each parameter decoded alone', () => {
    expect(redactQuery('first_na%6De=MARKER&x=%ZZ')).not.toContain('MARKER');
    expect(redactQuery('%ZZ=MARKER')).not.toContain('MARKER');
    expect(redactQuery('MARKER%20NAME=1')).not.toContain('MARKER');
    expect(redactQuery('_count=5&_page=2&status=active')).toBe('_count=5&_page=2&status=active');
    expect(redactQuery('api_key=MARKER')).toBe('api_key=%5Bredacted%5D');
  });

  it('1: the door reader keeps at most limit + 1 bytes and the core still refuses it', async () => {
    async function* stream() {
      for (let i = 0; i < 300; i++) yield new Uint8Array(10_000).fill(0x61);
    }
    const text = await readBoundedBody(stream());
    expect(Buffer.byteLength(text!)).toBe(MAX_BODY_BYTES + 1);
    expect(refuseLargeBody(text)?.status).toBe(413);
    expect(await readBoundedBody(null)).toBeUndefined();
    async function* small() {
      yield Buffer.from('{"a":');
      yield '1}';
    }
    expect(await readBoundedBody(small())).toBe('{"a":1}');
  });
});
