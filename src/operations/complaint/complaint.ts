// A client, or a client's family, calls with a complaint. Gigi takes it down,
// adds the client's recent shifts (who came, when) as context, and sends it to
// the client's coordinator, else the default one, else pages the on-call
// manager. WellSky being unreadable does not stop the complaint: it goes out
// without the shifts and says why.
import type { CallerAnswer } from '../../callerid/answer.ts';
import type { Coordinators } from '../../config.ts';
import { entriesFrom } from '../../wellsky/client.ts';
import { compactDate, parseApiInstant } from '../../wellsky/dates.ts';
import { DIAGNOSES } from '../../wellsky/diagnosis.ts';
import { WellSkyError } from '../../wellsky/failures.ts';
import type { WorkflowPorts } from '../ports.ts';
import { caregiverFromCache, clientFromCache } from '../roster.ts';
import { routeFor } from '../routing.ts';

type Json = Record<string, unknown>;
const DAY_MS = 86_400_000;
/** How far back the shifts sent as context go. */
export const HISTORY_DAYS = 14;

export interface ComplaintPorts extends WorkflowPorts {
  coordinators: Coordinators;
}

export interface ComplaintRequest {
  caller: CallerAnswer;
  summary: string;
  /** When the caller could not be tied to one client (an unknown or shared number): the client the agent asked about. */
  clientId?: string;
}

export interface ComplaintResult {
  outcome: 'routed' | 'need-client' | 'not-routed';
  say: string;
  clientId?: string;
  routedTo?: string;
  /** The client's shifts in the last 14 days, as sent; absent when WellSky could not be read. */
  recentShifts?: number;
  historyUnavailable?: { kind: string; side: string };
}

function clientOfCaller(caller: CallerAnswer): { clientId?: string; who: string } {
  const match = caller.match;
  if (match.kind === 'client') return { clientId: match.person.id, who: `${match.person.name} (the client)` };
  if (match.kind === 'family') return { ...(match.person.clientOf ? { clientId: match.person.clientOf.id } : {}), who: `${match.person.name} (${match.person.relationship ?? 'family contact'} of ${match.person.clientOf?.name ?? 'a client'})` };
  if (match.kind === 'caregiver') return { who: `${match.person.name} (a caregiver)` };
  if (match.kind === 'known-contact') return { who: `${match.name} (${match.role})` };
  return { who: `an unrecognised caller (${caller.number.e164 ?? caller.number.reported ?? 'number withheld'})` };
}

export async function handleComplaint(ports: ComplaintPorts, request: ComplaintRequest): Promise<ComplaintResult> {
  const fromCaller = clientOfCaller(request.caller);
  const clientId = request.clientId ?? fromCaller.clientId;
  if (!clientId) return { outcome: 'need-client', say: 'Ask which client this is about (their name), then take the complaint again with that client.' };
  const client = await clientFromCache(ports.db, clientId);
  const now = ports.clock.now();

  let history: string[] | undefined;
  let unavailable: ComplaintResult['historyUnavailable'];
  try {
    history = await recentShifts(ports, clientId, now);
  } catch (error) {
    if (!(error instanceof WellSkyError)) throw error;
    unavailable = { kind: error.kind, side: DIAGNOSES[error.kind].owner };
  }
  const route = routeFor(ports.coordinators, ports.knownContacts, clientId);
  if (!route) return { outcome: 'not-routed', clientId, say: 'Tell the caller the office will call back; no coordinator or on-call manager is configured to receive complaints.' };
  const clientName = client?.name ?? `client ${clientId}`;
  const context = history
    ? history.length
      ? `${history.length} shift${history.length === 1 ? '' : 's'} in the last ${HISTORY_DAYS} days:\n${history.map((h) => `- ${h}`).join('\n')}`
      : `No shifts in the last ${HISTORY_DAYS} days.`
    : `Recent shifts unavailable: WellSky could not be read (${unavailable?.kind}).`;
  await ports.notifier.send({
    channel: route.channel,
    purpose: 'complaint',
    to: route.to,
    text: `Complaint about ${clientName} (client ${clientId}) from ${fromCaller.who}:\n${request.summary}\n\n${context}`,
    about: `client:${clientId}`,
  });
  return {
    outcome: 'routed',
    clientId,
    routedTo: route.why,
    ...(history ? { recentShifts: history.length } : {}),
    ...(unavailable ? { historyUnavailable: unavailable } : {}),
    say: `Thank you. I have passed this to ${route.to.name}, who looks after ${client?.firstName ?? 'the client'}'s care and will follow up.`,
  };
}

/** The client's shifts of the last 14 days (two searches: a search covers 7), oldest first, as lines. */
async function recentShifts(ports: ComplaintPorts, clientId: string, now: number): Promise<string[]> {
  const records: Json[] = [];
  for (const from of [now - HISTORY_DAYS * DAY_MS, now - 7 * DAY_MS]) {
    records.push(...entriesFrom<Json>(await ports.client.api.GET('/v1/appointment/', { params: { query: { clientId, startDate: compactDate(from, ports.timeZone), additionalDays: 6, _count: 100 } } })));
  }
  const seen = new Set<string>();
  const shifts = records
    .map((r) => ({ id: String(r.id), start: parseApiInstant(String(r.start)), end: parseApiInstant(String(r.end)), status: String(r.status ?? ''), caregiverId: (r.caregiver as Json | undefined)?.id }))
    .filter((s): s is typeof s & { start: number; end: number } => s.start !== undefined && s.end !== undefined && s.start <= now && s.start >= now - HISTORY_DAYS * DAY_MS)
    .filter((s) => (seen.has(`${s.id}@${s.start}`) ? false : (seen.add(`${s.id}@${s.start}`), true)))
    .sort((a, b) => a.start - b.start);
  const when = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone: ports.timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(ms);
  const lines: string[] = [];
  for (const s of shifts) {
    const caregiver = s.caregiverId !== undefined ? await caregiverFromCache(ports.db, String(s.caregiverId)) : undefined;
    lines.push(`${when(s.start)}, ${Math.round((s.end - s.start) / 360_000) / 10} h, ${caregiver?.name ?? (s.caregiverId !== undefined ? `caregiver ${String(s.caregiverId)}` : 'no caregiver')}, ${s.status.toLowerCase() || 'status unknown'}`);
  }
  return lines;
}
