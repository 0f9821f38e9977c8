// Create, read, replace, delete, then 404 — for every resource, through both doors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, DOOR_KINDS, entries, openDoor, token, type Door } from '../support/doors.ts';

interface Lifecycle {
  name: string;
  collection: string;
  create: Record<string, unknown>;
  replace: Record<string, unknown>;
  /** A field of the replacement that must be visible after PUT. */
  check: (record: any) => unknown;
  expected: unknown;
}

const person = (family: string, given: string) => ({ name: [{ family, given: [given] }], telecom: [{ system: 'phone', value: '7205550188', use: 'mobile' }] });

describe.each(DOOR_KINDS)('CRUD through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  let patientId: string;
  beforeAll(async () => {
    door = await openDoor(kind, { seed: 3, size: 'tiny', today: '2026-11-26' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
    const created = await door.request('/v1/patients/', { method: 'POST', headers: auth, body: person('Testpatient', 'Ada') });
    patientId = created.json().id;
  });

  const lifecycles = (): Lifecycle[] => [
    { name: 'practitioners', collection: '/v1/practitioners/', create: person('Ortolan', 'Bea'), replace: person('Ortolan', 'Bee'), check: (r) => r.name[0].given[0], expected: 'Bee' },
    { name: 'patients', collection: '/v1/patients/', create: person('Marsh', 'Cy'), replace: { ...person('Marsh', 'Cy'), active: false }, check: (r) => r.active, expected: false },
    {
      name: 'appointment',
      collection: '/v1/appointment/',
      create: { client: { id: patientId }, start: '2026-11-27T15:00:00+00:00', end: '2026-11-27T19:00:00+00:00' },
      replace: { client: { id: patientId }, start: '2026-11-27T15:00:00+00:00', end: '2026-11-27T20:00:00+00:00', status: 'CANCELLED' },
      check: (r) => r.status,
      expected: 'CANCELLED',
    },
    {
      name: 'encounter',
      collection: '/v1/encounter/',
      create: { caregiver: { id: '2001' }, client: { id: patientId }, period: { start: '2026-11-26T14:00:00+00:00' } },
      replace: { period: { start: '2026-11-26T14:00:00+00:00', end: '2026-11-26T18:00:00+00:00' }, status: 'COMPLETE' },
      check: (r) => r.status,
      expected: 'COMPLETE',
    },
    {
      name: 'subscriptions',
      collection: '/v1/subscriptions/',
      create: { criteria: 'patient.created', channel: { type: 'rest-hook', endpoint: 'https://gigi.example.org/hook' } },
      replace: { status: 'off' },
      check: (r) => [r.status, r.channel.endpoint],
      expected: ['off', 'https://gigi.example.org/hook'],
    },
    { name: 'profileTags', collection: '/v1/profileTags/', create: { name: 'Gait belt', type: 'skill' }, replace: { name: 'Gait belt transfer', type: 'skill' }, check: (r) => r.name, expected: 'Gait belt transfer' },
  ];

  it.each(['practitioners', 'patients', 'appointment', 'encounter', 'subscriptions', 'profileTags'])('%s: create, read, replace, delete, then 404', async (name) => {
    const l = lifecycles().find((x) => x.name === name)!;
    const created = await door.request(l.collection, { method: 'POST', headers: auth, body: l.create });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id;
    expect(id).toMatch(/^\d+$/);
    const item = `${l.collection}${id}/`;
    const read = await door.request(item, { headers: auth });
    expect(read.status).toBe(200);
    expect(read.json().id).toBe(id);
    const replaced = await door.request(item, { method: 'PUT', headers: auth, body: l.replace });
    expect(replaced.status, replaced.text).toBe(200);
    expect(l.check((await door.request(item, { headers: auth })).json())).toEqual(l.expected);
    const deleted = await door.request(item, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(200);
    expect(deleted.json()).toEqual({ success: true, id });
    const gone = await door.request(item, { headers: auth });
    expect(gone.status).toBe(404);
    expect(gone.json().error).toContain(id);
  });

  it('PUT updates the fields sent; the rest, and meta.created, keep their values', async () => {
    const created = (await door.request('/v1/practitioners/', {
      method: 'POST',
      headers: auth,
      body: { ...person('Wren', 'Ida'), gender: 'female', meta: { tag: [{ code: 'isHired', display: 'false' }, { code: 'status', display: '10' }] } },
    })).json();
    // Like the live CRM's stage change: only meta, one tag changed.
    const updated = await door.request(`/v1/practitioners/${created.id}/`, { method: 'PUT', headers: auth, body: { meta: { tag: [{ code: 'status', display: '60' }] } } });
    expect(updated.status, updated.text).toBe(200);
    const after = (await door.request(`/v1/practitioners/${created.id}/`, { headers: auth })).json();
    expect(after).toMatchObject({ gender: 'female', name: [{ family: 'Wren', given: ['Ida'] }] });
    const tags = Object.fromEntries(after.meta.tag.map((t: { code: string; display: string }) => [t.code, t.display]));
    expect(tags).toMatchObject({ isHired: 'false', status: '60' });
    expect(after.meta.created).toBe(created.meta.created);
    // null is not a gender: refused, naming the field, and nothing changes.
    const cleared = await door.request(`/v1/practitioners/${created.id}/`, { method: 'PUT', headers: auth, body: { gender: null } });
    expect(cleared.status).toBe(422);
    expect(cleared.json().error).toMatch(/^body\.gender/);
    expect((await door.request(`/v1/practitioners/${created.id}/`, { headers: auth })).json().gender).toBe('female');
  });

  it('a care log in the live flat shape: a PUT of only endDateTime closes it and keeps who and when', async () => {
    // 02:30 UTC on the 27th is 19:30 on the 26th in Denver: the office's day is the 26th.
    const created = await door.request('/v1/encounter/', {
      method: 'POST',
      headers: auth,
      body: { patientId, practitionerId: '2001', startDateTime: '2026-11-27T02:30:00Z' },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id;
    const closed = await door.request(`/v1/encounter/${id}/`, { method: 'PUT', headers: auth, body: { endDateTime: '2026-11-27T06:30:00Z', status: 'COMPLETE' } });
    expect(closed.status, closed.text).toBe(200);
    const after = (await door.request(`/v1/encounter/${id}/`, { headers: auth })).json();
    expect(after).toMatchObject({
      client: { id: patientId },
      caregiver: { id: '2001' },
      period: { start: '2026-11-27T02:30:00Z', end: '2026-11-27T06:30:00Z' },
      status: 'COMPLETE',
    });
    const search = (day: string) =>
      door.request('/v1/encounter/_search/', { method: 'POST', headers: auth, body: { clientId: patientId, startDate: day, endDate: day } });
    expect(entries((await search('2026-11-26')).json()).map((e: { id: string }) => e.id)).toEqual([id]);
    expect(entries((await search('2026-11-27')).json())).toEqual([]);
  });

  it('a form or text body on a JSON route is a 415 naming Content-Type, and nothing is created', async () => {
    const before = (await door.request('/v1/patients/', { headers: auth })).json();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await door.request('/v1/patients/', { method: 'POST', headers: { ...auth, 'content-type': type }, body: 'name=Mallow' });
      expect(res.status, res.text).toBe(415);
      expect(res.json().error ?? res.text).toMatch(/Content-Type/);
    }
    const after = (await door.request('/v1/patients/', { headers: auth })).json();
    expect(after.totalRecords ?? after.total).toBe(before.totalRecords ?? before.total);
  });

  it('a body naming another id than the path is a 422, and nothing changes', async () => {
    const created = (await door.request('/v1/patients/', { method: 'POST', headers: auth, body: person('Fenn', 'Ola') })).json();
    const res = await door.request(`/v1/patients/${created.id}/`, { method: 'PUT', headers: auth, body: { id: '1', active: false } });
    expect(res.status).toBe(422);
    expect(res.json().error).toMatch(/^id: /);
    expect((await door.request(`/v1/patients/${created.id}/`, { headers: auth })).json().active).toBeUndefined();
  });

  it('contacts: listed by patient, updated by their own id, deleted through the patient, then gone', async () => {
    const created = await door.request('/v1/relatedperson/', {
      method: 'POST',
      headers: auth,
      body: { patient: { reference: `Patient/${patientId}` }, name: [{ family: 'Testpatient', given: ['Eli'] }], relationship: { coding: [{ code: 'SON' }] }, emergencyContact: true },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id;
    const listed = () => door.request(`/v1/relatedperson/${patientId}/`, { headers: auth });
    expect(entries((await listed()).json()).map((c) => c.id)).toEqual([id]);
    const updated = await door.request(`/v1/relatedperson/${id}/`, { method: 'PUT', headers: auth, body: { emergencyContact: false } });
    expect(updated.json()).toMatchObject({ id, emergencyContact: false, name: [{ given: ['Eli'] }], patient: { id: patientId } });
    // Another patient's path cannot delete it.
    const other = (await door.request('/v1/patients/', { method: 'POST', headers: auth, body: person('Other', 'Pat') })).json().id;
    expect((await door.request(`/v1/relatedperson/${other}/contacts/${id}/`, { method: 'DELETE', headers: auth })).status).toBe(404);
    const deleted = await door.request(`/v1/relatedperson/${patientId}/contacts/${id}/`, { method: 'DELETE', headers: auth });
    expect(deleted.json()).toEqual({ success: true, id });
    expect(entries((await listed()).json())).toEqual([]);
    expect((await door.request(`/v1/relatedperson/${id}/`, { method: 'PUT', headers: auth, body: { poa: true } })).status).toBe(404);
  });

  it('referral sources: create, read, update; admin tasks: create', async () => {
    const created = await door.request('/v1/referralsource/', { method: 'POST', headers: auth, body: { name: 'Elm Street Clinic', type: 'clinic' } });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id;
    await door.request(`/v1/referralsource/${id}/`, { method: 'PUT', headers: auth, body: { type: 'physician' } });
    expect((await door.request(`/v1/referralsource/${id}/`, { headers: auth })).json()).toMatchObject({ name: 'Elm Street Clinic', type: 'physician' });
    const task = await door.request('/v1/adminTasks/', { method: 'POST', headers: auth, body: { status: 'received', description: 'Call back', requester: [{ resourceType: 'Practitioner', id: 2001 }], owner: [] } });
    expect(task.status, task.text).toBe(201);
    expect(task.json().id).toMatch(/^\d+$/);
  });

  it('documents: create, search by subject, update, delete', async () => {
    const body = {
      type: { text: 'General' },
      content: { attachment: { contentType: 'text/plain', data: 'aGVsbG8=', title: 'hello.txt' } },
      context: { related: [{ ref: `Patient/${patientId}` }] },
      meta: { tag: [{ code: 'agencyId', display: '3100' }] },
    };
    const created = await door.request('/v1/documentReferences/', { method: 'POST', headers: auth, body });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id;
    const search = () => door.request('/v1/documentReferences/_search/', { method: 'POST', headers: auth, body: { subject: `Patient/${patientId}` } });
    expect(entries((await search()).json()).map((d) => d.id)).toEqual([id]);
    await door.request(`/v1/documentReferences/${id}/`, { method: 'PUT', headers: auth, body: { type: { text: 'Assessment' } } });
    expect((await door.request(`/v1/documentReferences/${id}/`, { headers: auth })).json()).toMatchObject({ type: { text: 'Assessment' }, content: body.content });
    expect((await door.request(`/v1/documentReferences/${id}/`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect(entries((await search()).json())).toEqual([]);
    const missing = await door.request('/v1/documentReferences/', { method: 'POST', headers: auth, body: { ...body, context: { related: [{ ref: 'Patient/999999999' }] } } });
    expect(missing.status).toBe(422);
    expect(missing.json().error).toMatch(/^context\.related\[0\]\.ref: no Patient\/999999999/);
  });

  it('locations and organizations are listed and searched by name', async () => {
    for (const collection of ['/v1/locations/', '/v1/organizations/']) {
      const list = await door.request(collection, { headers: auth });
      expect(list.status).toBe(200);
      const first = entries(list.json())[0];
      const word = String(first.name).split(' ')[0]!.toLowerCase();
      const found = await door.request(`${collection}_search/`, { method: 'POST', headers: auth, body: { name: word } });
      expect(entries(found.json()).map((r) => r.id)).toContain(first.id);
      expect(entries(found.json()).every((r) => String(r.name).toLowerCase().includes(word))).toBe(true);
    }
  });

  it('a contact for a patient that does not exist is a 422 naming the field', async () => {
    const res = await door.request('/v1/relatedperson/', { method: 'POST', headers: auth, body: { patient: { id: '999999999' }, name: [{ family: 'X' }] } });
    expect(res.status).toBe(422);
    expect(res.json().error).toMatch(/^patient\.id/);
    const byReference = await door.request('/v1/relatedperson/', { method: 'POST', headers: auth, body: { patient: { reference: 'Patient/999999999' }, name: [{ family: 'X' }] } });
    expect(byReference.status).toBe(422);
    expect(byReference.json().error).toMatch(/^patient\.reference/);
  });

  it('clock-in and clock-out are idempotent; task logs return a string id; emoji are refused', async () => {
    const appt = (await door.request('/v1/appointment/', {
      method: 'POST',
      headers: auth,
      body: { caregiver: { id: '2001' }, client: { id: patientId }, start: '2026-11-26T15:00:00+00:00', end: '2026-11-26T19:00:00+00:00', tasks: [{ id: '51', description: 'Lunch', status: 'PENDING' }] },
    })).json();
    const clockIn = () => door.request(`/v1/encounter/${appt.id}/clockin/`, { method: 'POST', headers: auth, body: { period: { start: '2026-11-26T15:02:00' } } });
    const first = await clockIn();
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ status: 'IN_PROGRESS', clockedOut: false, success: true });
    const second = await clockIn();
    expect(second.json().id).toBe(first.json().id);
    const carelog = first.json().id;
    const out = () => door.request(`/v1/encounter/${carelog}/clockout/`, { method: 'PUT', headers: auth, body: { period: { end: '2026-11-26T19:01:00' } } });
    expect((await out()).json()).toEqual({ success: true });
    expect((await out()).json()).toEqual({ success: true });
    const enc = (await door.request(`/v1/encounter/${carelog}/`, { headers: auth })).json();
    expect(enc).toMatchObject({ status: 'COMPLETE', clockedOut: true, period: { end: '2026-11-26T19:01:00' } });

    const log = await door.request(`/v1/encounter/${carelog}/tasklog/`, { method: 'POST', headers: auth, body: { comment: 'Replacement found by Gigi.' } });
    expect(log.status).toBe(201);
    expect(log.json()).toEqual({ success: true, taskLogId: expect.stringMatching(/^\d+$/) });
    const emoji = await door.request(`/v1/encounter/${carelog}/tasklog/`, { method: 'POST', headers: auth, body: { comment: 'All good 👍' } });
    expect(emoji.status).toBe(422);
    expect(emoji.json().error).toMatch(/^comment: emoji/);
    // Emoji are pictures: a flag is refused; the text symbols © and ™ are not emoji.
    expect((await door.request(`/v1/encounter/${carelog}/tasklog/`, { method: 'POST', headers: auth, body: { comment: 'Flag 🇺🇸' } })).status).toBe(422);
    const symbols = await door.request(`/v1/encounter/${carelog}/tasklog/`, { method: 'POST', headers: auth, body: { comment: 'Form © Example™' } });
    expect(symbols.status).toBe(201);
    await door.request(`/v1/encounter/${carelog}/tasklog/${symbols.json().taskLogId}/`, { method: 'PUT', headers: auth, body: { comment: 'Replaced.' } });
    const logs = (await door.request(`/v1/encounter/${carelog}/tasklog/`, { headers: auth })).json();
    expect(logs.total).toBe(2);
    const taskLogId = log.json().taskLogId;
    expect((await door.request(`/v1/encounter/${carelog}/tasklog/${taskLogId}/`, { method: 'PUT', headers: auth, body: { comment: 'Edited.' } })).status).toBe(200);

    const notDone = await door.request(`/v1/encounter/${carelog}/task/51/`, { method: 'PUT', headers: auth, body: { status: 'NOT_COMPLETE' } });
    expect(notDone.status).toBe(422);
    expect(notDone.json().error).toMatch(/^comment: required/);
    expect((await door.request(`/v1/encounter/${carelog}/task/51/`, { method: 'PUT', headers: auth, body: { status: 'NOT_COMPLETE', comment: 'Client declined' } })).status).toBe(200);
    expect((await door.request(`/v1/encounter/${carelog}/task/999/`, { method: 'PUT', headers: auth, body: { status: 'COMPLETE' } })).status).toBe(404);
  });

  it('a recurring series answers the occurrence nearest the simulated today; deleting one leaves the others', async () => {
    const sim = door.simulator.state();
    const series = sim.store.appointments.all().reduce<Record<string, string[]>>((acc, a) => ((acc[a.id] ??= []).push(String(a.start)), acc), {});
    const [id, starts] = Object.entries(series).find(([, s]) => s.length >= 3)!;
    const read = (await door.request(`/v1/appointment/${id}/`, { headers: auth })).json();
    const distance = (start: string) => Math.abs(Date.parse(start) - Date.parse('2026-11-26T12:00:00Z'));
    // Nearest to 2026-11-26 (the agency's today), whatever the real date is: within a week of it.
    expect(distance(read.start)).toBeLessThanOrEqual(Math.min(...starts.map(distance)) + 86_400_000);
    expect((await door.request(`/v1/appointment/${id}/`, { method: 'DELETE', headers: auth })).status).toBe(200);
    const next = await door.request(`/v1/appointment/${id}/`, { headers: auth });
    expect(next.status).toBe(200);
    expect(next.json().start).not.toBe(read.start);
  });

  it('the simulated now follows the clock: later saves are stamped later, the nearest shift moves on', async () => {
    const practitionerId = (await door.request('/v1/practitioners/', { method: 'POST', headers: auth, body: person('Later', 'Ann') })).json().id;
    const stamp = async () =>
      (await door.request(`/v1/practitioners/${practitionerId}/`, { method: 'PUT', headers: auth, body: { name: [{ family: 'Later', given: ['Ann'] }] } })).json().meta.lastUpdated as string;
    const first = await stamp();
    await door.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 3600 } });
    auth = bearer(await token(door)); // the old one lived 3599 s
    const second = await stamp();
    expect(second > first).toBe(true);
    expect(second.slice(0, 10) >= '2026-11-26').toBe(true);

    const series = door.simulator.state().store.appointments.all().reduce<Record<string, string[]>>((acc, a) => ((acc[a.id] ??= []).push(String(a.start)), acc), {});
    const [id, starts] = Object.entries(series).find(([, s]) => s.length >= 3 && s.some((x) => x > '2026-12-05'))!;
    const before = (await door.request(`/v1/appointment/${id}/`, { headers: auth })).json().start;
    await door.request('/__admin/clock', { method: 'POST', body: { advanceSeconds: 9 * 86400 } });
    auth = bearer(await token(door));
    const after = (await door.request(`/v1/appointment/${id}/`, { headers: auth })).json().start;
    expect(after > before, `${before} -> ${after} of ${starts.join(', ')}`).toBe(true);
  });

  it('clock-in to a shift that does not exist is a 404', async () => {
    const res = await door.request('/v1/encounter/123456789/clockin/', { method: 'POST', headers: auth, body: { period: { start: '2026-11-26T15:02:00' } } });
    expect(res.status).toBe(404);
  });
});
