// Each documented search filter, paging to the last page, sorting, and the
// appointment search's rules — through both doors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, DOOR_KINDS, entries, openDoor, token, type Door } from '../support/doors.ts';

const tag = (r: any, code: string) => r.meta?.tag?.find((t: any) => t.code === code)?.display;
const digits = (v: string) => v.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');

describe.each(DOOR_KINDS)('searches through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  let subject: any;
  const get = async (path: string) => {
    const res = await door.request(path, { headers: auth });
    expect(res.status, `${path}: ${res.text}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    door = await openDoor(kind, { seed: 11, size: 'small', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
    const tags = entries(await get('/v1/profileTags/?_count=100'));
    subject = (await door.request('/v1/practitioners/', {
      method: 'POST',
      headers: auth,
      body: {
        active: true,
        name: [{ family: 'Quillfeather', given: ['Marigold'] }],
        gender: 'female',
        telecom: [
          { system: 'phone', value: '(720) 555-0188', use: 'mobile' },
          { system: 'phone', value: '720.555.0187', use: 'home' },
          { system: 'phone', value: '7205550186x42', use: 'work' },
        ],
        address: [{ city: 'Brighton', state: 'CO' }],
        meta: { tag: [{ code: 'isHired', display: 'true' }, { code: 'profileTags', display: `${tags[0].id},${tags[1].id}` }] },
      },
    })).json();
  });

  const filters: [string, (r: any) => boolean][] = [
    ['first_name=mari', (r) => r.name[0].given[0].toLowerCase().startsWith('mari')],
    ['last_name=QUILL', (r) => r.name[0].family.toLowerCase().startsWith('quill')],
    ['family=quillfeather', (r) => r.name[0].family.toLowerCase() === 'quillfeather'],
    ['city=brighton', (r) => r.address.some((a: any) => a.city?.toLowerCase() === 'brighton')],
    ['state=CO', (r) => r.address.some((a: any) => a.state === 'CO')],
    ['gender=female', (r) => r.gender === 'female'],
    ['active=true', (r) => r.active === true],
    ['is_hired=true', (r) => tag(r, 'isHired') === 'true'],
    ['mobile_phone=7205550188', (r) => r.telecom.some((t: any) => t.use === 'mobile' && digits(t.value) === '7205550188')],
    ['home_phone=7205550187', (r) => r.telecom.some((t: any) => t.use === 'home' && digits(t.value) === '7205550187')],
    ['work_phone=7205550186', (r) => r.telecom.some((t: any) => t.use === 'work' && digits(t.value).startsWith('7205550186'))],
    ['work_phone=7205550186x42', (r) => r.telecom.some((t: any) => t.use === 'work' && t.value.endsWith('x42'))],
    ['created=gt2026-11-25', (r) => r.meta.created.slice(0, 10) > '2026-11-25'],
    ['updated=ge2026-11-26T00:00:00', (r) => r.meta.lastUpdated.slice(0, 19) >= '2026-11-26T00:00:00'],
  ];

  it.each(filters)('GET practitioners/?%s finds the subject and only matches', async (query, holds) => {
    // Newest first: the subject was created just now, so it is on the first page.
    const found = entries(await get(`/v1/practitioners/?${query}&_sort=-created&_count=100`));
    expect(found.map((r) => r.id)).toContain(subject.id);
    for (const r of found) expect(holds(r), `${r.id} does not satisfy ${query}`).toBe(true);
  });

  it('the same filters work as a POST _search body', async () => {
    const found = entries((await door.request('/v1/practitioners/_search/', { method: 'POST', headers: auth, body: { last_name: 'quill', is_hired: 'true', mobile_phone: '7205550188' } })).json());
    expect(found.map((r) => r.id)).toEqual([subject.id]);
  });

  it('external_id, community_id and community_name find a patient by its meta tags', async () => {
    const created = (await door.request('/v1/patients/', {
      method: 'POST',
      headers: auth,
      body: { name: [{ family: 'Larkspur', given: ['Ines'] }], meta: { tag: [{ code: 'externalId', display: 'EXT-0042' }, { code: 'communityId', display: '77' }, { code: 'communityName', display: 'Maple Court' }] } },
    })).json();
    for (const query of ['external_id=EXT-0042', 'community_id=77', 'community_name=maple%20court']) {
      expect(entries(await get(`/v1/patients/?${query}`)).map((p) => p.id), query).toEqual([created.id]);
    }
    expect(entries(await get('/v1/patients/?external_id=EXT-0043'))).toHaveLength(0);
  });

  it('tags: a match holds every listed tag', async () => {
    const tags = tag(subject, 'profileTags');
    const found = entries(await get(`/v1/practitioners/?tags=${tags}&_count=100`));
    expect(found.map((r) => r.id)).toContain(subject.id);
    for (const r of found) for (const t of tags.split(',')) expect(tag(r, 'profileTags').split(',')).toContain(t);
  });

  it('date operators exclude as well as include', async () => {
    expect(entries(await get('/v1/practitioners/?created=lt2026-11-26&_count=100')).map((r) => r.id)).not.toContain(subject.id);
    const today = subject.meta.created.slice(0, 10);
    expect(entries(await get(`/v1/practitioners/?created=eq${today}&_count=100`)).map((r) => r.id)).toContain(subject.id);
    expect(entries(await get(`/v1/practitioners/?created=le${today}T00:00:00&_count=100`)).map((r) => r.id)).not.toContain(subject.id);
  });

  it('pages to the last page from page 0 (live): every practitioner exactly once, then an empty page', async () => {
    const total = (await get('/v1/practitioners/?_count=1')).totalRecords;
    expect(total).toBeGreaterThan(40);
    const seen: string[] = [];
    let page = 0;
    for (;; page++) {
      const found = entries(await get(`/v1/practitioners/?_count=40&_page=${page}`));
      seen.push(...found.map((r) => r.id));
      if (found.length < 40) break;
    }
    expect(page + 1).toBe(Math.ceil(total / 40) + (total % 40 === 0 ? 1 : 0));
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(entries(await get(`/v1/practitioners/?_count=40&_page=${page + 1}`))).toHaveLength(0);
  });

  it('defaults to 30 a page, and sorts by _sort', async () => {
    expect(entries(await get('/v1/practitioners/'))).toHaveLength(30);
    const byName = entries(await get('/v1/practitioners/?_sort=-last_name,first_name&_count=100'));
    const names = byName.map((r) => r.name[0].family.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });

  it('refuses an unknown sort field and names the sortable ones', async () => {
    const res = await door.request('/v1/practitioners/?_sort=shoe_size', { headers: auth });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^_sort: unknown field "shoe_size"; sortable fields are .*last_name/);
  });

  describe('appointments', () => {
    let shift: any;
    beforeEach(async () => {
      const caregiver = entries(await get('/v1/practitioners/?is_hired=true&active=true'))[0];
      const client = entries(await get('/v1/patients/?_count=1'))[0];
      shift = (await door.request('/v1/appointment/', {
        method: 'POST',
        headers: auth,
        body: { caregiver: { id: caregiver.id }, client: { id: client.id }, start: '2026-12-02T16:00:00+00:00', end: '2026-12-02T20:00:00+00:00' },
      })).json();
    });

    it('finds a shift by caregiver and startDate window, not outside it', async () => {
      const hit = entries(await get(`/v1/appointment/?caregiverId=${shift.caregiver.id}&startDate=20261201&additionalDays=2`));
      expect(hit.map((a) => a.id)).toContain(shift.id);
      for (const a of hit) expect(a.caregiver.id).toBe(shift.caregiver.id);
      const miss = entries(await get(`/v1/appointment/?caregiverId=${shift.caregiver.id}&startDate=20261203&additionalDays=1`));
      expect(miss.map((a) => a.id)).not.toContain(shift.id);
    });

    it('finds it by client with weekNo and monthNo, and by POST _search', async () => {
      expect(entries(await get(`/v1/appointment/?clientId=${shift.client.id}&weekNo=202649`)).map((a) => a.id)).toContain(shift.id);
      expect(entries(await get(`/v1/appointment/?clientId=${shift.client.id}&monthNo=202612&_count=100`)).map((a) => a.id)).toContain(shift.id);
      const posted = await door.request('/v1/appointment/_search/', { method: 'POST', headers: auth, body: { clientId: shift.client.id, startDate: '20261202' } });
      expect(entries(posted.json()).map((a) => a.id)).toContain(shift.id);
    });

    it('reflects a replaced and a deleted shift at once (no stale search answers)', async () => {
      const query = `/v1/appointment/?clientId=${shift.client.id}&startDate=20261202`;
      expect(entries(await get(query)).find((a) => a.id === shift.id).status).toBe('SCHEDULED');
      await door.request(`/v1/appointment/${shift.id}/`, { method: 'PUT', headers: auth, body: { ...shift, status: 'CANCELLED' } });
      expect(entries(await get(query)).find((a) => a.id === shift.id).status).toBe('CANCELLED');
      await door.request(`/v1/appointment/${shift.id}/`, { method: 'DELETE', headers: auth });
      expect(entries(await get(query)).map((a) => a.id)).not.toContain(shift.id);
    });

    it('pages from 0', async () => {
      const q = `clientId=${shift.client.id}&monthNo=202612&_count=1`;
      expect(entries(await get(`${'/v1/appointment/?'}${q}&_page=0`))).toHaveLength(1);
    });

    it.each([
      ['startDate=20261202', /caregiverId or clientId is required/],
      ['caregiverId=2001', /startDate, weekNo or monthNo is required/],
      ['caregiverId=2001&startDate=20261202&weekNo=202649', /give only one of/],
      ['caregiverId=2001&weekNo=202649&additionalDays=2', /^additionalDays: only valid with startDate/],
      ['caregiverId=2001&startDate=20261202&additionalDays=8', /additionalDays/],
      ['caregiverId=2001&startDate=2026-12-02', /^startDate/],
    ])('refuses ?%s with a 400 that says what is needed', async (query, message) => {
      const res = await door.request(`/v1/appointment/?${query}`, { headers: auth });
      expect(res.status).toBe(400);
      expect(res.json().error).toMatch(message);
    });
  });

  it('encounter search filters by client and dates in either format, sorts, pages from 1', async () => {
    // A client with finished visits in the fortnight before the agency's today.
    const clientId = door.simulator.state().store.encounters.all().find((e) => String((e.period as { start: string }).start) < '2026-11-26')!.client as { id: string };
    const search = async (body: object, query = '') => door.request(`/v1/encounter/_search/${query}`, { method: 'POST', headers: auth, body });
    const iso = entries((await search({ clientId: clientId.id, startDate: '2026-11-12', endDate: '2026-11-26', _count: 100 })).json());
    expect(iso.length).toBeGreaterThan(0);
    for (const e of iso) {
      expect(e.client.id).toBe(clientId.id);
      expect(e.period.start.slice(0, 10) >= '2026-11-12' && e.period.start.slice(0, 10) <= '2026-11-26').toBe(true);
      expect(e.subject.reference).toBe(`Patient/${clientId.id}`);
    }
    const compact = entries((await search({ clientId: clientId.id, startDate: '20261112', endDate: '20261126', _count: 100 })).json());
    expect(compact.map((e) => e.id)).toEqual(iso.map((e) => e.id));
    const newestFirst = entries((await search({ clientId: clientId.id, startDate: '20261112', endDate: '20261126' }, '?_sort=-date&_count=100')).json());
    expect(newestFirst.map((e) => e.period.start)).toEqual(iso.map((e) => e.period.start).sort().reverse());
    const page0 = await search({ clientId: clientId.id, _page: 0 });
    expect(page0.status).toBe(400);
    expect(page0.json().error).toMatch(/_page/);
    const agencyWide = await search({ startDate: '2026-11-12', endDate: '2026-11-26' });
    expect(agencyWide.status).toBe(400);
    expect(agencyWide.json().error).toMatch(/^clientId or caregiverId is required/);
  });
});
