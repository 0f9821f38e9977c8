// The clock-in watch as production runs it (POST /jobs/clock-in-watch on
// Gigi's server), twice. What it found depends on the time of day the suite
// runs, so the checks hold whatever the time: every late alert is for a shift
// that started at least 15 minutes ago with no care log in WellSky (read by the
// suite), every reminder for a shift starting within the hour, each paged or
// texted once, and the second run sends nothing new.
import { entriesFrom } from '../../wellsky/client.ts';
import type { CheckResult } from '../results.ts';
import type { ScenarioWorld } from '../run-suite.ts';
import { fail, pass } from './outcome.ts';

type Json = Record<string, unknown>;
const MINUTE_MS = 60_000;

interface WatchResult {
  checkedCaregivers: number;
  reminders: { caregiverId: string; appointmentId: string; start: string }[];
  lateAlerts: { caregiverId: string; appointmentId: string; start: string; minutesLate: number }[];
  unread: { caregiverId: string; kind: string }[];
}

async function runWatch(world: ScenarioWorld): Promise<{ status: number; body: WatchResult }> {
  const res = await fetch(`${world.gigiUrl}/jobs/clock-in-watch`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as WatchResult };
}

export async function checkClockInWatch(world: ScenarioWorld): Promise<CheckResult[]> {
  const expected = world.plan.expect['clock-in-watch'];
  if (!expected) return [fail('the scenario says what the clock-in watch must do', `scenarios/${world.plan.name}.yaml has no suite.clock-in-watch entry: add one (e.g. reads: complete)`, 'scenario')];
  const started = world.clock.now();
  const first = await runWatch(world);
  const checks: CheckResult[] = [];
  if (first.status !== 200) return [fail('runs the clock-in watch', `POST /jobs/clock-in-watch answered ${first.status}: ${JSON.stringify(first.body).slice(0, 160)}`, 'gigi')];
  const result = first.body;
  const sent = world.notifier.sent.filter((m) => m.purpose === 'clock-in-reminder' || m.purpose === 'late-alert');

  if (expected.reads === 'failed') {
    const kinds = [...new Set(result.unread.map((u) => u.kind))];
    const readsCheck = `reports every caregiver unread${expected.failureKind ? ` with ${expected.failureKind}` : ''}, sending nothing`;
    if (result.unread.length !== result.checkedCaregivers || result.checkedCaregivers === 0) checks.push(fail(readsCheck, `${result.unread.length} of ${result.checkedCaregivers} caregivers reported unread`, 'gigi'));
    else if (expected.failureKind && (kinds.length !== 1 || kinds[0] !== expected.failureKind)) checks.push(fail(readsCheck, `unread with ${kinds.join(', ')}`, 'gigi', kinds[0]));
    else if (sent.length > 0) checks.push(fail(readsCheck, `${sent.length} message(s) sent although nothing could be read`, 'gigi'));
    else checks.push(pass(readsCheck));
    return checks;
  }

  checks.push(
    result.unread.length === 0 && result.checkedCaregivers > 0
      ? pass(`reads every current caregiver's shifts today (${result.checkedCaregivers})`)
      : fail(`reads every current caregiver's shifts today (${result.checkedCaregivers})`, `${result.unread.length} unread (${[...new Set(result.unread.map((u) => u.kind))].join(', ')})`, 'gigi'),
  );

  // Each late alert: due, by WellSky's own records.
  const wrong: string[] = [];
  for (const late of result.lateAlerts) {
    const start = Date.parse(late.start);
    if (started - start < 15 * MINUTE_MS) wrong.push(`appointment ${late.appointmentId} started ${Math.round((started - start) / MINUTE_MS)} min ago`);
    else if (await hasCareLog(world, late.appointmentId, late.caregiverId, start)) wrong.push(`appointment ${late.appointmentId} has a care log in WellSky`);
    const paged = world.notifier.sent.filter((m) => m.purpose === 'late-alert' && m.channel === 'page' && m.about === `appointment:${late.appointmentId}@${late.start}`);
    if (paged.length !== 1) wrong.push(`appointment ${late.appointmentId}: ${paged.length} page(s) to the on-call manager`);
  }
  checks.push(wrong.length === 0 ? pass(`alerts only for shifts 15 minutes in with no care log (${result.lateAlerts.length} now)`) : fail(`alerts only for shifts 15 minutes in with no care log (${result.lateAlerts.length} now)`, wrong.join('; '), 'gigi'));

  const early = result.reminders.filter((r) => Date.parse(r.start) <= started - MINUTE_MS || Date.parse(r.start) - started > 61 * MINUTE_MS);
  checks.push(
    early.length === 0
      ? pass(`reminds only of shifts starting within the hour (${result.reminders.length} now)`)
      : fail(`reminds only of shifts starting within the hour (${result.reminders.length} now)`, early.map((r) => `appointment ${r.appointmentId} at ${r.start}`).join(', '), 'gigi'),
  );

  // Nothing twice: the next run finds everything already sent.
  const before = world.notifier.sent.length;
  const second = await runWatch(world);
  const repeated = second.body.reminders.length + second.body.lateAlerts.length;
  checks.push(
    world.notifier.sent.length === before && repeated === 0
      ? pass('a second run sends nothing already sent')
      : fail('a second run sends nothing already sent', `${world.notifier.sent.length - before} more message(s), ${repeated} alert(s) again`, 'gigi'),
  );
  return checks;
}

/** Whether WellSky holds a care log for this appointment on its day (the clock-in). */
async function hasCareLog(world: ScenarioWorld, appointmentId: string, caregiverId: string, start: number): Promise<boolean> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: world.timeZone }).format(start);
  const logs = entriesFrom<Json>(await world.client.api.POST('/v1/encounter/_search/', { body: { caregiverId, startDate: day, endDate: day, _count: 100 } }));
  return logs.some((l) => String(l.appointmentId ?? '') === appointmentId);
}
