// A caregiver's shift now or next, in words for a greeting: "today 9:00 AM to
// 1:00 PM with Gabe Toy". Times in the agency's zone; the client's name from
// the cache when it holds it.
import type { Queryable } from '../cache/database.ts';
import { displayName } from '../cache/people.ts';
import { entriesFrom, type WellSkyClient } from '../wellsky/client.ts';
import { compactDate, parseApiInstant } from '../wellsky/dates.ts';

type Json = Record<string, unknown>;

const DAY_MS = 86_400_000;

export async function shiftSummary(client: WellSkyClient, db: Queryable, caregiverId: string, now: number, timeZone: string): Promise<string | undefined> {
  // From yesterday: an overnight shift that started then may be running now.
  const startDate = compactDate(now - DAY_MS, timeZone);
  const shifts = entriesFrom<Json>(await client.api.GET('/v1/appointment/', { params: { query: { caregiverId, startDate, additionalDays: 2, _count: 50 } } }))
    .map((s) => ({ start: parseApiInstant(String(s.start)), end: parseApiInstant(String(s.end)), status: String(s.status ?? ''), clientId: (s.client as Json | undefined)?.id as string | undefined }))
    .filter((s): s is { start: number; end: number; status: string; clientId: string | undefined } => s.start !== undefined && s.end !== undefined)
    .filter((s) => s.end > now && !/cancel/i.test(s.status))
    .sort((a, b) => a.start - b.start);
  const shift = shifts[0];
  if (!shift) return undefined;
  const clientName = shift.clientId ? await nameOf(db, shift.clientId) : undefined;
  const time = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms);
  const day = dayWord(shift.start, now, timeZone);
  const when = shift.start <= now ? `now, until ${time(shift.end)}` : `${day} ${time(shift.start)} to ${time(shift.end)}`;
  return `${when}${clientName ? ` with ${clientName}` : ''}`;
}

function dayWord(ms: number, now: number, timeZone: string): string {
  const day = compactDate(ms, timeZone);
  if (day === compactDate(now, timeZone)) return 'today';
  if (day === compactDate(now + DAY_MS, timeZone)) return 'tomorrow';
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }).format(ms);
}

async function nameOf(db: Queryable, clientId: string): Promise<string | undefined> {
  try {
    const { rows } = await db.query<{ first_name: string; last_name: string }>('SELECT first_name, last_name FROM clients WHERE id = $1', [clientId]);
    return rows[0] ? displayName({ firstName: rows[0].first_name, lastName: rows[0].last_name }) : undefined;
  } catch {
    return undefined;
  }
}
