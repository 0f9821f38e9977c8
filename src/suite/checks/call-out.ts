// A call-out as the phone platform drives it: the caregiver calls (the signed
// call_inbound webhook), the agent calls `report_call_out`, and Retell, as it
// does after a timeout, calls it again. Checked against what Gigi did — the
// texts and pages it sent, the notes WellSky received (the simulated WellSky's
// journal) — and the replacements offered are checked against WellSky's own
// schedule, read independently of Gigi's ranking.
import { ACCEPT_SHIFT_FUNCTION, CALL_OUT_FUNCTION } from '../../operations/functions.ts';
import { entriesFrom } from '../../wellsky/client.ts';
import { compactDate, parseApiInstant } from '../../wellsky/dates.ts';
import type { CheckResult, FailureOwner } from '../results.ts';
import { simulatedCall } from '../retell-caller.ts';
import type { ScenarioWorld } from '../run-suite.ts';
import { formatFor } from './caller-id.ts';
import { fail, notRun, pass } from './outcome.ts';

type Json = Record<string, unknown>;
const DAY_MS = 86_400_000;
const MAX_WEEKLY_HOURS = 40;

export interface JournalEntry {
  seq: number;
  method: string;
  operationId?: string;
  status: number;
}

export async function journalSince(adminUrl: string, since: number): Promise<{ lastSeq: number; entries: JournalEntry[] }> {
  const entries: JournalEntry[] = [];
  let from = since;
  for (;;) {
    const res = await fetch(`${adminUrl}journal?since=${from}&limit=5000`);
    const page = (await res.json()) as { lastSeq: number; entries: JournalEntry[]; more: boolean };
    entries.push(...page.entries);
    if (!page.more || page.entries.length === 0) return { lastSeq: page.lastSeq, entries };
    from = page.entries.at(-1)!.seq;
  }
}

/** A request that changes WellSky: anything but a read or a search. */
export const isWrite = (e: JournalEntry) => e.method !== 'GET' && e.method !== 'HEAD' && !/search/i.test(e.operationId ?? '') && e.operationId !== 'getAccessToken';

const notesIn = (entries: JournalEntry[]) => entries.filter((e) => e.operationId === 'createTaskLog' && e.status >= 200 && e.status < 300).length;

