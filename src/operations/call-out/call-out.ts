// A caregiver calls to say they cannot make a shift. In order:
// 1. who is calling (caller ID; a shared number → ask who, and do nothing yet);
// 2. which shift (WellSky's appointments for the caller: today's, else the next);
// 3. who could cover it (the cache's caregivers, pre-sorted on what the cache
//    knows, then the best few checked against WellSky for overlaps and hours);
// 4. the outreach (a text to the top few), the on-call manager's page, and a
//    note on the shift in WellSky (a task log on its care log).
// WellSky failing at 2 does not lose the call-out: the manager is paged with
// the reason and whose side it is on. Each step's outcome is in the result.
import type { CallerAnswer, Person } from '../../callerid/answer.ts';
import { entriesFrom } from '../../wellsky/client.ts';
import { compactDate, isoDate, parseApiInstant } from '../../wellsky/dates.ts';
import { DIAGNOSES, OWNERS, type Owner } from '../../wellsky/diagnosis.ts';
import { WellSkyError } from '../../wellsky/failures.ts';
import type { WorkflowPorts } from '../ports.ts';
import { caregiversFromCache, clientFromCache, type RosterCaregiver, type RosterClient } from '../roster.ts';
import { onCallManager } from '../routing.ts';
import { rankReplacements, type Candidate, type RankedCandidate } from './rank.ts';
import { findCallerShift, localWeek } from './shifts.ts';
import { leaveShiftNote, type ShiftNote } from './shift-note.ts';
import { recordOffers, shiftKey, stillOfferedTo } from './open-shifts.ts';

type Json = Record<string, unknown>;

/** Caregivers whose schedules are read from WellSky in one round, and in all: the fan-out's bounds. */
export const SCHEDULE_CHECKS = 12;
export const MAX_SCHEDULE_CHECKS = 36;
/** Schedule reads in flight at once. */
const SCHEDULE_CONCURRENCY = 4;
/** How many of the ranked get the first text. */
export const FIRST_OFFERS = 3;
const DAY_MS = 86_400_000;
/**
 * The work week the 40 hours count in: Monday to Monday, local, as ISO weeks
 * and WellSky's weekNo searches (`YYYYWW`) count them.
 */
export const WORK_WEEK_STARTS = 1;

export interface CallOutPorts extends WorkflowPorts {
  /** Per client id, the caregiver gender the client prefers (configuration: WellSky does not hold it). */
  clientPreferences?: Record<string, { caregiverGender: 'female' | 'male' }>;
  /** The ranking; a port so the suite's own tests can plant a wrong one and see a check catch it. */
  rank?: typeof rankReplacements;
}

export interface CallOutRequest {
  caller: CallerAnswer;
  /** When the number is shared: which of its people is calling (a caregiver id the agent asked for). */
  caregiverId?: string;
  reason?: string;
}

export interface OpenShiftFacts {
  appointmentId: string;
  clientId: string;
  clientName?: string;
  start: string;
  end: string;
  /** "Thursday 9:00 AM to 1:00 PM", in the agency's zone. */
  when: string;
}

export interface StepFailure {
  step: 'read-shifts' | 'read-schedules' | 'shift-note' | 'manager-alert';
  kind: string;
  /** Whose side, in words. */
  owner: string;
  /** Whose side, as a key: agency-client, agency-account, wellsky, or gigi. */
  side: Owner | 'gigi';
  detail: string;
}

export type CallOutOutcome = 'offered' | 'no-replacement' | 'manager-alerted' | 'ask-who' | 'no-shift' | 'not-a-caregiver';

export interface CallOutResult {
  outcome: CallOutOutcome;
  /** What the agent says to the caller. */
  say: string;
  caller?: { id: string; name: string };
  shift?: OpenShiftFacts;
  /** Every ranked replacement (best first) with the reasons for the rank. */
  ranked: RankedCandidate[];
  excluded: { id: string; name: string; reason: string }[];
  offeredTo: { id: string; name: string }[];
  managerAlerted: boolean;
  shiftNote: ShiftNote;
  /** The people of a shared number, when the outcome is ask-who. */
  askAbout?: { id: string; name: string }[];
  failures: StepFailure[];
}

