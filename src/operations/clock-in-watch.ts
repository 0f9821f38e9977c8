// The clock-in watch: run every few minutes. For each current caregiver's
// shifts today, a text reminder shortly before a shift starts, and, once a
// shift is past its grace period with no clock-in (no care log for it in
// WellSky), a page to the on-call manager and a text to the caregiver. Each
// is sent once per shift occurrence (remembered in the cache). A WellSky
// failure is counted and said; the next run tries again.
import type { Database } from '../cache/database.ts';
import { entriesFrom } from '../wellsky/client.ts';
import { compactDate, isoDate, parseApiInstant } from '../wellsky/dates.ts';
import { WellSkyError } from '../wellsky/failures.ts';
import type { WorkflowPorts } from './ports.ts';
import { caregiversFromCache, clientFromCache, type RosterCaregiver } from './roster.ts';
import { onCallManager } from './routing.ts';

type Json = Record<string, unknown>;
const MINUTE_MS = 60_000;

export interface ClockInWatchOptions {
  /** How long before a shift its reminder goes (default 60 minutes). */
  reminderLeadMinutes?: number;
  /** How late a clock-in may be before the alert (default 15 minutes). */
  graceMinutes?: number;
  /** Schedules read at once (default 4). */
  concurrency?: number;
}

export interface ClockInWatchResult {
  checkedCaregivers: number;
  shiftsToday: number;
  reminders: { caregiverId: string; appointmentId: string; start: string }[];
  lateAlerts: { caregiverId: string; appointmentId: string; start: string; minutesLate: number }[];
  /** Caregivers whose schedule or care logs could not be read this run, with the kind. */
  unread: { caregiverId: string; kind: string }[];
}

interface Shift {
  appointmentId: string;
  clientId: string;
  start: number;
  end: number;
}

export async function watchClockIns(ports: WorkflowPorts & { db: Database }, options: ClockInWatchOptions = {}): Promise<ClockInWatchResult> {
  const lead = (options.reminderLeadMinutes ?? 60) * MINUTE_MS;
  const grace = (options.graceMinutes ?? 15) * MINUTE_MS;
  const now = ports.clock.now();
  const today = compactDate(now, ports.timeZone);
  const caregivers = (await caregiversFromCache(ports.db)).filter((c) => c.active && c.hired);
  const result: ClockInWatchResult = { checkedCaregivers: caregivers.length, shiftsToday: 0, reminders: [], lateAlerts: [], unread: [] };
  let next = 0;
  const worker = async () => {
    while (next < caregivers.length) {
      const caregiver = caregivers[next++]!;
      try {
        const shifts = (await shiftsToday(ports, caregiver.id, today)).filter((s) => s.end > now);
        result.shiftsToday += shifts.length;
        for (const shift of shifts) {
          if (shift.start > now && shift.start - now <= lead) await remind(ports, caregiver, shift, result);
          else if (now - shift.start >= grace && !(await clockedIn(ports, shift))) await alertLate(ports, caregiver, shift, now, result);
        }
      } catch (error) {
        if (!(error instanceof WellSkyError)) throw error;
        result.unread.push({ caregiverId: caregiver.id, kind: error.kind });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, caregivers.length)) }, worker));
  return result;
}

async function shiftsToday(ports: WorkflowPorts, caregiverId: string, today: string): Promise<Shift[]> {
  const records = entriesFrom<Json>(await ports.client.api.GET('/v1/appointment/', { params: { query: { caregiverId, startDate: today, _count: 100 } } }));
  return records
    .map((r) => ({ appointmentId: String(r.id), clientId: String((r.client as Json | undefined)?.id ?? ''), start: parseApiInstant(String(r.start)), end: parseApiInstant(String(r.end)), status: String(r.status ?? '') }))
    .filter((s): s is Shift & { status: string } => s.start !== undefined && s.end !== undefined && !/cancel|complete/i.test(s.status) && compactDate(s.start, ports.timeZone) === today);
}

