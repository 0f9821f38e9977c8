// Shifts. The search's rules (a person and one date window) are in checks.ts.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest, sortRecords } from '../search/bundle.ts';
import { localDate } from '../search/calendar.ts';
import { checkTimes, dateWindow } from './checks.ts';
import type { ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import type { Handler, HandlerContext } from './context.ts';
import { mergeUpdate } from './merge-update.ts';
import { searchFields } from './search-fields.ts';
import { visitCountField } from './visit-count.ts';

// Stored shifts never change in place, so each one's local day is worked out once.
const localDays = new WeakMap<object, string>();
function localDay(appointment: ResourceRecord, timeZone: string): string {
  let day = localDays.get(appointment);
  if (day === undefined) {
    day = localDate(Date.parse(String(appointment.start)), timeZone);
    localDays.set(appointment, day);
  }
  return day;
}

function search(fields: Record<string, unknown>, ctx: HandlerContext) {
  const [from, to] = dateWindow(fields);
  const candidates = fields.caregiverId
    ? ctx.store.appointments.of('caregiver', String(fields.caregiverId))
    : ctx.store.appointments.of('client', String(fields.clientId));
  const matches = candidates.filter((a) => {
    if (fields.caregiverId && (a.caregiver as JsonObject | undefined)?.id !== String(fields.caregiverId)) return false;
    if (fields.clientId && (a.client as JsonObject | undefined)?.id !== String(fields.clientId)) return false;
    const day = localDay(a, ctx.timeZone);
    return day >= from && day <= to;
  });
  const sorted = sortRecords(
    matches.sort((a, b) => String(a.start).localeCompare(String(b.start))),
    fields._sort,
    { start: (r) => String(r.start), end: (r) => String(r.end), id: (r) => Number(r.id), status: (r) => String(r.status) },
  );
  const page = pageOf(sorted, pageRequest(fields, 0, 20));
  return jsonResponse(200, bundle(page, sorted.length, ctx, { countField: visitCountField(ctx) }));
}

function nearest(ctx: HandlerContext): ResourceRecord {
  const id = String(ctx.params.id);
  const found = ctx.store.appointments.nearest(id, ctx.now());
  if (!found) throw new HttpError(404, `Appointment ${id} not found`);
  return found;
}

export const appointmentHandlers: Record<string, Handler> = {
  searchAppointments: (ctx) => search(ctx.params, ctx),
  searchAppointmentsPost: (ctx) => search(searchFields(ctx), ctx),
  getAppointment: (ctx) => jsonResponse(200, nearest(ctx)),
  createAppointment: (ctx) => {
    const body = ctx.body as JsonObject;
    const record = { status: 'SCHEDULED', ...body, resourceType: 'Appointment', id: ctx.store.appointments.nextId() } as ResourceRecord;
    ctx.store.appointments.add(record);
    return jsonResponse(201, record);
  },
  updateAppointment: (ctx) => {
    const previous = nearest(ctx);
    const body = ctx.body as JsonObject;
    // The fields sent replace the stored ones; `caregiver: null` opens the shift.
    const record = { ...mergeUpdate(previous, body), resourceType: 'Appointment', id: previous.id } as ResourceRecord;
    checkTimes(record);
    ctx.store.appointments.replace(previous, record);
    return jsonResponse(200, record);
  },
  deleteAppointment: (ctx) => {
    const occurrence = nearest(ctx);
    ctx.store.appointments.remove(occurrence);
    return jsonResponse(200, { success: true, id: occurrence.id });
  },
};
