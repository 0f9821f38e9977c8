// Rules the spec cannot express, checked right after schema validation: a request
// that breaks one gets its 400/422 before any behaviour, and before fault rules
// that answer as WellSky (so a broken client cannot pass a scenario).
import { HttpError } from '../responses.ts';
import { addDays, compactToIso, isoWeekRange, isoWeeksIn, monthRange } from '../search/calendar.ts';
import type { JsonObject } from '../types.ts';

export type Check = (params: Record<string, unknown>, body: unknown) => void;

// Live, note text with emoji was refused with 422. Emoji here means what shows
// as a picture: emoji-presentation characters, flags, and text symbols turned
// into pictures by U+FE0F; plain symbols such as © and ™ are text.
const EMOJI = /[\p{Emoji_Presentation}\p{Regional_Indicator}]|\p{Extended_Pictographic}\uFE0F/u;

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
function checkAppointmentSearch(fields: Record<string, unknown>): void {
  if (!fields.caregiverId && !fields.clientId) {
    throw new HttpError(400, 'caregiverId or clientId is required: appointment searches are per caregiver or per client');
  }
  dateWindow(fields);
}

function checkTimes(body: JsonObject): void {
  if (Date.parse(String(body.end)) <= Date.parse(String(body.start))) {
    throw new HttpError(422, 'end: must be after start (times are UTC; an overnight shift ends on the next day)');
  }
}

function refuseEmoji(text: unknown, field: string): void {
  if (typeof text === 'string' && EMOJI.test(text)) {
    throw new HttpError(422, `${field}: emoji are not allowed; send plain text`);
  }
}

function checkEncounterSearch(fields: Record<string, unknown>): void {
  if (fields.startDate && fields.endDate && String(fields.endDate) < String(fields.startDate)) {
    throw new HttpError(400, 'endDate: must not be before startDate');
  }
}

function checkTaskUpdate(body: { status?: string; comment?: string }): void {
  if (body.status === 'NOT_COMPLETE' && !body.comment?.trim()) {
    throw new HttpError(422, 'comment: required when status is NOT_COMPLETE; say why the task was not done');
  }
  refuseEmoji(body.comment, 'comment');
}

const fieldsOf = (body: unknown) => (body ?? {}) as Record<string, unknown>;

export const CHECKS: Record<string, Check> = {
  searchAppointments: (params) => checkAppointmentSearch(params),
  searchAppointmentsPost: (_, body) => checkAppointmentSearch(fieldsOf(body)),
  createAppointment: (_, body) => checkTimes(body as JsonObject),
  updateAppointment: (_, body) => checkTimes(body as JsonObject),
  searchEncounters: (_, body) => checkEncounterSearch(fieldsOf(body)),
  createTaskLog: (_, body) => refuseEmoji(fieldsOf(body).comment, 'comment'),
  updateTaskLog: (_, body) => refuseEmoji(fieldsOf(body).comment, 'comment'),
  updateTask: (_, body) => checkTaskUpdate(fieldsOf(body)),
};