export async function checkCallOut(world: ScenarioWorld): Promise<CheckResult[]> {
  const expected = world.plan.expect['call-out'];
  if (!expected) return [fail('the scenario says what a call-out must do', `scenarios/${world.plan.name}.yaml has no suite.call-out entry: add one (e.g. outcome: offered, shiftNote: written)`, 'scenario')];
  const caller = world.callers.withShift;
  if (!caller) return [fail('a caregiver with a shift to call out of', world.callers.why ?? 'no caregiver found', 'gigi')];
  // Live there is no journal of what WellSky received: those checks are not run, and say why.
  const adminUrl = world.target.adminUrl;
  const journal = async (since: number) => (adminUrl ? journalSince(adminUrl, since) : { lastSeq: 0, entries: [] });

  const before = await journal(Number.MAX_SAFE_INTEGER);
  const call = simulatedCall(world.gigiUrl, world.retellApiKey, formatFor(world, caller.e164, 1), world.clock);
  await call.inbound();
  const first = await call.invoke(CALL_OUT_FUNCTION, { reason: 'sick with a fever' });
  const answer = first.body;
  const checks: CheckResult[] = [];
  const failures = (answer.failures as { step: string; kind: string; owner: string; side: FailureOwner; detail: string }[] | undefined) ?? [];
  const failureWords = failures.map((f) => `${f.step}: ${f.detail}, on the side of ${f.owner}`).join('; ');

  // 1. The outcome the scenario calls for.
  // Live, whether anyone is free is the agency's real week: any outcome WellSky could answer is right.
  const readable = ['offered', 'no-replacement', 'no-shift'];
  const outcomeCheck = world.live ? 'takes the call-out with WellSky read (offered, no-replacement or no-shift)' : `takes the call-out: ${expected.outcome}`;
  const outcomeOk = world.live ? readable.includes(String(answer.outcome)) : answer.outcome === expected.outcome;
  if (first.status !== 200) checks.push(fail(outcomeCheck, `the function answered HTTP ${first.status}: ${JSON.stringify(answer).slice(0, 200)}`, 'gigi'));
  else if (!outcomeOk) checks.push(fail(outcomeCheck, `outcome was "${String(answer.outcome)}"${failureWords ? ` (${failureWords})` : ''}`, failures[0]?.side ?? 'gigi', failures[0]?.kind));
  else checks.push(pass(outcomeCheck));

  // 2. The shift: the caller's earliest one not yet over.
  const outcome = world.live ? String(answer.outcome) : expected.outcome;
  if (outcome === 'offered' || outcome === 'no-replacement') {
    const now = world.clock.now();
    const due = caller.shifts.find((s) => s.end > now);
    const got = (answer.shift as Json | undefined)?.appointmentId;
    checks.push(
      due && got === due.appointmentId
        ? pass("picks the caller's shift now or next")
        : fail("picks the caller's shift now or next", `picked ${got === undefined ? 'no shift' : `appointment ${String(got)}`}; the caller's shift now or next is ${due ? `appointment ${due.appointmentId} at ${new Date(due.start).toISOString()}` : 'none'}`, 'gigi'),
    );
  }

  // 3. Offers: texted to exactly those the answer names, each free and within 40 hours (read from WellSky, not from Gigi).
  const offers = world.notifier.sent.filter((m) => m.purpose === 'shift-offer');
  if (outcome === 'offered') {
    const named = ((answer.offered_to as { id: string }[] | undefined) ?? []).map((o) => o.id).sort();
    const texted = offers.map((m) => m.to.caregiverId ?? '?').sort();
    const problems: string[] = [];
    if (texted.length === 0) problems.push('no shift offer was texted');
    if (texted.join() !== named.join()) problems.push(`texted ${texted.join(', ') || 'nobody'} but the answer names ${named.join(', ') || 'nobody'}`);
    if (texted.includes(caller.id)) problems.push('the caller was offered their own shift');
    const shift = answer.shift as { start: string; end: string } | undefined;
    if (shift) for (const id of texted) problems.push(...(await scheduleProblems(world, id, Date.parse(shift.start), Date.parse(shift.end))));
    checks.push(problems.length === 0 ? pass('offers the shift to free replacements under 40 hours') : fail('offers the shift to free replacements under 40 hours', problems.join('; '), 'gigi'));
  } else if (offers.length > 0) {
    checks.push(fail('offers the shift to nobody', `texted ${offers.length} offer(s) although the outcome should be ${outcome}`, 'gigi'));
  }

  // 3a. The first offered to accept takes the shift (the manager paged); the next is told it is filled.
  // Only when Gigi did offer it: a missing offer is the checks above, not a second failure here.
  if (outcome === 'offered' && answer.outcome === 'offered' && first.status === 200) {
    const offeredIds = ((answer.offered_to as { id: string }[] | undefined) ?? []).map((o) => o.id);
    const appointmentId = (answer.shift as Json | undefined)?.appointmentId;
    const numbers = await mobilesOf(world, offeredIds.slice(0, 2));
    const acceptCheck = offeredIds.length > 1 ? 'the first to accept takes the shift; the next is told it is filled' : 'the caregiver who accepts takes the shift';
    const problems: string[] = [];
    const sentBefore = world.notifier.sent.length;
    const taken = numbers[0] ? await simulatedCall(world.gigiUrl, world.retellApiKey, numbers[0], world.clock).invoke(ACCEPT_SHIFT_FUNCTION, { appointment_id: appointmentId }) : undefined;
    if (taken?.body.outcome !== 'accepted') problems.push(`the first acceptance answered "${String(taken?.body.outcome ?? 'nothing: no number for them')}"`);
    const pagedAccept = world.notifier.sent.slice(sentBefore).filter((m) => m.channel === 'page' && String(m.text).includes(`appointment ${String(appointmentId)}`));
    if (pagedAccept.length !== 1) problems.push(`${pagedAccept.length} page(s) to the manager about the acceptance`);
    if (numbers[1]) {
      const mark = world.notifier.sent.length;
      const late = await simulatedCall(world.gigiUrl, world.retellApiKey, numbers[1], world.clock).invoke(ACCEPT_SHIFT_FUNCTION, { appointment_id: appointmentId });
      if (late.body.outcome !== 'already-filled') problems.push(`the second acceptance answered "${String(late.body.outcome)}"`);
      if (world.notifier.sent.slice(mark).filter((m) => m.purpose === 'shift-filled' && m.to.caregiverId === offeredIds[1]).length !== 1) problems.push('the second was not texted that the shift is filled');
    }
    checks.push(problems.length === 0 ? pass(acceptCheck) : fail(acceptCheck, problems.join('; '), 'gigi'));
  }

  // 3b. The order: the client's area first, then more past visits with the client (read from WellSky, not from Gigi).
  const ranked = (answer.ranked as { id: string; name: string }[] | undefined) ?? [];
  const clientId = (answer.shift as Json | undefined)?.clientId;
  if (ranked.length >= 2 && typeof clientId === 'string') {
    const wrong = await orderProblems(world, clientId, ranked);
    checks.push(wrong ? fail('ranks the same area, then past work with the client, first', wrong, 'gigi') : pass('ranks the same area, then past work with the client, first'));
  }

  // 4. The on-call manager, told with the reason.
  const pages = world.notifier.sent.filter((m) => m.channel === 'page' && m.purpose === 'manager-alert' && m.to.address === world.onCallManager?.e164);
  const pageCheck = `pages the on-call manager${expected.failureKind ? ` naming ${expected.failureKind}` : ''}`;
  if (pages.length !== 1) checks.push(fail(pageCheck, `${pages.length} pages to the on-call manager (${world.onCallManager?.name ?? 'none configured'}); expected 1`, 'gigi'));
  else if (!pages[0]!.text.includes(caller.name)) checks.push(fail(pageCheck, `the page does not name the caller ${caller.name}`, 'gigi'));
  else if (expected.failureKind && !pages[0]!.text.includes(expected.failureKind)) checks.push(fail(pageCheck, `the page does not name ${expected.failureKind}: "${pages[0]!.text.slice(0, 160)}"`, 'gigi'));
  else checks.push(pass(pageCheck));

  // 5. The note on the shift, as WellSky received it. Read-only, a note Gigi would write is refused before it is sent.
  const after = await journal(before.lastSeq);
  const notes = notesIn(after.entries);
  const note = (answer.shift_note as { status?: string } | undefined)?.status;
  const shiftNote = world.live ? (outcome === 'no-shift' ? 'skipped' : 'refused') : world.readOnly && expected.shiftNote === 'written' ? 'refused' : expected.shiftNote;
  const noteCheck = shiftNote === 'written' ? 'leaves one note on the shift in WellSky' : `writes no note on the shift (${shiftNote})`;
  if (adminUrl && (shiftNote === 'written' ? notes !== 1 : notes !== 0)) checks.push(fail(noteCheck, `WellSky received ${notes} task-log note(s)${world.readOnly ? ' in a read-only run' : ''}; the answer says the note was ${note ?? 'not reported'}`, 'gigi'));
  else if (note !== shiftNote) checks.push(fail(noteCheck, `the answer says the note was ${note ?? 'not reported'}, expected ${shiftNote}`, 'gigi'));
  else checks.push(pass(noteCheck));
  if (world.live) checks.push(notRun('sends WellSky no write in read-only mode', 'not run in live mode: only the simulated WellSky keeps a journal of what it received (the client refuses writes before sending)'));
  else if (world.readOnly) {
    const writes = after.entries.filter(isWrite);
    checks.push(
      writes.length === 0
        ? pass('sends WellSky no write in read-only mode')
        : fail('sends WellSky no write in read-only mode', `WellSky received ${writes.length} write(s) in a read-only run: ${writes.map((w) => `${w.method} ${w.operationId ?? '?'}`).join(', ')}`, 'gigi'),
    );
  }

  // 6. Retell's retry: the same call again changes nothing.
  const sentBefore = world.notifier.sent.length;
  const again = await call.invoke(CALL_OUT_FUNCTION, { reason: 'sick with a fever' });
  const afterRetry = await journal(after.lastSeq);
  const repeated: string[] = [];
  if (again.status !== first.status || again.body.outcome !== answer.outcome) repeated.push(`the retry answered ${again.status} "${String(again.body.outcome)}"`);
  if (world.notifier.sent.length !== sentBefore) repeated.push(`${world.notifier.sent.length - sentBefore} more message(s) sent`);
  const writes = afterRetry.entries.filter(isWrite).length;
  if (writes > 0) repeated.push(`${writes} more write(s) to WellSky`);
  checks.push(repeated.length === 0 ? pass("Retell's retry of the same call repeats nothing") : fail("Retell's retry of the same call repeats nothing", repeated.join('; '), 'gigi'));

  // 7. From a number two caregivers share: ask who is calling, change nothing.
  const shared = world.callers.shared;
  if (shared) {
    const sentNow = world.notifier.sent.length;
    const seq = (await journal(Number.MAX_SAFE_INTEGER)).lastSeq;
    const asked = await simulatedCall(world.gigiUrl, world.retellApiKey, formatFor(world, shared.e164, 3), world.clock).invoke(CALL_OUT_FUNCTION, { reason: 'car trouble' });
    const about = ((asked.body.ask_about as { id: string }[] | undefined) ?? []).map((p) => p.id).sort();
    const wrote = (await journal(seq)).entries.filter(isWrite).length;
    const problems: string[] = [];
    if (asked.body.outcome !== 'ask-who') problems.push(`outcome was "${String(asked.body.outcome)}"`);
    if (about.join() !== shared.ids.join()) problems.push(`asked about ${about.join(', ') || 'nobody'}, the number's holders are ${shared.ids.join(', ')}`);
    if (world.notifier.sent.length !== sentNow) problems.push(`${world.notifier.sent.length - sentNow} message(s) sent before knowing who called`);
    if (wrote > 0) problems.push(`${wrote} write(s) to WellSky before knowing who called`);
    checks.push(problems.length === 0 ? pass('asks who is calling from a shared number, changing nothing') : fail('asks who is calling from a shared number, changing nothing', problems.join('; '), 'gigi'));
  }
  return checks;
}

