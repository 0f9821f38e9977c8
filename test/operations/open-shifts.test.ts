// Offers and acceptances over HTTP, as Retell drives them, on a medium
// simulated agency (several caregivers free for a shift): one text lists every
// shift still open that a caregiver was offered; the first to accept takes the
// shift and the manager is paged; whoever answers after it is filled is told
// so, by text too; an acceptance of a shift never offered to them is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock-server/http.ts';
import { openDatabase, type Database } from '../../src/cache/database.ts';
import { migrate } from '../../src/cache/migrate.ts';
import { createCallerId } from '../../src/callerid/identify.ts';
import { startingAt } from '../../src/clock.ts';
import { rankReplacements } from '../../src/operations/call-out/rank.ts';
import { ACCEPT_SHIFT_FUNCTION, CALL_OUT_FUNCTION, gigiFunctions } from '../../src/operations/functions.ts';
import { recordingNotifier } from '../../src/operations/notifier.ts';
import { caregiversFromCache } from '../../src/operations/roster.ts';
import { pickCallers } from '../../src/suite/callers.ts';
import { simulatedCall } from '../../src/suite/retell-caller.ts';
import { runSync } from '../../src/sync/sync.ts';
import { createWellSkyClient, type WellSkyClient } from '../../src/wellsky/client.ts';
import { startGigiServer, type StartedGigiServer } from '../../src/webhook/server.ts';

const KEY = 'key_test_open_shifts_0123';
const MANAGER = { e164: '+13035550111', name: 'Sam Ortiz', role: 'on-call manager' };
const credentials = { clientId: 'open-shifts', clientSecret: 'open-shifts-secret-0123456789' };
// A fixed day for the agency and Gigi alike: who is free depends on it.
const agencyClock = startingAt(Date.parse('2026-11-28T17:30:00Z'));