function stepFailure(step: StepFailure['step'], error: unknown): StepFailure {
  if (error instanceof WellSkyError) {
    const side = DIAGNOSES[error.kind].owner;
    return { step, kind: error.kind, owner: OWNERS[side], side, detail: `${error.kind} (${error.method} ${error.path}${error.status ? ` → ${error.status}` : ''})` };
  }
  return { step, kind: 'gigi-error', owner: "Gigi's own code", side: 'gigi', detail: error instanceof Error ? error.name : 'error' };
}

const base = (): Pick<CallOutResult, 'ranked' | 'excluded' | 'offeredTo' | 'managerAlerted' | 'failures' | 'shiftNote'> => ({
  ranked: [],
  excluded: [],
  offeredTo: [],
  managerAlerted: false,
  failures: [],
  shiftNote: { status: 'skipped', reason: 'no shift to note' },
});

/** The caregiver this call is from, or why it cannot be said. */
function callerCaregiver(request: CallOutRequest): { person: Person } | { ask: Person[] } | { none: string } {
  const match = request.caller.match;
  if (match.kind === 'caregiver') return { person: match.person };
  if (match.kind === 'ambiguous') {
    const caregivers = match.people.filter((p) => p.kind === 'caregiver');
    const chosen = request.caregiverId ? caregivers.find((p) => p.id === request.caregiverId) : undefined;
    if (chosen) return { person: chosen };
    return { ask: match.people };
  }
  if (match.kind === 'unknown') return { none: `the number is not a caregiver's (${match.reason})` };
  return { none: `the number belongs to a ${match.kind === 'known-contact' ? match.role : match.kind}, not a caregiver` };
}

