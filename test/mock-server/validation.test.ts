// Bad input gets a WellSky error body that names the field — through both doors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, DOOR_KINDS, openDoor, token, type Door } from '../support/doors.ts';

describe.each(DOOR_KINDS)('request validation through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  beforeAll(async () => {
    door = await openDoor(kind, { seed: 5, size: 'tiny', today: '2026-11-26', profile: 'by-the-docs' });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await door.request('/__admin/reset', { method: 'POST' });
    auth = bearer(await token(door));
  });

  it.each([
    ['/v1/practitioners/?mobile_phone=303555010', 'mobile_phone', /10 digits/],
    ['/v1/practitioners/?home_phone=1035550101', 'home_phone', /first digit 2/],
    ['/v1/practitioners/?_count=0', '_count', /1/],
    ['/v1/practitioners/?_count=101', '_count', /100/],
    ['/v1/practitioners/?_page=0', '_page', /1/],
    ['/v1/practitioners/?active=yes', 'active', /must be one of true, false/],
    ['/v1/practitioners/?created=after2026-01-01', 'created', /operator/],
    ['/v1/practitioners/?gender=robot', 'gender', /must be one of male, female/],
    ['/v1/practitioners/?state=Colorado', 'state', /pattern/],
    ['/v1/practitioners/abc/', 'id', /numeric/],
    ['/v1/appointment/?caregiverId=2001&monthNo=202613', 'monthNo', /pattern/],
    ['/v1/appointment/?caregiverId=2001&startDate=20260231', 'startDate', /not a real date/],
    ['/v1/practitioners/?created=gt2026-02-30', 'created', /not a real date/],
    ['/v1/appointment/?caregiverId=2001&weekNo=202553', 'weekNo', /2025 has only 52 ISO weeks/],
  ])('GET %s → 400 naming %s', async (path, field, hint) => {
    const res = await door.request(path, { headers: auth });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json())).toEqual(['error']);
    expect(res.json().error.startsWith(`${field}:`), res.json().error).toBe(true);
    expect(res.json().error).toMatch(hint);
  });

  it('a body that is not JSON is a 400 that says so', async () => {
    const res = await door.request('/v1/practitioners/', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name": [' });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^body: not valid JSON/);
  });

  it('a missing body on a write is a 400', async () => {
    const res = await door.request('/v1/practitioners/', { method: 'POST', headers: auth });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^body: required/);
  });

  it.each([
    [{ telecom: [] }, /^body\.name: is required/],
    [{ name: [{ family: 'X' }], active: 'yes' }, /^body\.active: must be boolean/],
    [{ name: [] }, /^body\.name: must NOT have fewer than 1 items/],
    [{ name: [{ family: 'X' }], telecom: [{ system: 'fax', value: '1' }] }, /^body\.telecom\.0\.system/],
  ])('a body that breaks the schema is a 422 naming the field (%j)', async (body, message) => {
    const res = await door.request('/v1/practitioners/', { method: 'POST', headers: auth, body });
    expect(res.status).toBe(422);
    expect(res.json().error).toMatch(message);
  });

  it('an impossible birth date or shift time is a 422 naming the field', async () => {
    const born = await door.request('/v1/patients/', { method: 'POST', headers: auth, body: { name: [{ family: 'X' }], birthDate: '1940-13-45' } });
    expect(born.status).toBe(422);
    expect(born.json().error).toBe('body.birthDate: is not a real date or time');
    const shift = await door.request('/v1/appointment/', { method: 'POST', headers: auth, body: { client: { id: '50001' }, start: '2026-11-27T25:00:00+00:00', end: '2026-11-28T02:00:00+00:00' } });
    expect(shift.status).toBe(422);
    expect(shift.json().error).toMatch(/^body\.start: is not a real date or time/);
  });

  it('an appointment that ends before it starts is a 422', async () => {
    const res = await door.request('/v1/appointment/', {
      method: 'POST',
      headers: auth,
      body: { client: { id: '50001' }, start: '2026-11-27T20:00:00+00:00', end: '2026-11-27T16:00:00+00:00' },
    });
    expect(res.status).toBe(422);
    expect(res.json().error).toMatch(/^end: must be after start/);
  });
});
