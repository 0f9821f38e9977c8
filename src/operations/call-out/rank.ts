// Who should be offered an open shift, best first, with the reason for every
// place. Pure: the same input gives the same answer, whatever its order.
//
// Ruled out (each with its reason): not active, not hired, the caller, a
// schedule that could not be read (they cannot be shown free), a shift that
// overlaps the open one (touching ends do not), or more than 40 hours in the
// shift's local week counting it (only the part of each shift inside the week).
//
// Ordered by, in turn:
//   1. the client's gender preference, where known (a match first);
//   2. the same area (WellSky's locationId) as the client;
//   3. past work with this client (more visits first);
//   4. a language the client speaks other than English;
//   5. more of the tags the client needs;
//   6. fewer hours that week (spread the work);
//   7. the id, numerically, so ties always break the same way.
import { localWeek } from './shifts.ts';

export interface OpenShift {
  appointmentId: string;
  clientId: string;
  start: number;
  end: number;
}

export interface ClientProfile {
  id: string;
  locationId?: string;
  /** Lower-case language codes or names. */
  languages: string[];
  genderPreference?: 'female' | 'male';
  neededTags?: string[];
}

export interface KnownShift {
  start: number;
  end: number;
  clientId?: string;
  status?: string;
  appointmentId?: string;
}

/** What ranking knows of a caregiver from the cache. */
export interface CaregiverProfile {
  id: string;
  name: string;
  active: boolean;
  hired: boolean;
  gender?: string;
  locationId?: string;
  languages: string[];
  tags: string[];
}

export interface Candidate extends CaregiverProfile {
  /** Their shifts around the open one (at least its local week). */
  shifts: KnownShift[];
  /** Past visits with this client. */
  visitsWithClient: number;
  /** False when their schedule could not be read: they cannot be shown free. */
  scheduleKnown: boolean;
}

export interface RankedCandidate {
  id: string;
  name: string;
  rank: number;
  reasons: string[];
  weeklyHoursWithShift: number;
}

export interface Ranking {
  ranked: RankedCandidate[];
  excluded: { id: string; name: string; reason: string }[];
}

const HOUR_MS = 3_600_000;
const ENGLISH = new Set(['en', 'english', 'en-us']);
const LANGUAGE_NAMES: Record<string, string> = { es: 'Spanish', vi: 'Vietnamese', ru: 'Russian', zh: 'Chinese', tl: 'Tagalog', ko: 'Korean', so: 'Somali', am: 'Amharic', ar: 'Arabic', fr: 'French' };

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 10) / 10;
const cancelled = (s: KnownShift) => /cancel/i.test(s.status ?? '');

function byId(a: { id: string }, b: { id: string }): number {
  const na = /^\d+$/.test(a.id) ? Number(a.id) : Number.NaN;
  const nb = /^\d+$/.test(b.id) ? Number(b.id) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function rankReplacements(input: { shift: OpenShift; client: ClientProfile; callerId: string; candidates: Candidate[]; timeZone: string; maxWeeklyHours?: number }): Ranking {
  const { shift, client, callerId, timeZone } = input;
  const maxHours = input.maxWeeklyHours ?? 40;
  const week = localWeek(shift.start, timeZone);
  const inWeek = (s: { start: number; end: number }) => Math.max(0, Math.min(s.end, week.end) - Math.max(s.start, week.start));
  const clientLanguages = client.languages.map((l) => l.toLowerCase()).filter((l) => !ENGLISH.has(l));
  const needed = new Set(client.neededTags ?? []);
  const time = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(ms);

  const excluded: Ranking['excluded'] = [];
  const eligible: { c: Candidate; score: number[]; reasons: string[]; weekly: number }[] = [];
  for (const c of [...input.candidates].sort(byId)) {
    const out = (reason: string) => excluded.push({ id: c.id, name: c.name, reason });
    if (c.id === callerId) {
      out('the caller');
      continue;
    }
    if (!c.active) {
      out('not active');
      continue;
    }
    if (!c.hired) {
      out('not hired');
      continue;
    }
    if (!c.scheduleKnown) {
      out('schedule unknown: WellSky could not be read for them');
      continue;
    }
    const live = c.shifts.filter((s) => !cancelled(s) && !(s.appointmentId === shift.appointmentId && s.start === shift.start));
    const overlap = live.find((s) => s.start < shift.end && shift.start < s.end);
    if (overlap) {
      out(`overlaps their shift ${time(overlap.start)} to ${time(overlap.end)}${overlap.appointmentId ? ` (appointment ${overlap.appointmentId})` : ''}`);
      continue;
    }
    const weekly = hours(live.reduce((sum, s) => sum + inWeek(s), 0) + inWeek(shift));
    if (weekly > maxHours) {
      out(`would reach ${weekly.toFixed(1)} h that week (over ${maxHours})`);
      continue;
    }
    const reasons: string[] = [];
    const genderMatch = client.genderPreference !== undefined && c.gender?.toLowerCase() === client.genderPreference;
    if (genderMatch) reasons.push(`${client.genderPreference}, as the client prefers`);
    const sameArea = client.locationId !== undefined && c.locationId === client.locationId;
    if (sameArea) reasons.push(`same area (location ${client.locationId})`);
    if (c.visitsWithClient > 0) reasons.push(`${c.visitsWithClient} past visit${c.visitsWithClient === 1 ? '' : 's'} with this client`);
    const shared = clientLanguages.find((l) => c.languages.map((x) => x.toLowerCase()).includes(l));
    if (shared) reasons.push(`speaks ${LANGUAGE_NAMES[shared] ?? shared} like the client`);
    const tagMatches = c.tags.filter((t) => needed.has(t)).length;
    if (tagMatches > 0) reasons.push(`${tagMatches} of the client's needed skills`);
    reasons.push(`${weekly.toFixed(1)} h this week with this shift`);
    // Higher is better for each, in the documented order; hours are negated (fewer first).
    eligible.push({ c, score: [genderMatch ? 1 : 0, sameArea ? 1 : 0, c.visitsWithClient, shared ? 1 : 0, tagMatches, -weekly], reasons, weekly });
  }
  eligible.sort((a, b) => {
    for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return b.score[i]! - a.score[i]!;
    return byId(a.c, b.c);
  });
  return {
    ranked: eligible.map((e, i) => ({ id: e.c.id, name: e.c.name, rank: i + 1, reasons: e.reasons, weeklyHoursWithShift: e.weekly })),
    excluded,
  };
}