/** A clock-in is a care log for this appointment that day. */
async function clockedIn(ports: WorkflowPorts, shift: Shift): Promise<boolean> {
  const day = isoDate(shift.start, ports.timeZone);
  const logs = entriesFrom<Json>(await ports.client.api.POST('/v1/encounter/_search/', { body: { clientId: shift.clientId, startDate: day, endDate: day, _count: 100 } }));
  return logs.some((l) => String(l.appointmentId ?? '') === shift.appointmentId);
}

/** Claims the alert in the cache; false when this run or an earlier one already sent it. */
async function claim(ports: WorkflowPorts & { db: Database }, kind: string, caregiverId: string, shift: Shift): Promise<boolean> {
  const key = `${kind}:${shift.appointmentId}@${shift.start}:${caregiverId}`;
  // Asked first: pg-mem returns the row from ON CONFLICT DO NOTHING … RETURNING even when nothing was inserted.
  const held = await ports.db.query<{ key: string }>('SELECT key FROM clock_in_alerts WHERE key = $1', [key]);
  if (held.rows.length > 0) return false;
  const { rows } = await ports.db.query<{ key: string }>('INSERT INTO clock_in_alerts (key, kind, appointment_id, caregiver_id, sent_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING key', [
    key,
    kind,
    shift.appointmentId,
    caregiverId,
    new Date(ports.clock.now()).toISOString(),
  ]);
  return rows.length === 1;
}

const time = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms);

async function remind(ports: WorkflowPorts & { db: Database }, caregiver: RosterCaregiver, shift: Shift, result: ClockInWatchResult): Promise<void> {
  if (!caregiver.textTo || !(await claim(ports, 'reminder', caregiver.id, shift))) return;
  const client = await clientFromCache(ports.db, shift.clientId);
  await ports.notifier.send({
    channel: 'sms',
    purpose: 'clock-in-reminder',
    to: { name: caregiver.name, address: caregiver.textTo, caregiverId: caregiver.id },
    text: `Hi ${caregiver.firstName}, a reminder: your shift${client ? ` with ${client.shortName}` : ''} starts at ${time(shift.start, ports.timeZone)}. Clock in when you arrive.`,
    about: `appointment:${shift.appointmentId}@${new Date(shift.start).toISOString()}`,
  });
  result.reminders.push({ caregiverId: caregiver.id, appointmentId: shift.appointmentId, start: new Date(shift.start).toISOString() });
}

async function alertLate(ports: WorkflowPorts & { db: Database }, caregiver: RosterCaregiver, shift: Shift, now: number, result: ClockInWatchResult): Promise<void> {
  if (!(await claim(ports, 'late', caregiver.id, shift))) return;
  const client = await clientFromCache(ports.db, shift.clientId);
  const minutesLate = Math.floor((now - shift.start) / MINUTE_MS);
  const about = `appointment:${shift.appointmentId}@${new Date(shift.start).toISOString()}`;
  const manager = onCallManager(ports.knownContacts);
  if (manager) {
    await ports.notifier.send({
      channel: 'page',
      purpose: 'late-alert',
      to: { name: manager.name, address: manager.e164 },
      text: `${caregiver.name} has not clocked in for the ${time(shift.start, ports.timeZone)} shift${client ? ` with ${client.name}` : ''} (appointment ${shift.appointmentId}): ${minutesLate} minutes late.`,
      about,
    });
  }
  if (caregiver.textTo) {
    await ports.notifier.send({
      channel: 'sms',
      purpose: 'late-alert',
      to: { name: caregiver.name, address: caregiver.textTo, caregiverId: caregiver.id },
      text: `Hi ${caregiver.firstName}, your ${time(shift.start, ports.timeZone)} shift has no clock-in yet. If you are there, clock in; if you cannot make it, call the office.`,
      about,
    });
  }
  result.lateAlerts.push({ caregiverId: caregiver.id, appointmentId: shift.appointmentId, start: new Date(shift.start).toISOString(), minutesLate });
}
