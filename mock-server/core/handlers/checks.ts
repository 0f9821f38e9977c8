// Rules the spec cannot express, checked right after schema validation: a request
// that breaks one gets its 400/422 before any behaviour, and before fault rules
// that answer as WellSky (so a broken client cannot pass a scenario). The live-only
// forms the spec accepts are checked here too: by the docs each is refused,
// naming the quirk that lets it through (see by-the-docs.ts).
import { allowLiveForm, type QuirkContext } from '../by-the-docs.ts';
import { HttpError } from '../responses.ts';
import { addDays, compactToIso, isoWeekRange, isoWeeksIn, monthRange } from '../search/calendar.ts';
import type { JsonObject } from '../types.ts';

export type Check = (params: Record<string, unknown>, body: unknown, ctx: QuirkContext) => void;

// Live, note text with emoji was refused with 422. Emoji here means what shows
// as a picture: emoji-presentation characters, flags, and text symbols turned
// into pictures by U+FE0F; plain symbols such as © and ™ are text.
const EMOJI = /[\p{Emoji_Presentation}\p{Regional_Indicator}]|\p{Extended_Pictographic}\uFE0F/u;
const COMPACT_DATE = /^\d{8}$/;

export function dateWindow(fields: Record<string, unknown>): [string, string] {
  const chosen = ['startDate', 'weekNo', 'monthNo'].filter((k) => fields[k] !== undefined && fields[k] !== '');
  if (chosen.length === 0) {
    throw new HttpError(400, 'startDate, weekNo or monthNo is required: give startDate=YYYYMMDD (with additionalDays 1-6), weekNo=YYYYWW or monthNo=YYYYMM');
  }
  if (chosen.length > 1) throw new HttpError(400, `${chosen.join(' and ')}: give only one of startDate, weekNo, monthNo`);
  if (fields.additionalDays !== undefined && chosen[0] !== 'startDate') {
    throw new HttpError(400, 'additionalDays: only valid with startDate');
  }
  if (chosen[0] === 'startDate') {
    const start = compactToIso(String(fields.startDate));
    return [start, addDays(start, Number(fields.additionalDays ?? 0))];
  }
  if (chosen[0] === 'weekNo') {
    const year = Number(String(fields.weekNo).slice(0, 4));
    const week = Number(String(fields.weekNo).slice(4, 6));
    if (week > isoWeeksIn(year)) throw new HttpError(400, `weekNo: ${year} has only ${isoWeeksIn(year)} ISO weeks (got week ${week})`);
    return isoWeekRange(String(fields.weekNo));
  }
  return monthRange(String(fields.monthNo));
}

/** Appointment searches are per caregiver or client, over one date window. */
function checkAppointmentSearch(fields: Record<string, unknown>, ctx: QuirkContext): void {
  if (!fields.caregiverId && !fields.clientId) {
    throw new HttpError(400, 'caregiverId or clientId is required: appointment searches are per caregiver or per client');
  }
  const days = fields.additionalDays;
  if (typeof days === 'string') allowLiveForm(ctx, 'additional-days-lenient', 400, 'additionalDays', `must be an integer, not the string "${days}"`);
  if (Number(days) === 7) allowLiveForm(ctx, 'additional-days-lenient', 400, 'additionalDays', 'must be from 1 to 6, not 7');
  dateWindow(fields);
}

export function checkTimes(body: JsonObject): void {
  if (body.start === undefined || body.end === undefined) return;
  if (Date.parse(String(body.end)) <= Date.parse(String(body.start))) {
    throw new HttpError(422, 'end: must be after start (times are UTC; an overnight shift ends on the next day)');
  }
}

function refuseEmoji(text: unknown, field: string): void {
  if (typeof text === 'string' && EMOJI.test(text)) {
    throw new HttpError(422, `${field}: emoji are not allowed; send plain text`);
  }
}

/** Encounter searches: live, YYYYMMDD dates, and only per client or caregiver. */
function checkEncounterSearch(fields: Record<string, unknown>, ctx: QuirkContext): void {
  for (const field of ['startDate', 'endDate'] as const) {
    if (typeof fields[field] === 'string' && COMPACT_DATE.test(fields[field])) {
      allowLiveForm(ctx, 'compact-encounter-dates', 400, field, 'dates are YYYY-MM-DD, not YYYYMMDD');
    }
  }
  if (!fields.clientId && !fields.caregiverId && ctx.quirks['encounter-search-needs-person']) {
    ctx.applied('encounter-search-needs-person');
    throw new HttpError(400, 'clientId or caregiverId is required: encounter searches are per client or per caregiver');
  }
  const start = encounterDay(fields.startDate);
  const end = encounterDay(fields.endDate);
  if (start && end && end < start) throw new HttpError(400, 'endDate: must not be before startDate');
}

/** `20260201` or `2026-02-01` → `2026-02-01`. */
export function encounterDay(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value);
  return COMPACT_DATE.test(text) ? compactToIso(text) : text;
}

function checkTaskLog(body: Record<string, unknown>): void {
  for (const field of ['title', 'description', 'comment']) refuseEmoji(body[field], field);
}

function checkTaskUpdate(body: { status?: string; comment?: string }): void {
  if (body.status === 'NOT_COMPLETE' && !body.comment?.trim()) {
    throw new HttpError(422, 'comment: required when status is NOT_COMPLETE; say why the task was not done');
  }
  refuseEmoji(body.comment, 'comment');
}

/** Live, a contact's relationship was one object; FHIR (and the reference) make it a list. */
function checkRelationship(body: Record<string, unknown>, ctx: QuirkContext): void {
  const relationship = body.relationship;
  if (relationship && typeof relationship === 'object' && !Array.isArray(relationship)) {
    allowLiveForm(ctx, 'relationship-as-object', 422, 'relationship', 'must be a list of codings ([{"coding": [...]}]), not one object');
  }
}

const fieldsOf = (body: unknown) => (body ?? {}) as Record<string, unknown>;

export const CHECKS: Record<string, Check> = {
  searchAppointments: (params, _, ctx) => checkAppointmentSearch(params, ctx),
  searchAppointmentsPost: (_, body, ctx) => checkAppointmentSearch(fieldsOf(body), ctx),
  createAppointment: (_, body) => checkTimes(body as JsonObject),
  updateAppointment: (_, body) => checkTimes(body as JsonObject),
  searchEncounters: (_, body, ctx) => checkEncounterSearch(fieldsOf(body), ctx),
  createTaskLog: (_, body) => checkTaskLog(fieldsOf(body)),
  updateTaskLog: (_, body) => checkTaskLog(fieldsOf(body)),
  updateTask: (_, body) => checkTaskUpdate(fieldsOf(body)),
  createRelatedPerson: (_, body, ctx) => checkRelationship(fieldsOf(body), ctx),
  updateRelatedPerson: (_, body, ctx) => checkRelationship(fieldsOf(body), ctx),
};