describe('open shifts: several offers in one text, the first acceptance wins, later ones are told', () => {
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  let db: Database;
  let client: WellSkyClient;
  let server: StartedGigiServer;
  const notifier = recordingNotifier();
  /** Whom the next call-out's ranking must put first (a planted preference, to make one caregiver best for two shifts). */
  let favourite: string | undefined;
  let mobiles: Map<string, string>;

  beforeAll(async () => {
    mock = await startMockServer({ port: 0, seed: 7, size: 'medium', credentials, today: '2026-11-28', now: () => agencyClock.now() });
    client = createWellSkyClient({ baseUrl: mock.url, credentials, clock: agencyClock, allowWrites: true, timeoutMs: 10_000, maxAttempts: 3, retryBudgetMs: 10_000, rateLimitPerSecond: 200, maxConcurrent: 8, tokenRefreshMarginSeconds: 60 });
    db = await openDatabase({});
    await migrate(db, agencyClock);
    await runSync({ client, db, clock: agencyClock, full: true });
    mobiles = new Map((await caregiversFromCache(db)).filter((c) => c.textTo).map((c) => [c.id, c.textTo!]));
    const identifyCaller = createCallerId({ db, client, knownContacts: [MANAGER], budgetMs: 2000, shiftWaitMs: 0, clock: agencyClock, timeZone: 'America/Denver' });
    const ports = { client, db, notifier, clock: agencyClock, timeZone: 'America/Denver', knownContacts: [MANAGER] };
    const rank: typeof rankReplacements = (input) => {
      const ranking = rankReplacements(input);
      const first = ranking.ranked.find((r) => r.id === favourite);
      if (!first) return ranking;
      return { ...ranking, ranked: [first, ...ranking.ranked.filter((r) => r !== first)].map((r, i) => ({ ...r, rank: i + 1 })) };
    };
    const functions = gigiFunctions({ identifyCaller, callOut: { ...ports, rank }, complaint: { ...ports, coordinators: { byClient: {} } }, prospect: { client, notifier, clock: agencyClock, knownContacts: [MANAGER], coordinators: { byClient: {} } } });
    server = await startGigiServer({ retellApiKey: KEY, identifyCaller, clock: agencyClock, functions: { db, list: functions }, port: 0, log: () => {} });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await client.close();
    await db.close();
    await mock.close();
  });

  const callAs = (id: string) => simulatedCall(server.url, KEY, mobiles.get(id)!, agencyClock);

  it('runs the whole story', async () => {
    const callers = await pickCallers(db, client, agencyClock, 'America/Denver');
    const first = callers.withShift!;
    const out = await callAs(first.id).invoke(CALL_OUT_FUNCTION, { reason: 'sick' });
    expect(out.body.outcome, JSON.stringify(out.body).slice(0, 1500)).toBe("offered");
    const offered = (out.body.offered_to as { id: string }[]).map((o) => o.id);
    expect(offered.length, JSON.stringify(out.body).slice(0, 2500)).toBeGreaterThanOrEqual(2);
    const firstShift = (out.body.shift as { appointmentId: string }).appointmentId;

    // A second call-out, whose best replacement is someone already offered the first shift: one text, both shifts.
    const others = (await caregiversFromCache(db)).filter((c) => c.active && c.hired && c.textTo && c.id !== first.id && !offered.includes(c.id));
    let second: { appointmentId: string } | undefined;
    favourite = offered[0];
    for (const other of others) {
      notifier.clear();
      const reply = await callAs(other.id).invoke(CALL_OUT_FUNCTION, { reason: 'car broke down' });
      if (reply.body.outcome === 'offered' && (reply.body.offered_to as { id: string }[])[0]?.id === favourite) {
        second = reply.body.shift as { appointmentId: string };
        break;
      }
    }
    favourite = undefined;
    expect(second, 'a second call-out whose shift the favourite can also take').toBeDefined();
    const text = notifier.sent.find((m) => m.purpose === 'shift-offer' && m.to.caregiverId === offered[0])!.text;
    expect(text).toContain(`appointment ${second!.appointmentId}`);
    expect(text).toContain(`appointment ${firstShift}`);
    expect(text).toMatch(/open shifts you could take: 1\) .*; 2\) /);

    // The first to accept takes it; the manager is paged.
    notifier.clear();
    const taken = await callAs(offered[0]!).invoke(ACCEPT_SHIFT_FUNCTION, { appointment_id: firstShift });
    expect(taken.body.outcome).toBe('accepted');
    expect(notifier.sent.filter((m) => m.channel === 'page' && m.to.address === MANAGER.e164).map((m) => [m.purpose, m.text])).toEqual([['shift-filled', expect.stringContaining(`appointment ${firstShift}`)]]);

    // The next one is told it is filled, by text too.
    notifier.clear();
    const late = await callAs(offered[1]!).invoke(ACCEPT_SHIFT_FUNCTION, { appointment_id: firstShift });
    expect(late.body.outcome).toBe('already-filled');
    expect(notifier.sent.map((m) => [m.purpose, m.to.caregiverId])).toEqual([['shift-filled', offered[1]]]);

    // Someone never offered it cannot take it.
    const stranger = others.find((c) => c.id !== offered[0] && c.id !== offered[1] && !offered.includes(c.id))!;
    const refused = await callAs(stranger.id).invoke(ACCEPT_SHIFT_FUNCTION, { appointment_id: firstShift });
    expect(refused.body.outcome).toBe('not-offered');

    // A filled shift is no longer listed in the next offer's text.
    favourite = offered[0];
    notifier.clear();
    for (const other of others.filter((c) => c.id !== stranger.id).reverse()) {
      const reply = await callAs(other.id).invoke(CALL_OUT_FUNCTION, { reason: 'family emergency' });
      const sent = notifier.sent.find((m) => m.purpose === 'shift-offer' && m.to.caregiverId === offered[0]);
      if (reply.body.outcome === 'offered' && sent) {
        expect(sent.text).not.toContain(`appointment ${firstShift}`);
        break;
      }
      notifier.clear();
    }
    favourite = undefined;
  }, 60_000);
});
