// The cache and its sync, on every backend this machine has (pg-mem always,
// real PostgreSQL from DATABASE_URL, testcontainers when Docker answers),
// against the simulated WellSky over HTTP in both of its profiles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/cache/database.ts';
import { migrate } from '../../src/cache/migrate.ts';
import { refreshRecord } from '../../src/notifications/refresh.ts';
import { countPeople, lookupPhone } from '../../src/cache/people-cache.ts';
import { recentRuns } from '../../src/cache/sync-log.ts';
import { OVERLAP_MS, runSync, updatedSince } from '../../src/sync/sync.ts';
import { parsePhone } from '../../src/wellsky/phone.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { availableBackends, dumpCache, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { openWellSky, type OpenWellSky } from '../support/wellsky.ts';

const backends = await availableBackends();
type Json = Record<string, any>;

const mobileOf = (record: Json) => (record.telecom ?? []).find((t: Json) => t.system === 'phone' && parsePhone(t.value))?.value as string | undefined;

describe.each(backends)('the cache on %s', (backend) => {
  let t: TestDatabase;
  let w: OpenWellSky | undefined;
  beforeEach(async () => {
    t = await openTestDatabase(backend);
  });
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.close();
  });

  it('applies its migrations once: a second start applies none and keeps the rows', async () => {
    await t.db.query("INSERT INTO caregivers (id, first_name, last_name, active, is_hired, phones, synced_at) VALUES ('1', 'Ada', 'Quill', true, true, '[]', '2026-11-26T15:00:00Z')");
    expect(await migrate(t.db, new FakeClock())).toEqual([]);
    expect((await countPeople(t.db)).caregivers).toBe(1);
  });

  describe.each(['live-like', 'by-the-docs'] as const)('synced from the simulated WellSky, %s', (profile) => {
    beforeEach(async () => {
      w = await openWellSky('http', { profile }, {}, { shareClock: true });
    });

    it('a full sync holds every caregiver, client and family contact, and finds each by any of their numbers', async () => {
      const result = await runSync({ client: w!.client, db: t.db, clock: w!.clock, pageSize: 10 });
      expect(result, String(result.detail)).toMatchObject({ outcome: 'ok', mode: 'full' });
      const store = w!.simulator.state().store;
      expect(await countPeople(t.db)).toMatchObject({
        caregivers: store.practitioners.all().length,
        clients: store.patients.all().length,
        family: store.relatedPersons.all().length,
      });
      const caregiver = store.practitioners.all().find((p) => mobileOf(p)) as Json;
      const matches = await lookupPhone(t.db, parsePhone(mobileOf(caregiver))!.e164);
      expect(matches.map((m) => [m.kind, m.personId])).toContainEqual(['caregiver', caregiver.id]);
      const contact = store.relatedPersons.all().find((p) => mobileOf(p)) as Json;
      const family = (await lookupPhone(t.db, parsePhone(mobileOf(contact))!.e164)).find((m) => m.personId === contact.id);
      expect(family).toMatchObject({ kind: 'family', clientId: contact.patient.id });
      expect(family!.clientName).toMatch(/\S+ \S+/);
    });

    it('reads family contacts a page at a time, and client by client where the contact search is missing', async () => {
      await w!.admin('faults', 'POST', { name: 'no-contact-search', when: { operationId: 'searchRelatedPersons' }, then: { status: 404, body: { error: 'not found' } } });
      const result = await runSync({ client: w!.client, db: t.db, clock: w!.clock, pageSize: 10 });
      expect(result, String(result.detail)).toMatchObject({ outcome: 'ok' });
      const store = w!.simulator.state().store;
      expect((await countPeople(t.db)).family).toBe(store.relatedPersons.all().length);
      const asked = (await w!.journal()).map((e) => e.operationId);
      expect(asked.filter((id) => id === 'searchRelatedPersons')).toHaveLength(1);
      expect(asked.filter((id) => id === 'listRelatedPersons')).toHaveLength(store.patients.all().length);
    });

    it('an incremental sync asks for what changed since the last run and takes a changed phone and a new client', async () => {
      const first = await runSync({ client: w!.client, db: t.db, clock: w!.clock, pageSize: 10 });
      expect(first.outcome).toBe('ok');
      await w!.clock.advance(3_600_000);
      const store = w!.simulator.state().store;
      const caregiver = store.practitioners.all().find((p) => mobileOf(p)) as Json;
      const oldNumber = parsePhone(mobileOf(caregiver))!.e164;
      await w!.client.api.PUT('/v1/practitioners/{id}/', { params: { path: { id: caregiver.id } }, body: { telecom: [{ system: 'phone', value: '(720) 555-0177', use: 'mobile' }] } as never });
      const created = await w!.client.api.POST('/v1/patients/', {
        body: { name: [{ family: 'Marrow', given: ['Tess'] }], telecom: [{ system: 'phone', value: '7205550178', use: 'home' }] } as never,
      });
      await w!.clock.advance(60_000);

      const second = await runSync({ client: w!.client, db: t.db, clock: w!.clock, pageSize: 10 });
      expect(second, String(second.detail)).toMatchObject({ outcome: 'ok', mode: 'incremental', since: updatedSince(Date.parse('2026-11-26T15:00:00Z') - OVERLAP_MS) });
      const asked = (await w!.journal()).filter((e) => e.operationId === 'searchPractitioners').at(-1) as Json;
      expect(decodeURIComponent(asked.path + (asked.query ?? ''))).toContain('updated=gt2026-11-26T14:55:00');
      expect(second.counts.caregivers).toBeLessThan(store.practitioners.all().length);
      expect((await lookupPhone(t.db, '+17205550177')).map((m) => m.personId)).toEqual([caregiver.id]);
      expect((await lookupPhone(t.db, oldNumber)).map((m) => m.personId)).not.toContain(caregiver.id);
      expect((await lookupPhone(t.db, '+17205550178')).map((m) => [m.kind, m.personId, m.displayName])).toEqual([['client', (created.data as Json).id, 'Tess Marrow']]);
    });

    it('a sync that fails at page 3 leaves the cache byte-identical and logs the failure kind', async () => {
      expect((await runSync({ client: w!.client, db: t.db, clock: w!.clock, pageSize: 10 })).outcome).toBe('ok');
      const before = await dumpCache(t.db);
      await w!.client.api.PUT('/v1/practitioners/{id}/', { params: { path: { id: '2001' } }, body: { telecom: [{ system: 'phone', value: '7205550166', use: 'mobile' }] } as never });
      await w!.admin('faults', 'POST', { name: 'page-3', when: { path: '^/v1/(practitioners|patients)/$', nth: 3 }, then: { status: 500, body: { error: 'internal' } } });
      await w!.clock.advance(60_000);
      const failed = await runSync({ client: w!.client, db: t.db, clock: w!.clock, full: true, pageSize: 10 });
      expect(failed).toMatchObject({ outcome: 'failed', failureKind: 'upstream-down' });
      expect(await dumpCache(t.db)).toBe(before);
      const [latest] = await recentRuns(t.db, 1);
      expect(latest).toMatchObject({ outcome: 'failed', failureKind: 'upstream-down', mode: 'full' });
      const pages = (await w!.journal()).filter((e) => /^(searchPractitioners|searchPatients)$/.test(String(e.operationId)));
      expect(pages.at(-1)!.status).toBe(500);
    });
  });

  it('a write that fails half-way rolls back: the cache is byte-identical and the log names the failure', async () => {
    w = await openWellSky('http', {}, {}, { shareClock: true });
    expect((await runSync({ client: w.client, db: t.db, clock: w.clock })).outcome).toBe('ok');
    const before = await dumpCache(t.db);
    await w.client.api.PUT('/v1/practitioners/{id}/', { params: { path: { id: '2001' } }, body: { telecom: [{ system: 'phone', value: '7195550170', use: 'mobile' }] } as never });
    await w.clock.advance(60_000);
    // The same database, but the phone index's insert fails: after the deletes and the other tables' inserts.
    const failing: Database = {
      ...t.db,
      query: t.db.query,
      transaction: (work) =>
        t.db.transaction((tx) =>
          work({
            query: (sql, params) => (/^INSERT INTO phone_index/.test(sql) ? Promise.reject(new Error('disk full (simulated)')) : tx.query(sql, params)),
          }),
        ),
    };
    const failed = await runSync({ client: w.client, db: failing, clock: w.clock, full: true });
    expect(failed).toMatchObject({ outcome: 'failed', failureKind: 'internal' });
    expect(failed.detail).toMatch(/disk full/);
    expect(await dumpCache(t.db)).toBe(before);
    expect((await recentRuns(t.db, 1))[0]).toMatchObject({ outcome: 'failed', failureKind: 'internal' });
  });

  it('a notification refreshed while a full sync was reading is not overwritten by the older read', async () => {
    let refreshed = false;
    // The moment the sync asks for patients, caregiver 2001's phone changes and its notification is refreshed.
    const racing: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!refreshed && url.pathname === '/v1/patients/') {
        refreshed = true;
        await w!.client.api.PUT('/v1/practitioners/{id}/', { params: { path: { id: '2001' } }, body: { telecom: [{ system: 'phone', value: '7195550171', use: 'mobile' }] } as never });
        await w!.clock.advance(1000);
        expect(await refreshRecord(w!.client, t.db, w!.clock, { resourceType: 'Practitioner', id: '2001' })).toBe('updated');
      }
      return fetch(input, init);
    };
    w = await openWellSky('http', {}, { fetch: racing }, { shareClock: true });
    const result = await runSync({ client: w.client, db: t.db, clock: w.clock });
    expect(result.outcome, String(result.detail)).toBe('ok');
    expect(refreshed).toBe(true);
    expect((await lookupPhone(t.db, '+17195550171')).map((m) => m.personId)).toEqual(['2001']);
    expect((await countPeople(t.db)).caregivers).toBe(w.simulator.state().store.practitioners.all().length);
  });

  it('a full run that suddenly lists almost nobody is not written, unless allowed', async () => {
    w = await openWellSky('http', { size: 'small' }, {}, { shareClock: true });
    expect((await runSync({ client: w.client, db: t.db, clock: w.clock })).outcome).toBe('ok');
    const before = await dumpCache(t.db);
    // Live WellSky has answered searches with an empty Bundle for hours.
    await w.admin('faults', 'POST', { name: 'empty', when: { path: '^/v1/(practitioners|patients)/$' }, then: { status: 200, body: { resourceType: 'Bundle', entry: [] } } });
    const refused = await runSync({ client: w.client, db: t.db, clock: w.clock, full: true });
    expect(refused).toMatchObject({ outcome: 'failed', failureKind: 'suspicious-shrink' });
    expect(refused.detail).toMatch(/WellSky listed 0 caregivers where the cache holds \d+/);
    expect(await dumpCache(t.db)).toBe(before);
    const allowed = await runSync({ client: w.client, db: t.db, clock: w.clock, full: true, allowShrink: true });
    expect(allowed.outcome).toBe('ok');
    expect((await countPeople(t.db)).caregivers).toBe(0);
  });

  it('two syncs started together never interleave: the second says why it did not run', async () => {
    w = await openWellSky('http', {}, {}, { shareClock: true });
    const other = backend === 'pg-mem' ? t.db : await t.reopen();
    const [a, b] = await Promise.all([
      runSync({ client: w.client, db: t.db, clock: w.clock, pageSize: 10 }),
      runSync({ client: w.client, db: other, clock: w.clock, pageSize: 10 }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['ok', 'skipped']);
    const skipped = [a, b].find((r) => r.outcome === 'skipped')!;
    expect(skipped.detail).toMatch(/another sync is running/);
    const runs = await recentRuns(t.db, 2);
    expect(runs.map((r) => r.outcome).sort()).toEqual(['ok', 'skipped']);
    // And after it, the next one runs.
    expect((await runSync({ client: w.client, db: other, clock: w.clock, pageSize: 10 })).outcome).toBe('ok');
  });
});