/** Whether a caregiver offered the shift already works then, or would pass 40 hours that week: from WellSky. */
async function scheduleProblems(world: ScenarioWorld, caregiverId: string, start: number, end: number): Promise<string[]> {
  const records: Json[] = [];
  for (const from of [start - 7 * DAY_MS, start, start + 7 * DAY_MS]) {
    records.push(...entriesFrom<Json>(await world.client.api.GET('/v1/appointment/', { params: { query: { caregiverId, startDate: compactDate(from, world.timeZone), additionalDays: 6, _count: 100 } } })));
  }
  const seen = new Set<string>();
  const shifts = records
    .map((r) => ({ id: String(r.id), start: parseApiInstant(String(r.start)), end: parseApiInstant(String(r.end)), status: String(r.status ?? '') }))
    .filter((s): s is { id: string; start: number; end: number; status: string } => s.start !== undefined && s.end !== undefined && !/cancel/i.test(s.status))
    .filter((s) => (seen.has(`${s.id}@${s.start}`) ? false : (seen.add(`${s.id}@${s.start}`), true)));
  const problems: string[] = [];
  const overlap = shifts.find((s) => s.start < end && start < s.end);
  if (overlap) problems.push(`caregiver ${caregiverId} already works then (appointment ${overlap.id})`);
  // The work week: Monday to Monday, local (ISO weeks, as WellSky's weekNo counts them).
  const weekStart = localMonday(start, world.timeZone);
  const weekEnd = localMonday(weekStart + 7 * DAY_MS + DAY_MS / 2, world.timeZone);
  const inWeek = (s: { start: number; end: number }) => Math.max(0, Math.min(s.end, weekEnd) - Math.max(s.start, weekStart));
  const hours = (shifts.reduce((sum, s) => sum + inWeek(s), 0) + inWeek({ start, end })) / 3_600_000;
  if (hours > MAX_WEEKLY_HOURS + 0.01) problems.push(`caregiver ${caregiverId} would work ${hours.toFixed(1)} h that week`);
  return problems;
}

