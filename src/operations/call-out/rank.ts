// Who should be offered an open shift, best first, with the reason for every
// place and every exclusion. Pure and deterministic: the same input gives the
// same answer, whatever the order of the candidates or of their shifts.
//
// Ruled out, with the first reason that applies, in this order:
//   - the caller;
//   - not active; not hired;
//   - a schedule that could not be read (they cannot be shown free);
//   - a non-cancelled shift overlapping the open one (touching ends do not);
//   - more than `maxWeeklyHours` (40) in a local week the open shift falls in,
//     counting it: only the part of each shift inside that week counts, so an
//     overnight shift across the week's edge is split between the two weeks.
//
// The rest are ordered lexicographically, each rule only breaking the ties of
// the ones before it:
//   1. the client's gender preference, when known: a match first (a caregiver
//      whose gender is not on file does not match); no preference, no rule;
//   2. the same area (WellSky's locationId) as the client;
//   3. past work with this client: more visits first;
//   4. speaks a language the client speaks, English aside (every caregiver
//      is taken to speak it, so it tells no one apart);
//   5. more of the tags (skills) the client needs;
//   6. fewer hours that week, counting this shift (spread the work);
//   7. the id: numeric ids ascending by value, then other ids by code point.
import { clockTime, localWeek, shortDay, type WeekStart } from './local-time.ts';

export interface OpenShift {
  appointmentId: string;
  clientId: string;
  /** Epoch ms. */
  start: number;
  end: number;
}

export interface ClientProfile {
  id: string;
  locationId?: string;
  /** Language codes or names, any case: 'es', 'spanish', 'es-MX'. */
  languages: string[];
  genderPreference?: 'female' | 'male';
  /** Tag ids the client's care needs. */
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
  /** 'female', 'male', 'F', 'M', any case; anything else is no match for a preference. */
  gender?: string;
  locationId?: string;
  languages: string[];
  tags: string[];
}

export interface Candidate extends CaregiverProfile {
  /** Their known shifts around the open one (at least its local week), from WellSky or the cache. */
  shifts: KnownShift[];
  /** How many past visits with this client (care logs, completed shifts). */
  visitsWithClient: number;
  /** False when their schedule could not be read (budget, error): they cannot be shown free. */
  scheduleKnown: boolean;
}

export interface RankedCandidate {
  id: string;
  name: string;
  /** 1-based. */
  rank: number;
  /** Every factor that placed them, in the order of the rules. */
  reasons: string[];
  /** Hours in the open shift's local week with it, to the hundredth. */
  weeklyHoursWithShift: number;
}

export interface Exclusion {
  id: string;
  name: string;
  reason: string;
}

export interface Ranking {
  ranked: RankedCandidate[];
  /** In id order. */
  excluded: Exclusion[];
}

export interface RankInput {
  shift: OpenShift;
  client: ClientProfile;
  callerId: string;
  candidates: readonly Candidate[];
  timeZone: string;
  /** 40 unless said. */
  maxWeeklyHours?: number;
  /** The agency's work week: Sunday (0, the default) or Monday (1). */
  weekStartsOn?: WeekStart;
}

const HOUR_MS = 3_600_000;

// Codes and names of the languages seen in the agency's records, to one key each.
const LANGUAGES: Record<string, string> = {
  en: 'English', es: 'Spanish', vi: 'Vietnamese', ru: 'Russian', zh: 'Chinese', tl: 'Tagalog', ko: 'Korean', so: 'Somali',
  am: 'Amharic', ar: 'Arabic', fr: 'French', de: 'German', pt: 'Portuguese', ne: 'Nepali', uk: 'Ukrainian', hmn: 'Hmong', asl: 'American Sign Language',
};
const BY_NAME = new Map<string, string>(Object.entries(LANGUAGES).map(([code, name]) => [name.toLowerCase(), code]));
for (const [alias, code] of [['eng', 'en'], ['spa', 'es'], ['vie', 'vi'], ['rus', 'ru'], ['zho', 'zh'], ['chi', 'zh'], ['mandarin', 'zh'], ['cantonese', 'zh'], ['tgl', 'tl'], ['filipino', 'tl'], ['kor', 'ko'], ['som', 'so'], ['amh', 'am'], ['ara', 'ar'], ['fra', 'fr'], ['fre', 'fr'], ['sgn', 'asl'], ['sign language', 'asl']] as const) BY_NAME.set(alias, code);

/** One key per language: 'es', 'ES', 'es-MX', 'spa' and 'Spanish' are all 'es'; an unknown one is itself, lower-cased. */
export function languageKey(text: string): string {
  const t = text.trim().toLowerCase();
  if (BY_NAME.has(t)) return BY_NAME.get(t)!;
  const base = t.split(/[-_]/)[0]!;
  return BY_NAME.get(base) ?? base;
}