export async function handleCallOut(ports: CallOutPorts, request: CallOutRequest): Promise<CallOutResult> {
  const who = callerCaregiver(request);
  if ('ask' in who) {
    const names = who.ask.map((p) => p.name);
    return {
      ...base(),
      outcome: 'ask-who',
      say: `This number belongs to ${names.join(' and ')}. Ask which of them is calling before going on; nothing has been changed yet.`,
      askAbout: who.ask.map((p) => ({ id: p.id, name: p.name })),
    };
  }
  if ('none' in who) return { ...base(), outcome: 'not-a-caregiver', say: `I could not match this number to a caregiver: ${who.none}. Take their name and pass the call to the office.` };
  const caller = { id: who.person.id, name: who.person.name };
  const now = ports.clock.now();
  const result: CallOutResult = { ...base(), outcome: 'manager-alerted', say: '', caller };

  // 2. The shift, from WellSky: the cache holds people, not schedules.
  let shifts: Json[];
  try {
    shifts = entriesFrom<Json>(await ports.client.api.GET('/v1/appointment/', { params: { query: { caregiverId: caller.id, startDate: compactDate(now - DAY_MS, ports.timeZone), additionalDays: 6, _count: 100 } } }));
  } catch (error) {
    const failure = stepFailure('read-shifts', error);
    result.failures.push(failure);
    result.managerAlerted = await alertManager(ports, result, `${caller.name} called out${request.reason ? ` (${request.reason})` : ''}, but WellSky could not be read: ${failure.detail}, on the side of ${failure.owner}. Find their shift and cover it by hand.`);
    result.say = `Thank you, ${who.person.firstName}. I could not open the schedule just now, so I have passed your call-out to the on-call manager, who will confirm it.`;
    return result;
  }
  const found = findCallerShift(shifts.map(toShift).filter((s): s is NonNullable<typeof s> => !!s), now, ports.timeZone);
  if (!found) {
    result.outcome = 'no-shift';
    // Not dropped: WellSky's appointment search was seen answering empty for hours, so a person checks.
    result.managerAlerted = await alertManager(
      ports,
      result,
      `${caller.name} called out${request.reason ? ` (${request.reason})` : ''}, but WellSky lists no shift of theirs in the next 7 days (${shifts.length} appointment${shifts.length === 1 ? '' : 's'} returned). If they have one, WellSky's appointment search may be answering empty: check the schedule and cover it by hand.`,
    );
    result.say = `Thank you, ${who.person.firstName}. I do not see a shift of yours in the next days; I have passed your call-out to the on-call manager, who will check the schedule.`;
    return result;
  }
  const shift = found.shift;
  const client = await clientFromCache(ports.db, shift.clientId);
  result.shift = {
    appointmentId: shift.appointmentId,
    clientId: shift.clientId,
    ...(client ? { clientName: client.name } : {}),
    start: new Date(shift.start).toISOString(),
    end: new Date(shift.end).toISOString(),
    when: describeWhen(shift.start, shift.end, now, ports.timeZone),
  };

  // 3. Replacements: everyone the cache holds, the best few checked against WellSky.
  const roster = await caregiversFromCache(ports.db);
  const preference = ports.clientPreferences?.[shift.clientId];
  const clientProfile = { id: shift.clientId, languages: client?.languages ?? [], ...(client?.locationId ? { locationId: client.locationId } : {}), ...(preference ? { genderPreference: preference.caregiverGender } : {}), ...(client?.tags.length ? { neededTags: client.tags } : {}) };
  const preselected = preselect(roster, caller.id, client, preference?.caregiverGender);
  const history = await visitsWithClient(ports, shift.clientId, now).catch((error: unknown) => {
    result.failures.push(stepFailure('read-schedules', error));
    return new Map<string, number>();
  });
  const week = localWeek(shift.start, ports.timeZone, WORK_WEEK_STARTS);
  // Round by round, the best-placed first, until enough are free and reachable or the bound is reached.
  const candidates: Candidate[] = [];
  const rank = ports.rank ?? rankReplacements;
  let ranking = rank({ shift, client: clientProfile, callerId: caller.id, candidates, timeZone: ports.timeZone, weekStartsOn: WORK_WEEK_STARTS });
  // Enough means three a text can reach: a free caregiver without a usable mobile cannot be offered the shift.
  const reachable = (r: typeof ranking) => r.ranked.filter((c) => roster.find((p) => p.id === c.id)?.textTo).length;
  for (let from = 0; from < preselected.length && reachable(ranking) < FIRST_OFFERS; from += SCHEDULE_CHECKS) {
    candidates.push(...(await withSchedules(ports, preselected.slice(from, from + SCHEDULE_CHECKS), week, history, result)));
    ranking = rank({ shift, client: clientProfile, callerId: caller.id, candidates, timeZone: ports.timeZone, weekStartsOn: WORK_WEEK_STARTS });
  }
  result.ranked = ranking.ranked;
  result.excluded = ranking.excluded;

  // 4. Outreach, the manager, the note.
  const description = `${result.shift.when}${client ? ` with ${client.shortName}` : ''}${client?.city ? ` in ${client.city}` : ''}`;
  const thisKey = shiftKey(shift.appointmentId, shift.start);
  // The best three a text can reach: someone without a usable mobile is passed over, not counted.
  for (const pick of ranking.ranked) {
    if (result.offeredTo.length >= FIRST_OFFERS) break;
    const person = roster.find((c) => c.id === pick.id);
    if (!person?.textTo) continue;
    // One text for every shift still open that they were offered: this one and earlier ones.
    const earlier = (await stillOfferedTo(ports.db, person.id, now)).filter((o) => o.key !== thisKey);
    const listed = [{ description, appointmentId: shift.appointmentId }, ...earlier];
    const text =
      listed.length === 1
        ? `Hi ${person.firstName}, an open shift: ${description} (appointment ${shift.appointmentId}). Call or text Gigi to take it.`
        : `Hi ${person.firstName}, open shifts you could take: ${listed.map((o, i) => `${i + 1}) ${o.description} (appointment ${o.appointmentId})`).join('; ')}. Call or text Gigi with the one you can take.`;
    await ports.notifier.send({ channel: 'sms', purpose: 'shift-offer', to: { name: person.name, address: person.textTo, caregiverId: person.id }, text, about: `appointment:${shift.appointmentId}@${result.shift.start}` });
    result.offeredTo.push({ id: person.id, name: person.name });
  }
  await recordOffers(ports.db, { appointmentId: shift.appointmentId, clientId: shift.clientId, start: shift.start, end: shift.end, description, calledOutBy: caller.id }, result.offeredTo.map((o) => o.id), now);
  result.outcome = result.offeredTo.length > 0 ? 'offered' : 'no-replacement';
  result.shiftNote = await leaveShiftNote(ports, { shift, callerId: caller.id, text: noteText(caller.name, request.reason, result, now, ports.timeZone) });
  if (result.shiftNote.status === 'failed') result.failures.push({ step: 'shift-note', kind: result.shiftNote.kind, owner: result.shiftNote.owner, side: result.shiftNote.side, detail: result.shiftNote.reason });
  const offered = result.offeredTo.map((o) => o.name).join(', ');
  result.managerAlerted = await alertManager(
    ports,
    result,
    `Call-out: ${caller.name} cannot make ${result.shift.when}${client ? ` with ${client.name}` : ''} (appointment ${shift.appointmentId}). ${offered ? `Offered to ${offered}.` : `No replacement found (${ranking.excluded.length} ruled out); cover it by hand.`} Shift note: ${result.shiftNote.status}.`,
  );
  result.say = `Thank you, ${who.person.firstName}. I have noted that you cannot make ${result.shift.when}${client ? ` with ${client.firstName}` : ''}. ${offered ? 'I am reaching out to other caregivers now' : 'I could not find a replacement myself'}, and the on-call manager has been told.`;
  return result;
}