/** The mobiles WellSky holds for these caregivers, in order: the numbers they would call back from. */
async function mobilesOf(world: ScenarioWorld, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const record = (await world.client.api.GET('/v1/practitioners/{id}/', { params: { path: { id } } })).data as Json;
    const mobile = ((record.telecom as Json[] | undefined) ?? []).find((t) => t.system === 'phone' && t.use === 'mobile' && typeof t.value === 'string');
    if (mobile) out.push(String(mobile.value));
  }
  return out;
}

const areaOf = (record: Json): string | undefined => ((record.meta as Json | undefined)?.tag as Json[] | undefined)?.find((t) => t.code === 'locationId')?.display as string | undefined;

/** The first adjacent pair out of order on past visits with the client, then area, or undefined. */
async function orderProblems(world: ScenarioWorld, clientId: string, ranked: { id: string; name: string }[]): Promise<string | undefined> {
  const client = (await world.client.api.GET('/v1/patients/{id}/', { params: { path: { id: clientId } } })).data as Json;
  const clientArea = areaOf(client);
  const now = world.clock.now();
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: world.timeZone }).format(ms);
  const logs = entriesFrom<Json>(await world.client.api.POST('/v1/encounter/_search/', { body: { clientId, startDate: day(now - 90 * DAY_MS), endDate: day(now), _count: 100 } }));
  const visits = (id: string) => logs.filter((l) => String((l.caregiver as Json | undefined)?.id) === id).length;
  const facts = [];
  for (const r of ranked) {
    const record = (await world.client.api.GET('/v1/practitioners/{id}/', { params: { path: { id: r.id } } })).data as Json;
    facts.push({ ...r, visits: visits(r.id), sameArea: clientArea !== undefined && areaOf(record) === clientArea });
  }
  // The documented order: the client's area first, then more past visits (no gender preference is configured in the suite).
  for (let i = 0; i + 1 < facts.length; i++) {
    const [a, b] = [facts[i]!, facts[i + 1]!];
    if (!a.sameArea && b.sameArea) return `${a.name} (another area) is ranked above ${b.name} (the client's area ${clientArea})`;
    if (a.sameArea === b.sameArea && a.visits < b.visits) return `${a.name} (${a.visits} past visits) is ranked above ${b.name} (${b.visits})`;
  }
  return undefined;
}

function localMonday(ms: number, timeZone: string): number {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(ms);
  const back = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday);
  const day = compactDate(ms - back * DAY_MS, timeZone);
  // Local midnight of that day: UTC midnight shifted by the zone's offset then.
  const utcMidnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
  const offset = utcMidnight - Date.parse(new Date(utcMidnight).toLocaleString('en-US', { timeZone }) + ' UTC');
  return utcMidnight + offset;
}
