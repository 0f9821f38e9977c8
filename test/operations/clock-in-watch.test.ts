// The clock-in watch against the simulated WellSky over HTTP, on a fake clock
// the simulator shares: a reminder before a shift, a late alert after the
// grace period when no care log exists, nothing for a shift clocked in,
// nothing twice, and WellSky down said rather than thrown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/cache/database.ts';
import { migrate } from '../../src/cache/migrate.ts';
import { watchClockIns } from '../../src/operations/clock-in-watch.ts';
import { recordingNotifier, type RecordingNotifier } from '../../src/operations/notifier.ts';
import { caregiversFromCache } from '../../src/operations/roster.ts';
import { runSync } from '../../src/sync/sync.ts';
import { entriesFrom } from '../../src/wellsky/client.ts';
import { parseApiInstant } from '../../src/wellsky/dates.ts';
import { openWellSky, type OpenWellSky } from '../support/wellsky.ts';

const MINUTE = 60_000;
const MANAGER = { e164: '+13035550111', name: 'Sam Ortiz', role: 'on-call manager' };

describe('clock-in watch', () => {
  let w: OpenWellSky;
  let db: Database;
  let notifier: RecordingNotifier;
  let shift: { appointmentId: string; caregiverId: string; start: number };
  const watch = () => watchClockIns({ client: w.client, db, notifier, clock: w.clock, timeZone: 'America/Denver', knownContacts: [MANAGER] });

  beforeEach(async () => {
    w = await openWellSky('http', { size: 'small', seed: 7 }, {}, { shareClock: true });
    db = await openDatabase({});
    await migrate(db, w.clock);
    await runSync({ client: w.client, db, clock: w.clock, full: true });
    notifier = recordingNotifier();
    // A current caregiver's first shift today that starts at least 40 minutes from now.
    for (const c of (await caregiversFromCache(db)).filter((c) => c.active && c.hired && c.textTo)) {
      const records = entriesFrom<Record<string, unknown>>(await w.client.api.GET('/v1/appointment/', { params: { query: { caregiverId: c.id, startDate: '20261126', _count: 100 } } }));
      const found = records
        .map((r) => ({ appointmentId: String(r.id), caregiverId: c.id, start: parseApiInstant(String(r.start))!, status: String(r.status) }))
        .filter((s) => s.status === 'SCHEDULED' && s.start >= w.clock.now() + 40 * MINUTE)
        .sort((a, b) => a.start - b.start)[0];
      if (found) {
        shift = found;
        break;
      }
    }
    expect(shift, 'the seeded agency has a shift later today').toBeDefined();
  });
  afterEach(async () => {
    await db.close();
    await w.close();
  });

  const about = () => `appointment:${shift.appointmentId}@${new Date(shift.start).toISOString()}`;

  it('texts a reminder once, 30 minutes before the shift', async () => {
    await w.clock.advance(shift.start - 30 * MINUTE - w.clock.now());
    const first = await watch();
    expect(first.reminders).toContainEqual({ caregiverId: shift.caregiverId, appointmentId: shift.appointmentId, start: new Date(shift.start).toISOString() });
    expect(notifier.sent.filter((m) => m.about === about())).toEqual([expect.objectContaining({ channel: 'sms', purpose: 'clock-in-reminder', to: expect.objectContaining({ caregiverId: shift.caregiverId }) })]);
    const again = await watch();
    expect(again.reminders).toEqual([]);
    expect(notifier.sent.filter((m) => m.about === about())).toHaveLength(1);
  });

  it('pages the on-call manager and texts the caregiver once when the shift is 20 minutes in without a clock-in', async () => {
    await w.clock.advance(shift.start + 20 * MINUTE - w.clock.now());
    const result = await watch();
    expect(result.lateAlerts).toContainEqual({ caregiverId: shift.caregiverId, appointmentId: shift.appointmentId, start: new Date(shift.start).toISOString(), minutesLate: 20 });
    const sent = notifier.sent.filter((m) => m.about === about());
    expect(sent.map((m) => [m.channel, m.purpose, m.to.address === MANAGER.e164])).toEqual([
      ['page', 'late-alert', true],
      ['sms', 'late-alert', false],
    ]);
    expect(sent[0]!.text).toContain('20 minutes late');
    await watch();
    expect(notifier.sent.filter((m) => m.about === about())).toHaveLength(2);
  });

  it('says nothing of a shift clocked in, even late', async () => {
    await w.clock.advance(shift.start + 5 * MINUTE - w.clock.now());
    const clockIn = await w.client.api.POST('/v1/encounter/{appointmentId}/clockin/', { params: { path: { appointmentId: shift.appointmentId } }, body: { period: { start: new Date(w.clock.now()).toISOString().replace(/\.\d{3}Z$/, '+00:00') } } });
    expect(clockIn.response.status).toBeLessThan(300);
    await w.clock.advance(30 * MINUTE);
    const result = await watch();
    expect(result.lateAlerts.map((a) => a.appointmentId)).not.toContain(shift.appointmentId);
    expect(notifier.sent.filter((m) => m.about === about())).toEqual([]);
  });

  it('with WellSky down, sends nothing and says which caregivers went unread and why', async () => {
    await w.admin('faults', 'POST', { name: 'down', then: { status: 503, body: { message: 'Service Unavailable' } } });
    await w.clock.advance(shift.start + 20 * MINUTE - w.clock.now());
    const result = await watch();
    expect(result.unread.length).toBe(result.checkedCaregivers);
    expect(new Set(result.unread.map((u) => u.kind))).toEqual(new Set(['upstream-down']));
    expect(notifier.sent).toEqual([]);
  });
});
