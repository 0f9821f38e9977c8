// Shifts. The search insists on a person and a date window, as the live API does.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest, sortRecords } from '../search/bundle.ts';
import { addDays, compactToIso, isoWeekRange, localDate, monthRange } from '../search/calendar.ts';
import type { ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import type { Handler, HandlerContext } from './context.ts';

function dateWindow(fields: Record<string, unknown>): [string, string] {
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
  return chosen[0] === 'weekNo' ? isoWeekRange(String(fields.weekNo)) : monthRange(String(fields.monthNo));
}

function search(fields: Record<string, unknown>, ctx: HandlerContext) {
  if (!fields.caregiverId && !fields.clientId) {
    throw new HttpError(400, 'caregiverId or clientId is required: appointment searches are per caregiver or per client');
  }
  const [from, to] = dateWindow(fields);
  const matches = ctx.store.appointments.all().filter((a) => {
    if (fields.caregiverId && (a.caregiver as JsonObject | undefined)?.id !== String(fields.caregiverId)) return false;
    if (fields.clientId && (a.client as JsonObject | undefined)?.id !== String(fields.clientId)) return false;
    const day = localDate(Date.parse(String(a.start)), ctx.timeZone);
    return day >= from && day <= to;
  });
  const sorted = sortRecords(
    matches.sort((a, b) => String(a.start).localeCompare(String(b.start))),
    fields._sort,
    { start: (r) => String(r.start), end: (r) => String(r.end), id: (r) => Number(r.id), status: (r) => String(r.status) },
  );
  const page = pageOf(sorted, pageRequest(fields, 0, 20));
  return jsonResponse(200, bundle(page, sorted.length, { quirks: ctx.quirks }));
}

function nearest(ctx: HandlerContext): ResourceRecord {
  const id = String(ctx.params.id);
  const found = ctx.store.appointments.nearest(id, ctx.clock.now());
  if (!found) throw new HttpError(404, `Appointment ${id} not found`);
  return found;
}

function checkTimes(body: JsonObject): void {
  if (Date.parse(String(body.end)) <= Date.parse(String(body.start))) {
    throw new HttpError(422, 'end: must be after start (times are UTC; an overnight shift ends on the next day)');
  }
}

export const appointmentHandlers: Record<string, Handler> = {
  searchAppointments: (ctx) => search(ctx.params, ctx),
  searchAppointmentsPost: (ctx) => search({ ...(ctx.body as object) }, ctx),
  getAppointment: (ctx) => jsonResponse(200, nearest(ctx)),
  createAppointment: (ctx) => {
    const body = ctx.body as JsonObject;
    checkTimes(body);
    const record = { status: 'SCHEDULED', ...body, resourceType: 'Appointment', id: ctx.store.appointments.nextId() } as ResourceRecord;
    ctx.store.appointments.add(record);
    return jsonResponse(201, record);
  },
  updateAppointment: (ctx) => {
    const previous = nearest(ctx);
    const body = ctx.body as JsonObject;
    checkTimes(body);
    const record = { status: 'SCHEDULED', ...body, resourceType: 'Appointment', id: previous.id } as ResourceRecord;
    ctx.store.appointments.replace(previous, record);
    return jsonResponse(200, record);
  },
  deleteAppointment: (ctx) => {
    const occurrence = nearest(ctx);
    ctx.store.appointments.remove(occurrence);
    return jsonResponse(200, { success: true, id: occurrence.id });
  },
};
