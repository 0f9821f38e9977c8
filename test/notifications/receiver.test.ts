// A WellSky change notification refreshes the one record it names, on every
// cache backend: the rest of the cache is untouched, a deleted record leaves,
// a wrong secret reads nothing, and WellSky being down is a 503 (it retries).
import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupPhone } from '../../src/cache/people-cache.ts';
import { createNotificationReceiver } from '../../src/notifications/receiver.ts';
import { runSync } from '../../src/sync/sync.ts';
import { availableBackends, dumpCache, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { openWellSky, type OpenWellSky } from '../support/wellsky.ts';

const backends = await availableBackends();
const SECRET = 'notification-secret-for-tests';
type Json = Record<string, any>;

describe.each(backends)('WellSky change notifications into the cache on %s', (backend) => {
  let t: TestDatabase;
  let w: OpenWellSky;
  let app: express.Express;
  const notify = (body: unknown, secret = SECRET) =>
    request(app).post('/webhooks/wellsky/notifications').set('authorization', `Bearer ${secret}`).set('content-type', 'application/fhir+json').send(JSON.stringify(body));

  beforeEach(async () => {
    t = await openTestDatabase(backend);
    w = await openWellSky('http', {}, {}, { shareClock: true });
    expect((await runSync({ client: w.client, db: t.db, clock: w.clock })).outcome).toBe('ok');
    app = express();
    app.use('/webhooks/wellsky', createNotificationReceiver({ client: w.client, db: t.db, clock: w.clock, secret: SECRET }));
  });
  afterEach(async () => {
    await w.close();
    await t.close();
  });

  const rowsOf = (dump: string, id: string) => {
    const tables = JSON.parse(dump) as Record<string, Json[]>;
    return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.filter((r) => r.id !== id && r.person_id !== id)]));
  };

  it('a caregiver whose phone changed: that one record is refreshed, nothing else moves', async () => {
    const before = await dumpCache(t.db);
    await w.client.api.PUT('/v1/practitioners/{id}/', { params: { path: { id: '2001' } }, body: { telecom: [{ system: 'phone', value: '719-555-0161', use: 'mobile' }] } as never });
    await w.clock.advance(60_000);
    const res = await notify({ resourceType: 'Practitioner', id: '2001' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.outcome).toBe('updated');
    expect((await lookupPhone(t.db, '+17195550161')).map((m) => m.personId)).toEqual(['2001']);
    expect(rowsOf(await dumpCache(t.db), '2001')).toEqual(rowsOf(before, '2001'));
  });

  it('a client deleted in WellSky leaves the cache with their family contacts', async () => {
    const contact = w.simulator.state().store.relatedPersons.all()[0] as Json;
    const clientId = String(contact.patient.id);
    await w.client.api.DELETE('/v1/patients/{id}/', { params: { path: { id: clientId } } });
    const res = await notify({ resourceType: 'Patient', id: Number(clientId) });
    expect(res.body.outcome).toBe('removed');
    const { rows } = await t.db.query('SELECT id FROM related_persons WHERE client_id = $1', [clientId]);
    expect(rows).toEqual([]);
    expect((await t.db.query('SELECT id FROM clients WHERE id = $1', [clientId])).rows).toEqual([]);
  });

  it('a wrong secret is a 401 and nothing is read; a bad body names the field', async () => {
    const before = await dumpCache(t.db);
    const calls = (await w.journal()).length;
    expect((await notify({ resourceType: 'Practitioner', id: '2001' }, 'guessed')).status).toBe(401);
    expect((await w.journal()).length).toBe(calls);
    const bad = await notify({ resourceType: 'Practitioner', id: '../2001' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^id:/);
    expect(await dumpCache(t.db)).toBe(before);
  });

  it('WellSky down: a 503 so WellSky tries again, and the cache keeps what it had', async () => {
    const before = await dumpCache(t.db);
    await w.admin('faults', 'POST', { name: 'down', when: { path: '^/v1/' }, then: { status: 500, body: { error: 'internal' } } });
    const res = await notify({ resourceType: 'Patient', id: '50001' });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/upstream-down/);
    expect(await dumpCache(t.db)).toBe(before);
  });

  it('a clock-out (Encounter) is acknowledged and changes nothing', async () => {
    const res = await notify({ resourceType: 'Encounter', id: '700001' });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('ignored');
  });
});