function toShift(record: Json): { appointmentId: string; clientId: string; start: number; end: number; status: string } | undefined {
  const start = parseApiInstant(typeof record.start === 'string' ? record.start : undefined);
  const end = parseApiInstant(typeof record.end === 'string' ? record.end : undefined);
  const clientId = (record.client as Json | undefined)?.id;
  if (start === undefined || end === undefined || record.id === undefined || clientId === undefined) return undefined;
  return { appointmentId: String(record.id), clientId: String(clientId), start, end, status: String(record.status ?? '') };
}

/** Cache-only order (active and hired, then gender preference, area and language): who gets a schedule check. */
function preselect(roster: RosterCaregiver[], callerId: string, client: RosterClient | undefined, gender: string | undefined): RosterCaregiver[] {
  // The ranking's own order, as far as the cache can say: the preferred gender, the area, a shared language.
  const score = (c: RosterCaregiver) => (gender && c.gender === gender ? 4 : 0) + (client?.locationId && c.locationId === client.locationId ? 2 : 0) + (client && c.languages.some((l) => client.languages.includes(l) && l !== 'en') ? 1 : 0);
  return roster
    .filter((c) => c.active && c.hired && c.id !== callerId)
    .sort((a, b) => score(b) - score(a) || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id))
    .slice(0, MAX_SCHEDULE_CHECKS);
}

/** Past visits with this client per caregiver: their care logs of the last 90 days (one search). */
async function visitsWithClient(ports: CallOutPorts, clientId: string, now: number): Promise<Map<string, number>> {
  const logs = entriesFrom<Json>(
    await ports.client.api.POST('/v1/encounter/_search/', { body: { clientId, startDate: isoDate(now - 90 * DAY_MS, ports.timeZone), endDate: isoDate(now, ports.timeZone), _count: 100 } }),
  );
  const visits = new Map<string, number>();
  for (const log of logs) {
    const id = (log.caregiver as Json | undefined)?.id;
    if (id !== undefined) visits.set(String(id), (visits.get(String(id)) ?? 0) + 1);
  }
  return visits;
}

