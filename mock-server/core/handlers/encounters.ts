// Care logs: search, CRUD, idempotent clock-in/out, task logs (shift notes) and tasks.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest } from '../search/bundle.ts';
import type { ResourceRecord, TaskLogRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import { utcTimestamp, type Handler, type HandlerContext } from './context.ts';

function find(ctx: HandlerContext, id = String(ctx.params.id)): ResourceRecord {
  const record = ctx.store.encounters.get(id);
  if (!record) throw new HttpError(404, `Encounter ${id} not found`);
  return record;
}

function period(record: ResourceRecord): { start?: string; end?: string } {
  return (record.period as { start?: string; end?: string } | undefined) ?? {};
}

function searchEncounters(ctx: HandlerContext) {
  const f = (ctx.body ?? {}) as Record<string, unknown>;
  const matches = ctx.store.encounters.all().filter((e) => {
    const day = (period(e).start ?? '').slice(0, 10);
    if (f.startDate && day < String(f.startDate)) return false;
    if (f.endDate && day > String(f.endDate)) return false;
    if (f.clientId && (e.client as JsonObject | undefined)?.id !== String(f.clientId)) return false;
    if (f.caregiverId && (e.caregiver as JsonObject | undefined)?.id !== String(f.caregiverId)) return false;
    return true;
  });
  const page = pageOf(matches, pageRequest(f, 1, 30));
  return jsonResponse(200, bundle(page, matches.length, { quirks: ctx.quirks }));
}

function clockIn(ctx: HandlerContext) {
  const appointmentId = String(ctx.params.appointmentId);
  const appointment = ctx.store.appointments.nearest(appointmentId, ctx.now());
  if (!appointment) throw new HttpError(404, `Appointment ${appointmentId} not found`);
  const body = ctx.body as { period: { start: string }; position?: JsonObject };
  const day = body.period.start.slice(0, 10);
  // Idempotent: the same shift on the same day returns the care log already opened.
  let encounter = ctx.store.encounters
    .all()
    .find((e) => e.appointmentId === appointmentId && (period(e).start ?? '').slice(0, 10) === day);
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
    const body = ctx.body as { period: { end: string } };
    ctx.store.encounters.put({ ...encounter, period: { ...period(encounter), end: body.period.end }, status: 'COMPLETED', clockedOut: true });
  }
  return jsonResponse(200, { success: true });
}

function taskLogsOf(ctx: HandlerContext, encounterId: string): TaskLogRecord[] {
  return ctx.store.taskLogs.all().filter((t) => t.encounterId === encounterId);
}

export const encounterHandlers: Record<string, Handler> = {
  searchEncounters,
  createEncounter: (ctx) => {
    const body = ctx.body as JsonObject;
    const record = { status: 'IN_PROGRESS', clockedOut: false, ...body, resourceType: 'Encounter', id: ctx.store.encounters.nextId() } as ResourceRecord;
    return jsonResponse(201, ctx.store.encounters.put(record));
  },
  getEncounter: (ctx) => jsonResponse(200, find(ctx)),
  updateEncounter: (ctx) => {
    const previous = find(ctx);
    const body = ctx.body as JsonObject;
    const record = { status: previous.status, ...body, resourceType: 'Encounter', id: previous.id } as ResourceRecord;
    return jsonResponse(200, ctx.store.encounters.put(record));
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
    return jsonResponse(200, bundle(logs, logs.length, { quirks: ctx.quirks, countField: 'total' }));
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
    const body = ctx.body as JsonObject;
    ctx.store.taskLogs.put({ ...body, id: taskLogId, encounterId: encounter.id, createdAt: previous.createdAt } as TaskLogRecord);
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