function languageName(key: string): string {
  return LANGUAGES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

function genderKey(text: string | undefined): 'female' | 'male' | undefined {
  const t = text?.trim().toLowerCase();
  if (t === 'f' || t === 'female' || t === 'woman') return 'female';
  if (t === 'm' || t === 'male' || t === 'man') return 'male';
  return undefined;
}

/** Numeric ids by value (any length), before other ids, which go by code point. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) {
    const [x, y] = [a.replace(/^0+(?=\d)/, ''), b.replace(/^0+(?=\d)/, '')];
    if (x.length !== y.length) return x.length - y.length;
    if (x !== y) return x < y ? -1 : 1;
  } else if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const cancelled = (s: KnownShift) => /cancel/i.test(s.status ?? '');
const overlapMs = (s: { start: number; end: number }, from: number, to: number) => Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
const round2 = (h: number) => Math.round(h * 100) / 100;

/** Hours to one decimal, or two when one would hide that a limit is passed (40.04 h). */
function hoursText(ms: number, limit: number): string {
  const one = (ms / HOUR_MS).toFixed(1);
  return ms > limit * HOUR_MS && Number(one) <= limit ? (ms / HOUR_MS).toFixed(2) : one;
}

/** The candidate's shifts that take their time: not cancelled, not the open shift itself, each occurrence once. */
function liveShifts(c: Candidate, open: OpenShift): KnownShift[] {
  const seen = new Set<string>();
  return [...c.shifts]
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start && !cancelled(s))
    .filter((s) => !(s.appointmentId === open.appointmentId && s.start === open.start))
    .sort((a, b) => a.start - b.start || a.end - b.end || compareIds(a.appointmentId ?? '', b.appointmentId ?? ''))
    .filter((s) => {
      const key = `${s.appointmentId ?? ''}@${s.start}-${s.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

interface Placed {
  c: Candidate;
  /** Higher is better, rule by rule. */
  score: number[];
  reasons: string[];
  weeklyMs: number;
}

export function rankReplacements(input: RankInput): Ranking {
  const { shift, client, callerId, timeZone } = input;
  const maxHours = input.maxWeeklyHours ?? 40;
  // The weeks the open shift touches: one, or two for an overnight shift across the week's edge.
  const weeks = [localWeek(shift.start, timeZone, input.weekStartsOn)];
  while (weeks[weeks.length - 1]!.end < shift.end) weeks.push(localWeek(weeks[weeks.length - 1]!.end, timeZone, input.weekStartsOn));
  const clientLanguages = [...new Set(client.languages.map(languageKey))].filter((l) => l !== 'en').sort();
  const needed = new Set(client.neededTags ?? []);
  const preference = client.genderPreference;

  // One entry per id, whatever the input's order: the first of a sorted copy.
  const candidates = [...input.candidates].sort((a, b) => compareIds(a.id, b.id) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
  const excluded: Exclusion[] = [];
  const placed: Placed[] = [];
  let previous: string | undefined;
  for (const c of candidates) {
    if (c.id === previous) continue;
    previous = c.id;
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
      out('schedule unknown: it could not be read, so they cannot be shown free');
      continue;
    }
    const live = liveShifts(c, shift);
    const overlap = live.find((s) => s.start < shift.end && shift.start < s.end);
    if (overlap) {
      out(`overlaps their shift ${clockTime(overlap.start, timeZone)}–${clockTime(overlap.end, timeZone)}${overlap.appointmentId ? ` (appointment ${overlap.appointmentId})` : ''}`);
      continue;
    }
    const weekMs = weeks.map((w) => live.reduce((sum, s) => sum + overlapMs(s, w.start, w.end), 0) + overlapMs(shift, w.start, w.end));
    const over = weekMs.findIndex((ms) => ms > maxHours * HOUR_MS);
    if (over >= 0) {
      out(`would reach ${hoursText(weekMs[over]!, maxHours)} h ${over === 0 ? 'that week' : `the week of ${shortDay(weeks[over]!.start, timeZone)}`} (over ${maxHours})`);
      continue;
    }

    const weeklyMs = weekMs[0]!;
    const reasons: string[] = [];
    const gender = genderKey(c.gender);
    const genderMatch = preference !== undefined && gender === preference;
    if (genderMatch) reasons.push(`${preference}, as the client prefers`);
    const sameArea = client.locationId !== undefined && c.locationId === client.locationId;
    if (sameArea) reasons.push(`same area (location ${client.locationId})`);
    const visits = Math.max(0, Math.floor(c.visitsWithClient));
    if (visits > 0) reasons.push(`${visits} past visit${visits === 1 ? '' : 's'} with this client`);
    const theirs = new Set(c.languages.map(languageKey));
    const shared = clientLanguages.filter((l) => theirs.has(l));
    if (shared.length > 0) reasons.push(`speaks ${shared.map(languageName).join(' and ')} like the client`);
    const tags = [...new Set(c.tags)].filter((t) => needed.has(t)).sort(compareIds);
    if (tags.length > 0) reasons.push(`${tags.length} of the client's needed tags (${tags.join(', ')})`);
    reasons.push(`${(weeklyMs / HOUR_MS).toFixed(1)} h this week with this shift`);
    placed.push({ c, score: [genderMatch ? 1 : 0, sameArea ? 1 : 0, visits, shared.length > 0 ? 1 : 0, tags.length, -weeklyMs], reasons, weeklyMs });
  }
  placed.sort((a, b) => {
    for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return b.score[i]! - a.score[i]!;
    return compareIds(a.c.id, b.c.id);
  });
  return {
    ranked: placed.map((p, i) => ({ id: p.c.id, name: p.c.name, rank: i + 1, reasons: p.reasons, weeklyHoursWithShift: round2(p.weeklyMs / HOUR_MS) })),
    excluded,
  };
}
