// `gigi-harness clock-in-watch [--json]`: one run of the clock-in watch that
// `serve` runs every few minutes (reminders before shifts, late alerts after
// the grace period), for a cron job or a person checking. A cache that was
// never synced is synced first.
import type { Config } from '../config.ts';
import { openGigi, type GigiPorts } from '../gigi.ts';
import { watchClockIns } from '../operations/clock-in-watch.ts';
import { syncIfNeverSynced } from './first-sync.ts';

export async function clockInWatchCommand(config: Config, ports: GigiPorts, options: { json?: boolean }, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const gigi = await openGigi(config, ports);
  try {
    if (!(await syncIfNeverSynced(gigi, ports.clock, err, 'no watch without the caregivers'))) return 1;
    const result = await watchClockIns({ client: gigi.client, db: gigi.db, notifier: gigi.notifier, clock: ports.clock, timeZone: config.timeZone, knownContacts: config.callerId.knownContacts });
    if (options.json) out(JSON.stringify(result, null, 2));
    else {
      out(`clock-in watch: ${result.checkedCaregivers} current caregivers, ${result.shiftsToday} shifts still to come or running today`);
      out(`  reminders sent: ${result.reminders.length}; late alerts: ${result.lateAlerts.length}`);
      for (const late of result.lateAlerts) out(`  late: caregiver ${late.caregiverId}, appointment ${late.appointmentId} at ${late.start}, ${late.minutesLate} min`);
      if (result.unread.length) out(`  not read (tried again next run): ${result.unread.length} caregivers (${[...new Set(result.unread.map((u) => u.kind))].join(', ')})`);
    }
    return result.unread.length ? 1 : 0;
  } finally {
    await gigi.close();
  }
}