/** Each preselected caregiver's shifts in the open shift's week, a few reads at a time; a failed read leaves the schedule unknown. */
async function withSchedules(ports: CallOutPorts, people: RosterCaregiver[], week: { start: number; end: number }, history: Map<string, number>, result: CallOutResult): Promise<Candidate[]> {
  const out: Candidate[] = new Array(people.length);
  let next = 0;
  let reported = false;
  const worker = async () => {
    while (next < people.length) {
      const index = next++;
      const person = people[index]!;
      let shifts: Candidate['shifts'] = [];
      let scheduleKnown = true;
      try {
        // From the day before the week: an overnight shift from the day before runs into its first.
        const records = entriesFrom<Json>(await ports.client.api.GET('/v1/appointment/', { params: { query: { caregiverId: person.id, startDate: compactDate(week.start - DAY_MS, ports.timeZone), additionalDays: 6, _count: 100 } } }));
        const more = entriesFrom<Json>(await ports.client.api.GET('/v1/appointment/', { params: { query: { caregiverId: person.id, startDate: compactDate(week.start + 6 * DAY_MS, ports.timeZone), additionalDays: 1, _count: 100 } } }));
        shifts = [...records, ...more].map(toShift).filter((s): s is NonNullable<typeof s> => !!s).map((s) => ({ start: s.start, end: s.end, clientId: s.clientId, status: s.status, appointmentId: s.appointmentId }));
      } catch (error) {
        scheduleKnown = false;
        if (!reported) result.failures.push(stepFailure('read-schedules', error));
        reported = true;
      }
      out[index] = {
        id: person.id,
        name: person.name,
        active: person.active,
        hired: person.hired,
        ...(person.gender ? { gender: person.gender } : {}),
        ...(person.locationId ? { locationId: person.locationId } : {}),
        languages: person.languages,
        tags: person.tags,
        shifts: dedupe(shifts),
        visitsWithClient: history.get(person.id) ?? 0,
        scheduleKnown,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCHEDULE_CONCURRENCY, people.length) }, worker));
  return out;
}

/** Two overlapping searches return some shifts twice: one occurrence is an id and a start. */
function dedupe<T extends { start: number; appointmentId?: string }>(shifts: T[]): T[] {
  const seen = new Set<string>();
  return shifts.filter((s) => {
    const key = `${s.appointmentId ?? ''}@${s.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function alertManager(ports: CallOutPorts, result: CallOutResult, text: string): Promise<boolean> {
  const manager = onCallManager(ports.knownContacts);
  if (!manager) {
    result.failures.push({ step: 'manager-alert', kind: 'configuration', owner: OWNERS['agency-client'], side: 'agency-client', detail: 'no on-call manager configured: add one to GIGI_KNOWN_CONTACTS with the role "on-call manager"' });
    return false;
  }
  try {
    await ports.notifier.send({ channel: 'page', purpose: 'manager-alert', to: { name: manager.name, address: manager.e164 }, text, ...(result.shift ? { about: `appointment:${result.shift.appointmentId}@${result.shift.start}` } : {}) });
    return true;
  } catch (error) {
    result.failures.push(stepFailure('manager-alert', error));
    return false;
  }
}

function noteText(callerName: string, reason: string | undefined, result: CallOutResult, now: number, timeZone: string): string {
  const at = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(now);
  const offered = result.offeredTo.map((o) => o.name).join(', ');
  // Plain text: WellSky refuses emoji in notes (422).
  return `Call-out taken by Gigi on ${at}: ${callerName} cannot work this shift${reason ? ` (${reason.replace(/[^\x20-\x7E]/g, '')})` : ''}. ${offered ? `Offered to ${offered}.` : 'No replacement found automatically.'} On-call manager informed.`;
}

export function describeWhen(start: number, end: number, now: number, timeZone: string): string {
  const time = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms);
  const day = compactDate(start, timeZone);
  const word = day === compactDate(now, timeZone) ? 'today' : day === compactDate(now + DAY_MS, timeZone) ? 'tomorrow' : new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'short', day: 'numeric' }).format(start);
  return `${word} ${time(start)} to ${time(end)}`;
}
