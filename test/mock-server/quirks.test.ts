// Every live-like quirk, on and then off, each on its own — through both doors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUIRK_NAMES } from '../../mock-server/core/quirks.ts';
import { bearer, DOOR_KINDS, entries, openDoor, token, type Door } from '../support/doors.ts';

describe.each(DOOR_KINDS)('live-like quirks through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  const get = async (path: string) => (await door.request(path, { headers: auth })).json();
  const setQuirk = (name: string, on: boolean) => door.request('/__admin/quirks', { method: 'PUT', body: { [name]: on } });

  beforeAll(async () => {
    door = await openDoor(kind, { seed: 21, size: 'small', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
  });

  it('live-like is the default profile and lists every quirk with a description', async () => {
    const listed = (await door.request('/__admin/quirks')).json();
    expect(listed.profile).toBe('live-like');
    expect(listed.quirks.map((q: { name: string }) => q.name)).toEqual(QUIRK_NAMES);
    for (const q of listed.quirks) expect(q.description.length).toBeGreaterThan(20);
  });

  it('mixed-bundle-entries: bare and wrapped entries in one page; off, all bare', async () => {
    const raw = (await get('/v1/practitioners/?_count=10')).entry;
    expect(raw.some((e: object) => 'resource' in e)).toBe(true);
    expect(raw.some((e: object) => 'resourceType' in e)).toBe(true);
    await setQuirk('mixed-bundle-entries', false);
    expect((await get('/v1/practitioners/?_count=10')).entry.every((e: object) => !('resource' in e))).toBe(true);
  });

  it('empty-bundle-without-count: an empty search has no count field; off, totalRecords 0', async () => {
    const on = await door.request('/v1/practitioners/?last_name=Zzyzx', { headers: auth });
    expect(on.text).toBe('{"resourceType":"Bundle","entry":[]}');
    await setQuirk('empty-bundle-without-count', false);
    expect(await get('/v1/practitioners/?last_name=Zzyzx')).toMatchObject({ resourceType: 'Bundle', totalRecords: 0, entry: [] });
  });

  it('post-patient-search-active-empty: POST _search with active finds nothing while GET does; off, they agree', async () => {
    const viaGet = (await get('/v1/patients/?active=true&_count=1')).totalRecords;
    expect(viaGet).toBeGreaterThan(0);
    const post = () => door.request('/v1/patients/_search/', { method: 'POST', headers: auth, body: { active: 'true', _count: 1 } });
    expect(entries((await post()).json())).toHaveLength(0);
    await setQuirk('post-patient-search-active-empty', false);
    expect((await post()).json().totalRecords).toBe(viaGet);
  });

  it('agency-id-narrows: agency_id shrinks the result; off, it does not', async () => {
    const all = (await get('/v1/patients/?_count=1&_page=1')).totalRecords;
    const agencyId = (await get('/__admin/status')).agencyId;
    const narrowed = (await get(`/v1/patients/?agency_id=${agencyId}&_count=1`)).totalRecords;
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    await setQuirk('agency-id-narrows', false);
    expect((await get(`/v1/patients/?agency_id=${agencyId}&_count=1`)).totalRecords).toBe(all);
  });

  it('partial-first-patient-page: a plain GET patients/ claims its first page is everything; off, the true total', async () => {
    const truth = (await get('/v1/patients/?_page=1&_count=100')).totalRecords;
    expect(truth).toBeGreaterThan(30);
    const plain = await get('/v1/patients/');
    expect(plain.totalRecords).toBe(30);
    expect(entries(plain)).toHaveLength(30);
    await setQuirk('partial-first-patient-page', false);
    expect((await get('/v1/patients/')).totalRecords).toBe(truth);
  });

  it('status-none: some patients carry the status "None"; off, every status is a number', async () => {
    const statuses = async () => {
      const out: string[] = [];
      for (let page = 1; ; page++) {
        const found = entries(await get(`/v1/patients/?_count=100&_page=${page}`));
        out.push(...found.map((p) => p.meta.tag.find((t: any) => t.code === 'status')?.display));
        if (found.length < 100) return out;
      }
    };
    expect(await statuses()).toContain('None');
    await setQuirk('status-none', false);
    for (const s of await statuses()) if (s !== undefined) expect(s).toMatch(/^\d+$/);
  });

  it('count-capped-at-100: _count=150 gives 100 entries; off, a 400 naming _count', async () => {
    expect(entries(await get('/v1/practitioners/?_count=150'))).toHaveLength(100);
    await setQuirk('count-capped-at-100', false);
    const res = await door.request('/v1/practitioners/?_count=150', { headers: auth });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^_count:/);
  });

  it('document-writes-fail (opt-in): a valid document write gets a 500 HTML page; off, 201', async () => {
    const patient = entries(await get('/v1/patients/?_count=1&_page=1'))[0];
    const write = () =>
      door.request('/v1/documentReferences/', { method: 'POST', headers: auth, body: { subject: { id: patient.id }, content: [{ attachment: { data: 'aGk=' } }] } });
    expect((await write()).status).toBe(201);
    await setQuirk('document-writes-fail', true);
    const failed = await write();
    expect(failed.status).toBe(500);
    expect(failed.headers['content-type']).toMatch(/text\/html/);
    expect(failed.text).toMatch(/<html>/);
  });

  it('the journal names the quirk that shaped an answer', async () => {
    await get('/v1/practitioners/?_count=150');
    const journal = (await door.request('/__admin/journal')).json().entries;
    expect(journal.at(-1).rule).toBe('quirk:count-capped-at-100');
  });

  it('by-the-docs turns every quirk off', async () => {
    await door.request('/__admin/load', { method: 'POST', body: { profile: 'by-the-docs' } });
    const listed = (await door.request('/__admin/quirks')).json();
    expect(listed.quirks.every((q: { on: boolean }) => !q.on)).toBe(true);
  });

  it('refuses an unknown quirk name and lists the known ones', async () => {
    const res = await door.request('/__admin/quirks', { method: 'PUT', body: { 'no-such-quirk': true } });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/no-such-quirk: unknown quirk; known quirks are mixed-bundle-entries/);
  });
});
