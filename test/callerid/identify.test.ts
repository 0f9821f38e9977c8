// Caller ID against the simulated WellSky over HTTP, with the cache on every
// backend this machine has: known contacts, the cache, WellSky on a miss, and
// a budget that a slow or failing WellSky cannot break.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCallerId } from '../../src/callerid/identify.ts';
import type { IdentifyCaller } from '../../src/callerid/answer.ts';
import { runSync } from '../../src/sync/sync.ts';
import { availableBackends, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { openWellSky, type OpenWellSky } from '../support/wellsky.ts';

const backends = await availableBackends();
type Json = Record<string, any>;
const BUDGET = 800;
const SHIFT_WAIT = 250;

const person = (family: string, given: string, phones: [string, string][]) => ({
  name: [{ family, given: [given] }],
  telecom: phones.map(([use, value]) => ({ system: 'phone', value, use })),
});

describe.each(backends)('caller ID with the cache on %s', (backend) => {
  let t: TestDatabase;
  let w: OpenWellSky;
  let identify: IdentifyCaller;
  let ids: Record<string, string>;

  const create = async (path: '/v1/practitioners/' | '/v1/patients/', body: unknown) => ((await w.client.api.POST(path, { body: body as never })).data as Json).id as string;

  // Calls on the wire right now: the hang test moves time only once WellSky has been asked.
  let inFlight = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };

  // One agency and one synced cache per backend; each test leaves no fault behind.
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    w = await openWellSky('http', {}, { fetch: countingFetch }, { shareClock: true });
    ids = {
      nell: await create('/v1/practitioners/', { ...person('Varga', 'Nell', [['mobile', '(719) 555-0101']]), meta: { tag: [{ code: 'isHired', display: 'true' }] } }),
      ruth: await create('/v1/patients/', person('Okafor', 'Ruth', [['home', '719.555.0102']])),
      // One landline, two clients: a married couple both receiving care.
      abe: await create('/v1/patients/', person('Lindqvist', 'Abe', [['home', '7195550103']])),
      // A phone handed on: the applicant who never started had it before the caregiver who has it now.
      applicant: await create('/v1/practitioners/', { ...person('Hale', 'Orrin', [['mobile', '719-555-0107']]), meta: { tag: [{ code: 'isHired', display: 'false' }] } }),
      inez: await create('/v1/practitioners/', { ...person('Moss', 'Inez', [['mobile', '7195550107']]), meta: { tag: [{ code: 'isHired', display: 'true' }] } }),
      former: await create('/v1/practitioners/', { ...person('Pell', 'Una', [['mobile', '7195550108']]), active: false, meta: { tag: [{ code: 'isHired', display: 'true' }] } }),
      ida: await create('/v1/patients/', person('Lindqvist', 'Ida', [['home', '+1 719 555 0103']])),
    };
    const contact = await w.client.api.POST('/v1/relatedperson/', {
      body: { patient: { id: ids.ruth }, ...person('Okafor', 'Dele', [['mobile', '719-555-0104']]), relationship: [{ coding: [{ code: 'SON', display: 'Son' }] }] } as never,
    });
    ids.dele = (contact.data as Json).id;
    expect((await runSync({ client: w.client, db: t.db, clock: w.clock })).outcome).toBe('ok');
    identify = createCallerId({
      db: t.db,
      client: w.client,
      knownContacts: [{ e164: '+17195550199', name: 'Dana Reyes', role: 'on-call manager' }],
      budgetMs: BUDGET,
      shiftWaitMs: SHIFT_WAIT,
      clock: w.clock,
      timeZone: 'America/Denver',
    });
  });
  afterEach(async () => {
    await w.admin('faults', 'DELETE');
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  it.each(['+1 (719) 555-0101', '719.555.0101 x12', '7195550101', '(719)5550101', '+17195550101'])('%s is the caregiver, from the cache', async (number) => {
    const answer = await identify(number);
    expect(answer).toMatchObject({ source: 'cache', match: { kind: 'caregiver', person: { id: ids.nell, name: 'Nell Varga', firstName: 'Nell' } }, number: { e164: '+17195550101' } });
  });

  it.each(['garbage', '', '555-0101', '+44 20 7946 0018', '(719)'])('%j is unknown, said plainly, never a throw', async (number) => {
    const answer = await identify(number);
    expect(answer).toMatchObject({ source: 'none', match: { kind: 'unknown' } });
    expect((answer.match as { reason: string }).reason).toMatch(/could not be read/);
  });

  it('a client, a family contact with whose contact they are, and a known contact from configuration', async () => {
    expect(await identify('7195550102')).toMatchObject({ source: 'cache', match: { kind: 'client', person: { id: ids.ruth, name: 'Ruth Okafor' } } });
    expect(await identify('7195550104')).toMatchObject({
      source: 'cache',
      match: { kind: 'family', person: { id: ids.dele, name: 'Dele Okafor', relationship: 'Son', clientOf: { id: ids.ruth, name: 'Ruth Okafor' } } },
    });
    expect(await identify('(719) 555-0199')).toMatchObject({ source: 'known-contact', match: { kind: 'known-contact', name: 'Dana Reyes', role: 'on-call manager' } });
  });

  it('a number two people share is ambiguous and names both', async () => {
    const answer = await identify('719-555-0103');
    expect(answer.match.kind).toBe('ambiguous');
    const people = (answer.match as { people: { id: string; name: string }[] }).people;
    expect(people.map((p) => p.name).sort()).toEqual(['Abe Lindqvist', 'Ida Lindqvist']);
  });

  it('prefers the current caregiver over an applicant on the same number, and marks someone no longer current', async () => {
    expect(await identify('7195550107')).toMatchObject({ match: { kind: 'caregiver', person: { id: ids.inez, name: 'Inez Moss' } } });
    const former = await identify('7195550108');
    expect(former).toMatchObject({ match: { kind: 'caregiver', person: { id: ids.former, inactive: true } } });
  });

  it('says how old the cached row is', async () => {
    const before = (await identify('7195550101')).cacheAgeSeconds!;
    await w.clock.advance(2 * 3_600_000);
    expect((await identify('7195550101')).cacheAgeSeconds).toBe(before + 7200);
  });

  it('answers from the cache while WellSky is down', async () => {
    await w.admin('faults', 'POST', { name: 'down', when: { path: '^/v1/' }, then: { status: 503, body: { message: 'Service Unavailable' } } });
    expect(await identify('7195550102')).toMatchObject({ source: 'cache', match: { kind: 'client', person: { id: ids.ruth } } });
    const missed = await identify('7195550150');
    expect(missed).toMatchObject({ source: 'none', match: { kind: 'unknown' } });
    expect(missed.note).toMatch(/WellSky/);
    expect(missed.tookMs).toBeLessThanOrEqual(BUDGET);
  });

  it('on a miss asks WellSky, and finds someone added since the sync', async () => {
    const late = await create('/v1/practitioners/', person('Brisk', 'Omar', [['mobile', '719 555 0105']]));
    expect(await identify('7195550105')).toMatchObject({ source: 'api', match: { kind: 'caregiver', person: { id: late, name: 'Omar Brisk' } } });
    expect(await identify('7195550106')).toMatchObject({ source: 'none', match: { kind: 'unknown' } });
  });

  it('answers within the budget while WellSky hangs: unknown, lookup timed out', async () => {
    await w.admin('faults', 'POST', { name: 'hang', when: { path: '^/v1/(practitioners|patients|relatedperson)/' }, then: { behaviour: 'hang' } });
    const pending = identify('7195550150');
    // Once the cache has missed and every search is on the wire (and hanging), time runs on.
    await vi.waitFor(() => expect(inFlight).toBe(7));
    await w.clock.advance(BUDGET);
    const answer = await pending;
    expect(answer).toMatchObject({ source: 'none', match: { kind: 'unknown', reason: 'lookup timed out' } });
    expect(answer.tookMs).toBe(BUDGET);
    expect(answer.note).toMatch(/did not answer within the 800 ms budget/);
    // Let the abandoned searches end (their own timeouts, then a healthy WellSky) so the server can close.
    await w.admin('faults', 'DELETE');
    await w.clock.advance(60_000);
    await vi.waitFor(() => expect(inFlight).toBe(0));
  });

  it('counts the budget from when the caller started waiting: 700 ms already spent leaves 100 ms', async () => {
    await w.admin('faults', 'POST', { name: 'hang', when: { path: '^/v1/(practitioners|patients|relatedperson)/' }, then: { behaviour: 'hang' } });
    const pending = identify('7195550151', { startedAt: w.clock.now() - 700 });
    await vi.waitFor(() => expect(inFlight).toBe(7));
    await w.clock.advance(100);
    const answer = await pending;
    expect(answer).toMatchObject({ source: 'none', match: { kind: 'unknown', reason: 'lookup timed out' } });
    expect(answer.tookMs).toBe(BUDGET);
    await w.admin('faults', 'DELETE');
    await w.clock.advance(60_000);
    await vi.waitFor(() => expect(inFlight).toBe(0));
  });

  it("a caregiver's answer names their next shift, and waits for it no longer than the shift wait", async () => {
    const at = (ms: number) => new Date(ms).toISOString().slice(0, 19) + '+00:00';
    const start = w.clock.now() + 3_600_000;
    const made = await w.client.api.POST('/v1/appointment/', { body: { caregiver: { id: ids.nell }, client: { id: ids.ruth }, start: at(start), end: at(start + 4 * 3_600_000) } as never });
    expect(made.response.status).toBe(201);
    const answer = await identify('7195550101');
    expect(answer.shiftSummary).toMatch(/ to .* with Ruth Okafor$/);

    await w.admin('faults', 'POST', { name: 'slow-shifts', when: { path: '^/v1/appointment/' }, then: { behaviour: 'hang' } });
    const pending = identify('7195550101');
    await vi.waitFor(() => expect(inFlight).toBe(1));
    await w.clock.advance(SHIFT_WAIT);
    const waited = await pending;
    expect(waited).toMatchObject({ source: 'cache', match: { kind: 'caregiver', person: { id: ids.nell } } });
    expect(waited.shiftSummary).toBeUndefined();
    expect(waited.tookMs).toBe(SHIFT_WAIT);
    await w.admin('faults', 'DELETE');
    await w.clock.advance(60_000);
    await vi.waitFor(() => expect(inFlight).toBe(0));
  });

  it('only ever calls routes WellSky has (the January paths cannot be expressed)', async () => {
    for (const n of ['7195550101', '7195550150', '7195550104']) await identify(n);
    const journal = await w.journal();
    expect(journal.filter((e) => e.status === 403)).toEqual([]);
    for (const e of journal) expect(e.path).toMatch(/^\/(oauth\/accesstoken|v1\/(practitioners|patients|relatedperson|appointment)\/[^]*)$/);
    expect(journal.map((e) => e.path)).not.toContainEqual(expect.stringMatching(/Practitioner|Patient\b|\/v1\/v1\//));
  });
});
