// Every quirk, on and then off, each on its own — through both doors. A quirk
// that lets a live-only form through must, when off, refuse it naming the quirk.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUIRK_NAMES, QUIRKS } from '../../mock-server/core/quirks.ts';
import { bearer, DOOR_KINDS, entries, openDoor, token, type Door } from '../support/doors.ts';

/** The quirks this file proves; the last test checks none is left out. */
const covered = new Set<string>();
const quirkTest = (name: keyof typeof QUIRKS, title: string, fn: () => Promise<void>) => {
  covered.add(name);
  it(`${name}: ${title}`, fn);
};

describe.each(DOOR_KINDS)('quirks through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  const request = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    door.request(path, { ...init, headers: { ...auth, ...init.headers } });
  const get = async (path: string) => (await request(path)).json();
  const setQuirk = (name: string, on: boolean) => door.request('/__admin/quirks', { method: 'PUT', body: { [name]: on } });
  const lastRule = async () => (await door.request('/__admin/journal?limit=1')).json().entries[0]?.rule as string | undefined;
  /** A refusal by the docs: the status, the field first in the error, and the quirk named. */
  const expectRefusal = async (res: { status: number; json(): any }, status: number, field: string, quirk: string) => {
    expect(res.status).toBe(status);
    expect(res.json().error).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: .*quirk ${quirk} allows it`));
    expect(await lastRule()).toBe(`by-the-docs:${quirk}`);
  };
  const aClient = async () => entries(await get('/v1/patients/?_count=100&_page=0')).find((p) => p.meta.tag.some((t: any) => t.code === 'isClient' && t.display === 'true'));
  const aCaregiver = () => door.simulator.state().store.appointments.all().find((a) => (a.caregiver as { id?: string } | undefined)?.id)!.caregiver as { id: string };

  beforeAll(async () => {
    door = await openDoor(kind, { seed: 21, size: 'small', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
  });

  it('live-like is the default profile and lists every quirk with what it does, the docs instead, and the evidence', async () => {
    const listed = (await door.request('/__admin/quirks')).json();
    expect(listed.profile).toBe('live-like');
    expect(listed.quirks.map((q: { name: string }) => q.name)).toEqual(QUIRK_NAMES);
    for (const q of listed.quirks) {
      expect(q.description.length).toBeGreaterThan(20);
      expect(q.byTheDocs.length).toBeGreaterThan(10);
      expect(q.evidence).toMatch(/§|wellsky-connect-api/);
    }
  });

  quirkTest('mixed-bundle-entries', 'bare and wrapped entries in one page, named in the journal; off, all bare', async () => {
    const raw = (await get('/v1/practitioners/?_count=10')).entry;
    expect(raw.some((e: object) => 'resource' in e)).toBe(true);
    expect(raw.some((e: object) => 'resourceType' in e)).toBe(true);
    expect(await lastRule()).toContain('mixed-bundle-entries');
    await setQuirk('mixed-bundle-entries', false);
    expect((await get('/v1/practitioners/?_count=10')).entry.every((e: object) => !('resource' in e))).toBe(true);
  });

  quirkTest('empty-bundle-without-count', 'an empty search has no count field, named in the journal; off, totalRecords 0', async () => {
    const on = await request('/v1/practitioners/?last_name=Zzyzx');
    expect(on.text).toBe('{"resourceType":"Bundle","entry":[]}');
    expect(await lastRule()).toBe('quirk:empty-bundle-without-count');
    await setQuirk('empty-bundle-without-count', false);
    expect(await get('/v1/practitioners/?last_name=Zzyzx')).toMatchObject({ resourceType: 'Bundle', totalRecords: 0, entry: [] });
  });

  quirkTest('post-patient-search-active-empty', 'POST _search with active finds nothing while GET does; off, they agree', async () => {
    const viaGet = (await get('/v1/patients/?active=true&_count=1')).totalRecords;
    expect(viaGet).toBeGreaterThan(0);
    const post = () => request('/v1/patients/_search/', { method: 'POST', body: { active: 'true', _count: 1 } });
    expect(entries((await post()).json())).toHaveLength(0);
    await setQuirk('post-patient-search-active-empty', false);
    expect((await post()).json().totalRecords).toBe(viaGet);
  });

  quirkTest('agency-id-narrows', 'agencyId shrinks the lists (agency_id never does); off, agencyId is ignored', async () => {
    const all = (await get('/v1/patients/?_count=1&_page=0')).totalRecords;
    const agencyId = (await get('/__admin/status')).agencyId;
    const narrowed = (await get(`/v1/patients/?agencyId=${agencyId}&_count=1`)).totalRecords;
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    expect((await get(`/v1/patients/?agency_id=${agencyId}&_count=1`)).totalRecords).toBe(all);
    await setQuirk('agency-id-narrows', false);
    expect((await get(`/v1/patients/?agencyId=${agencyId}&_count=1`)).totalRecords).toBe(all);
  });

  quirkTest('partial-first-patient-page', 'a plain GET patients/ claims its first page is everything; off, the true total', async () => {
    const truth = (await get('/v1/patients/?_page=0&_count=100')).totalRecords;
    expect(truth).toBeGreaterThan(30);
    const plain = await get('/v1/patients/');
    expect(plain.totalRecords).toBe(30);
    expect(entries(plain)).toHaveLength(30);
    await setQuirk('partial-first-patient-page', false);
    expect((await get('/v1/patients/')).totalRecords).toBe(truth);
  });

  quirkTest('status-none', 'some patients, clients among them, carry the status "None"; off, every status is a number', async () => {
    const patients = async () => {
      const out: any[] = [];
      for (let page = 0; ; page++) {
        const found = entries(await get(`/v1/patients/?_count=100&_page=${page}`));
        out.push(...found);
        if (found.length < 100) return out;
      }
    };
    const status = (p: any) => p.meta.tag.find((t: any) => t.code === 'status')?.display;
    const none = (await patients()).filter((p) => status(p) === 'None');
    expect(none.length).toBeGreaterThan(0);
    expect(none.some((p) => p.meta.tag.some((t: any) => t.code === 'isClient' && t.display === 'true'))).toBe(true);
    await setQuirk('status-none', false);
    for (const p of await patients()) if (status(p) !== undefined) expect(status(p)).toMatch(/^\d+$/);
  });

  quirkTest('count-capped-at-100', '_count=150 gives 100 entries, named in the journal; off, a 400 naming _count and the quirk', async () => {
    expect(entries(await get('/v1/practitioners/?_count=150'))).toHaveLength(100);
    expect(await lastRule()).toContain('count-capped-at-100');
    await setQuirk('count-capped-at-100', false);
    await expectRefusal(await request('/v1/practitioners/?_count=150'), 400, '_count', 'count-capped-at-100');
    await expectRefusal(await request('/v1/practitioners/_search/', { method: 'POST', body: { _count: 150 } }), 400, '_count', 'count-capped-at-100');
  });

  quirkTest('document-writes-fail', '(opt-in) a complete document gets a 500 HTML page, as live gave; off, 201', async () => {
    const client = await aClient();
    const write = () =>
      request('/v1/documentReferences/', {
        method: 'POST',
        body: {
          type: { text: 'General' },
          content: { attachment: { contentType: 'text/plain', data: 'aGk=', title: 'hi.txt' } },
          context: { related: [{ ref: `Patient/${client.id}` }] },
          meta: { tag: [{ code: 'agencyId', display: '3100' }] },
        },
      });
    expect((await write()).status).toBe(201);
    await setQuirk('document-writes-fail', true);
    const failed = await write();
    expect(failed.status).toBe(500);
    expect(failed.headers['content-type']).toMatch(/text\/html/);
    expect(failed.text).toMatch(/<html>/);
    expect(await lastRule()).toBe('quirk:document-writes-fail');
  });

  quirkTest('fhir-json-media-type', 'an application/fhir+json body is read as JSON; off, a 400 naming Content-Type (a bodiless GET with it is fine)', async () => {
    const create = () => request('/v1/profileTags/', { method: 'POST', headers: { 'content-type': 'application/fhir+json; charset=utf-8' }, body: JSON.stringify({ name: 'Lift', type: 'skill' }) });
    const made = await create();
    expect(made.status).toBe(201);
    expect(made.json().name).toBe('Lift');
    expect(await lastRule()).toBe('quirk:fhir-json-media-type');
    await setQuirk('fhir-json-media-type', false);
    await expectRefusal(await create(), 400, 'Content-Type', 'fhir-json-media-type');
    expect((await request('/v1/profileTags/', { headers: { 'content-type': 'application/fhir+json' } })).status).toBe(200);
  });

  quirkTest('routes-beyond-reference', 'adminTasks/ and the care-plan and charge-item routes answer; off, the gateway 403 an unknown route gets', async () => {
    const task = () => request('/v1/adminTasks/', { method: 'POST', body: { status: 'received', description: 'Call back', requester: [3100], owner: [] } });
    expect((await task()).status).toBe(201);
    expect(await lastRule()).toBe('quirk:routes-beyond-reference');
    await setQuirk('routes-beyond-reference', false);
    const refused = await task();
    const unknown = await request('/v1/adminTask/', { method: 'POST', body: {} });
    expect(refused.status).toBe(403);
    expect(refused.text).toBe(unknown.text); // byte for byte the gateway's answer
    expect(await lastRule()).toBe('gateway:invalid-key-value-pair');
    await task();
    expect(await lastRule()).toBe('by-the-docs:routes-beyond-reference');
    expect((await request('/v1/careplan/activity-metadata/')).status).toBe(403);
  });

  quirkTest('patients-list-without-slash', 'GET /v1/patients answers like patients/ (no other slashless path does); off, 403', async () => {
    const slashless = await request('/v1/patients?_count=5&_page=0');
    expect(slashless.status).toBe(200);
    expect(entries(slashless.json()).map((p) => p.id)).toEqual(entries(await get('/v1/patients/?_count=5&_page=0')).map((p) => p.id));
    expect((await request('/v1/practitioners?_count=5')).status).toBe(403);
    await setQuirk('patients-list-without-slash', false);
    expect((await request('/v1/patients?_count=5')).status).toBe(403);
    expect(await lastRule()).toBe('by-the-docs:patients-list-without-slash');
  });

  quirkTest('people-pages-from-zero', '_page=0 is the first page and 1 the second; off, pages count from 1 and 0 is refused', async () => {
    const ids = async (page: number) => entries(await get(`/v1/practitioners/?_count=10&_page=${page}`)).map((p) => p.id);
    const first = await ids(0);
    const second = await ids(1);
    expect(first).toHaveLength(10);
    expect(second.some((id) => first.includes(id))).toBe(false);
    expect(entries(await get('/v1/practitioners/?_count=10')).map((p) => p.id)).toEqual(first);
    await setQuirk('people-pages-from-zero', false);
    await expectRefusal(await request('/v1/practitioners/?_count=10&_page=0'), 400, '_page', 'people-pages-from-zero');
    expect(await ids(1)).toEqual(first);
  });

  quirkTest('paging-in-search-query', '_count in the query of a POST search is honoured; off, the body alone decides', async () => {
    const search = () => request('/v1/practitioners/_search/?_count=3', { method: 'POST', body: { is_hired: 'true' } });
    expect(entries((await search()).json())).toHaveLength(3);
    expect(await lastRule()).toContain('paging-in-search-query');
    await setQuirk('paging-in-search-query', false);
    const whole = (await search()).json();
    expect(whole.totalRecords).toBeGreaterThan(3);
    expect(entries(whole)).toHaveLength(Math.min(30, whole.totalRecords));
  });

  quirkTest('name-contains-search', 'last_name:contains=Sa finds family names containing it; off, it is ignored', async () => {
    const found = await get('/v1/patients/?last_name:contains=Sa&_count=100&_page=0');
    expect(entries(found).length).toBeGreaterThan(0);
    for (const p of entries(found)) expect(p.name[0].family.toLowerCase()).toContain('sa');
    const all = (await get('/v1/patients/?_count=1&_page=0')).totalRecords;
    expect(found.totalRecords).toBeLessThan(all);
    await setQuirk('name-contains-search', false);
    expect((await get('/v1/patients/?last_name:contains=Sa&_count=1&_page=0')).totalRecords).toBe(all);
  });

  quirkTest('additional-days-lenient', 'additionalDays as a string, and 7, are accepted; off, each a 400 naming the quirk', async () => {
    const caregiver = aCaregiver();
    const post = (additionalDays: unknown) => request('/v1/appointment/_search/', { method: 'POST', body: { caregiverId: caregiver.id, startDate: '20261120', additionalDays } });
    expect((await post('6')).status).toBe(200);
    expect((await post(7)).status).toBe(200);
    expect((await request(`/v1/appointment/?caregiverId=${caregiver.id}&startDate=20261120&additionalDays=7`)).status).toBe(200);
    await setQuirk('additional-days-lenient', false);
    await expectRefusal(await post('6'), 400, 'additionalDays', 'additional-days-lenient');
    await expectRefusal(await request(`/v1/appointment/?caregiverId=${caregiver.id}&startDate=20261120&additionalDays=7`), 400, 'additionalDays', 'additional-days-lenient');
    expect((await post(6)).status).toBe(200);
  });

  quirkTest('compact-encounter-dates', 'encounter searches take YYYYMMDD; off, a 400 naming the quirk', async () => {
    const caregiver = aCaregiver();
    const search = (startDate: string) => request('/v1/encounter/_search/', { method: 'POST', body: { caregiverId: caregiver.id, startDate } });
    expect((await search('20261101')).status).toBe(200);
    await setQuirk('compact-encounter-dates', false);
    await expectRefusal(await search('20261101'), 400, 'startDate', 'compact-encounter-dates');
    expect((await search('2026-11-01')).status).toBe(200);
  });

  quirkTest('sort-date-alias', 'encounters sort by "date"; off, a 400 naming the sortable fields and the quirk', async () => {
    const caregiver = aCaregiver();
    const search = (_sort: string) => request('/v1/encounter/_search/', { method: 'POST', body: { caregiverId: caregiver.id, _sort, _count: 100 } });
    const byDate = entries((await search('-date')).json()).map((e) => e.period.start);
    expect(byDate.length).toBeGreaterThan(1);
    expect(byDate).toEqual([...byDate].sort().reverse());
    expect(entries((await search('-startDate')).json()).map((e) => e.period.start)).toEqual(byDate);
    await setQuirk('sort-date-alias', false);
    const refused = await search('-date');
    await expectRefusal(refused, 400, '_sort', 'sort-date-alias');
    expect(refused.json().error).toContain('startDate');
  });

  quirkTest('relationship-as-object', 'a contact\'s relationship is one object, sent and answered; off, a list, and an object is a 422', async () => {
    const client = await aClient();
    const create = (relationship: unknown) => request('/v1/relatedperson/', { method: 'POST', body: { patient: { id: client.id }, name: [{ family: 'Kin' }], relationship } });
    const made = await create({ coding: [{ code: 'DAU' }] });
    expect(made.status).toBe(201);
    expect(made.json().relationship).toEqual({ coding: [{ code: 'DAU' }] });
    await setQuirk('relationship-as-object', false);
    expect((await get(`/v1/relatedperson/${client.id}/`)).entry.map((e: any) => (e.resource ?? e).relationship)).toContainEqual([{ coding: [{ code: 'DAU' }] }]);
    await expectRefusal(await create({ coding: [{ code: 'DAU' }] }), 422, 'relationship', 'relationship-as-object');
    expect((await create([{ coding: [{ code: 'SON' }] }])).json().relationship).toEqual([{ coding: [{ code: 'SON' }] }]);
  });

  quirkTest('total-on-visit-bundles', 'appointment and encounter searches count in "total"; off, "totalRecords"', async () => {
    const caregiver = aCaregiver();
    const shifts = () => get(`/v1/appointment/?caregiverId=${caregiver.id}&monthNo=202611`);
    const visits = async () => (await request('/v1/encounter/_search/', { method: 'POST', body: { caregiverId: caregiver.id } })).json();
    expect(await shifts()).toMatchObject({ total: expect.any(Number) });
    expect(await shifts()).not.toHaveProperty('totalRecords');
    expect(await visits()).toMatchObject({ total: expect.any(Number) });
    await setQuirk('total-on-visit-bundles', false);
    expect(await shifts()).toMatchObject({ totalRecords: expect.any(Number) });
    expect(await visits()).not.toHaveProperty('total');
  });

  quirkTest('encounter-search-needs-person', 'a whole-agency encounter search is a 400; off, it answers', async () => {
    const search = () => request('/v1/encounter/_search/', { method: 'POST', body: { startDate: '2026-11-20', endDate: '2026-11-26' } });
    const refused = await search();
    expect(refused.status).toBe(400);
    expect(refused.json().error).toMatch(/^clientId or caregiverId is required/);
    await setQuirk('encounter-search-needs-person', false);
    const all = await search();
    expect(all.status).toBe(200);
    expect(entries(all.json()).length).toBeGreaterThan(0);
  });

  it('by-the-docs turns every quirk off', async () => {
    await door.request('/__admin/load', { method: 'POST', body: { profile: 'by-the-docs' } });
    const listed = (await door.request('/__admin/quirks')).json();
    expect(listed.quirks.every((q: { on: boolean }) => !q.on)).toBe(true);
  });

  it('refuses an unknown quirk name, or a prototype name, and lists the known ones', async () => {
    for (const name of ['no-such-quirk', 'constructor', '__proto__']) {
      const res = await door.request('/__admin/quirks', { method: 'PUT', body: JSON.stringify({ [name]: true }), headers: { 'content-type': 'application/json' } });
      expect(res.status, name).toBe(400);
      expect(res.json().error).toContain(`${name}: unknown quirk; known quirks are ${QUIRK_NAMES[0]}`);
    }
  });

  it('covers every quirk', () => {
    expect(QUIRK_NAMES.filter((q) => !covered.has(q))).toEqual([]);
  });
});
