// Care logs: search, CRUD, idempotent clock-in/out, task logs (shift notes) and tasks.
import { allowLiveForm } from '../by-the-docs.ts';
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest, sortRecords } from '../search/bundle.ts';
import type { ResourceRecord, TaskLogRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import { localDate } from '../search/calendar.ts';
import { encounterDay } from './checks.ts';
import { utcTimestamp, type Handler, type HandlerContext } from './context.ts';
import { mergeUpdate } from './merge-update.ts';
import { searchFields } from './search-fields.ts';
import { visitCountField } from './visit-count.ts';

function find(ctx: HandlerContext, id = String(ctx.params.id)): ResourceRecord {
  const record = ctx.store.encounters.get(id);
  if (!record) throw new HttpError(404, `Encounter ${id} not found`);
  return record;
}

function period(record: ResourceRecord): { start?: string; end?: string } {
  return (record.period as { start?: string; end?: string } | undefined) ?? {};
}

const idOf = (link: unknown) => (link as { id?: string } | null | undefined)?.id;

const presented = new WeakMap<object, object>();

/**
 * An encounter as live answered it: besides the ids, the client as
 * `subject.reference` and the caregiver as `participant.Individual[0].reference`
 * (capital I), which is what the live client read.
 */
export function presentEncounter(record: ResourceRecord): object {
  // Stored records never change in place: each is dressed once, and its JSON cached with it.
  let shown = presented.get(record);
  if (!shown) {
    const client = idOf(record.client);
    const caregiver = idOf(record.caregiver);
    shown = {
      ...record,
      ...(client ? { subject: { reference: `Patient/${client}` } } : {}),
      ...(caregiver ? { participant: { Individual: [{ reference: `Practitioner/${caregiver}` }] } } : {}),
    };
    presented.set(record, shown);
  }
  return shown;
}

// Times are compared as instants: stored texts may carry different offsets.
const instant = (text: string | undefined) => (text === undefined ? undefined : Date.parse(text));

const SORT_KEYS = {
  startDate: (r: Record<string, unknown>) => instant(period(r as ResourceRecord).start),
  endDate: (r: Record<string, unknown>) => instant(period(r as ResourceRecord).end),
  id: (r: Record<string, unknown>) => Number(r.id),
  status: (r: Record<string, unknown>) => String(r.status),
};

/** `_sort` for encounters; `date` is the live client's word for the visit start. */
function encounterSort(sort: unknown, ctx: HandlerContext): string | undefined {
  if (typeof sort !== 'string' || sort === '') return undefined;
  const fields = sort.split(',').map((f) => f.replace(/^-/, ''));
  if (fields.includes('date')) {
    allowLiveForm(ctx, 'sort-date-alias', 400, '_sort', `"date" is not a sort field; sort by ${Object.keys(SORT_KEYS).join(', ')}`);
    return sort.split(',').map((f) => f.replace(/^(-?)date$/, '$1startDate')).join(',');
  }
  return sort;
}

/** The agency-local day a visit started on: the day an office person would name. */
export function visitDay(record: ResourceRecord, timeZone: string): string {
  const start = period(record).start;
  if (!start) return '';
  const at = Date.parse(start);
  return Number.isNaN(at) ? start.slice(0, 10) : localDate(at, timeZone);
}

function searchEncounters(ctx: HandlerContext) {
  const f = searchFields(ctx);
  const from = encounterDay(f.startDate);
  const to = encounterDay(f.endDate);
  const sort = encounterSort(f._sort, ctx);
  const matches = ctx.store.encounters.all().filter((e) => {
    const day = visitDay(e, ctx.timeZone);
    if (from && day < from) return false;
    if (to && day > to) return false;
    if (f.clientId && idOf(e.client) !== String(f.clientId)) return false;
    if (f.caregiverId && idOf(e.caregiver) !== String(f.caregiverId)) return false;
    return true;
  });
  const sorted = sortRecords([...matches], sort, SORT_KEYS);
  const page = pageOf(sorted, pageRequest(f, 1, 30)).map(presentEncounter);
  return jsonResponse(200, bundle(page, sorted.length, ctx, { countField: visitCountField(ctx) }));
}

function clockIn(ctx: HandlerContext) {
  const appointmentId = String(ctx.params.appointmentId);
  const appointment = ctx.store.appointments.nearest(appointmentId, ctx.now());
  if (!appointment) throw new HttpError(404, `Appointment ${appointmentId} not found`);
  const body = ctx.body as { period: { start: string }; position?: JsonObject };
  const day = visitDay({ period: body.period } as unknown as ResourceRecord, ctx.timeZone);
  // Idempotent: the same shift on the same day returns the care log already opened.
  let encounter = ctx.store.encounters
    .all()
    .find((e) => e.appointmentId === appointmentId && visitDay(e, ctx.timeZone) === day);
  if (!encounter) {
    encounter = ctx.store.encounters.put({
      resourceType: 'Encounter',
      id: ctx.store.encounters.nextId(),
      appointmentId,
      caregiver: appointment.caregiver ?? { id: '0' },
      client: appointment.client ?? { id: '0' },
      period: { start: body.period.start },
      status: 'IN_PROGRESS',
      clockedOut: false,
      ...(body.position ? { position: body.position } : {}),
      tasks: appointment.tasks ?? [],
    } as ResourceRecord);
  }
  return jsonResponse(200, {
    id: encounter.id,
    appointmentId,
    status: encounter.status,
    clockedOut: encounter.clockedOut,
    success: true,
    period: encounter.period,
  });
}

function clockOut(ctx: HandlerContext) {
  const encounter = find(ctx, String(ctx.params.carelogId));
  if (!encounter.clockedOut) {
    const body = ctx.body as { period: { end: string }; generalComment?: string };
    ctx.store.encounters.put({
      ...encounter,
      period: { ...period(encounter), end: body.period.end },
      status: 'COMPLETE',
      clockedOut: true,
      ...(body.generalComment ? { generalComment: body.generalComment } : {}),
    });
  }
  return jsonResponse(200, { success: true });
}

/**
 * The live client's flat body (patientId, practitionerId, startDateTime,
 * endDateTime) in the stored shape. Each flat field is translated on its own
 * and merged into what is stored, so a PUT that sends only `endDateTime`
 * closes the visit and keeps its start, client and caregiver.
 */
function fromFlatShape(body: JsonObject, previous?: ResourceRecord): JsonObject {
  const { patientId, practitionerId, startDateTime, endDateTime, ...rest } = body;
  const out: JsonObject = { ...rest };
  if (patientId !== undefined && patientId !== null) out.client = { id: String(patientId) };
  if (practitionerId !== undefined && practitionerId !== null) out.caregiver = { id: String(practitionerId) };
  if (startDateTime !== undefined || endDateTime !== undefined) {
    const base = (rest.period as JsonObject | undefined) ?? (previous ? (period(previous) as JsonObject) : {});
    out.period = {
      ...base,
      ...(startDateTime !== undefined && startDateTime !== null ? { start: String(startDateTime) } : {}),
      ...(endDateTime !== undefined && endDateTime !== null ? { end: String(endDateTime) } : {}),
    };
  }
  return out;
}

function taskLogsOf(ctx: HandlerContext, encounterId: string): TaskLogRecord[] {
  return ctx.store.taskLogs.all().filter((t) => t.encounterId === encounterId);
}

export const encounterHandlers: Record<string, Handler> = {
  searchEncounters,
  createEncounter: (ctx) => {
    const body = fromFlatShape(ctx.body as JsonObject);
    const finished = body.status === 'COMPLETE' || body.status === 'complete';
    const record = { status: 'IN_PROGRESS', clockedOut: finished, ...body, resourceType: 'Encounter', id: ctx.store.encounters.nextId() } as ResourceRecord;
    return jsonResponse(201, presentEncounter(ctx.store.encounters.put(record)));
  },
  getEncounter: (ctx) => jsonResponse(200, presentEncounter(find(ctx))),
  updateEncounter: (ctx) => {
    const previous = find(ctx);
    const record = { ...mergeUpdate(previous, fromFlatShape(ctx.body as JsonObject, previous)), resourceType: 'Encounter', id: previous.id } as ResourceRecord;
    return jsonResponse(200, presentEncounter(ctx.store.encounters.put(record)));
  },
  deleteEncounter: (ctx) => {
    const record = find(ctx);
    ctx.store.encounters.delete(record.id);
    return jsonResponse(200, { success: true, id: record.id });
  },
  clockIn,
  clockOut,
  listTaskLogs: (ctx) => {
    const encounter = find(ctx);
    const logs = taskLogsOf(ctx, encounter.id).map(({ encounterId: _omit, ...log }) => log);
    // A sub-resource: its count field is `total`, not `totalRecords`.
    return jsonResponse(200, bundle(logs, logs.length, ctx, { countField: 'total' }));
  },
  createTaskLog: (ctx) => {
    const encounter = find(ctx);
    const body = ctx.body as JsonObject;
    const id = ctx.store.taskLogs.nextId();
    ctx.store.taskLogs.put({ ...body, id, encounterId: encounter.id, createdAt: utcTimestamp(ctx.now()) } as TaskLogRecord);
    return jsonResponse(201, { success: true, taskLogId: id });
  },
  updateTaskLog: (ctx) => {
    const encounter = find(ctx);
    const taskLogId = String(ctx.params.taskLogId);
    const previous = ctx.store.taskLogs.get(taskLogId);
    if (!previous || previous.encounterId !== encounter.id) {
      throw new HttpError(404, `Task log ${taskLogId} not found on encounter ${encounter.id}`);
    }
    ctx.store.taskLogs.put({ ...mergeUpdate(previous, ctx.body as JsonObject), id: taskLogId, encounterId: encounter.id, createdAt: previous.createdAt } as TaskLogRecord);
    return jsonResponse(200, { success: true });
  },
  updateTask: (ctx) => {
    const encounter = find(ctx);
    const taskId = String(ctx.params.taskId);
    const body = ctx.body as { status: string; comment?: string };
    const tasks = (encounter.tasks ?? []) as JsonObject[];
    const task = tasks.find((t) => t.id === taskId);
    if (!task) throw new HttpError(404, `Task ${taskId} not found on encounter ${encounter.id}`);
    const updated = tasks.map((t) => (t.id === taskId ? { ...t, status: body.status, ...(body.comment ? { comment: body.comment } : {}) } : t));
    ctx.store.encounters.put({ ...encounter, tasks: updated });
    return jsonResponse(200, { success: true });
  },
};
