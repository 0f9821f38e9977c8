// Care-plan activities (not in the vendor's reference; used live). The metadata
// lists the activities an agency offers; a write names them by id in
// `detail.code.coding[].display`, as a string, under the code `activityId`.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle } from '../search/bundle.ts';
import type { ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import type { Handler, HandlerContext } from './context.ts';

/** The activity catalogue every agency here offers (synthetic ids and names). */
export const CARE_PLAN_ACTIVITIES = [
  ['700101', 'Bathing', 'ADL'],
  ['700102', 'Dressing', 'ADL'],
  ['700103', 'Toileting', 'ADL'],
  ['700104', 'Transferring', 'ADL'],
  ['700105', 'Eating', 'ADL'],
  ['700106', 'Grooming', 'ADL'],
  ['700107', 'Walking assistance', 'ADL'],
  ['700111', 'Housework', 'IADL'],
  ['700112', 'Meal preparation', 'IADL'],
  ['700113', 'Laundry', 'IADL'],
  ['700114', 'Errands and shopping', 'IADL'],
  ['700115', 'Medication reminders', 'IADL'],
  ['700116', 'Transportation', 'IADL'],
  ['700117', 'Companionship', 'IADL'],
].map(([id, description, activityType]) => ({ id: id!, description: description!, activityType: activityType! }));

const KNOWN = new Set(CARE_PLAN_ACTIVITIES.map((a) => a.id));

interface ActivityEntry {
  detail?: { code?: { coding?: { code?: string; display?: string }[] } };
}

function checkActivities(body: JsonObject): void {
  ((body.activity ?? []) as ActivityEntry[]).forEach((entry, i) => {
    const ids = (entry.detail?.code?.coding ?? []).filter((c) => c.code === 'activityId').map((c) => c.display);
    if (ids.length === 0) {
      throw new HttpError(422, `activity[${i}].detail.code.coding: name the activity as {"code": "activityId", "display": "<id>"} (ids from careplan/activity-metadata/)`);
    }
    for (const id of ids) {
      if (!KNOWN.has(String(id))) throw new HttpError(422, `activity[${i}].detail.code.coding: activity ${String(id)} is not in careplan/activity-metadata/`);
    }
  });
}

function patientOf(ctx: HandlerContext): string {
  const patientId = String(ctx.params.patientId);
  if (!ctx.store.patients.get(patientId)) throw new HttpError(404, `Patient ${patientId} not found`);
  return patientId;
}

function planOf(ctx: HandlerContext, patientId: string): ResourceRecord | undefined {
  return ctx.store.carePlans.all().find((p) => p.patientId === patientId);
}

export const carePlanHandlers: Record<string, Handler> = {
  listCarePlanActivities: (ctx) => {
    // The docs' 403 for another agency's id.
    if (ctx.params.agency_id !== undefined && String(ctx.params.agency_id) !== ctx.store.agencyId) {
      throw new HttpError(403, `Invalid agencyId ${String(ctx.params.agency_id)}`);
    }
    const type = ctx.params.activity_type;
    const activities = CARE_PLAN_ACTIVITIES.filter((a) => type === undefined || a.activityType === type);
    return jsonResponse(200, bundle(activities, activities.length, ctx));
  },
  // A POST adds the activities to the client's plan (creating it the first time).
  createCarePlanActivities: (ctx) => {
    const patientId = patientOf(ctx);
    const body = ctx.body as JsonObject;
    checkActivities(body);
    const existing = planOf(ctx, patientId);
    const activity = [...((existing?.activity ?? []) as JsonObject[]), ...(body.activity as JsonObject[])];
    const id = existing?.id ?? ctx.store.carePlans.nextId();
    ctx.store.carePlans.put({ ...existing, resourceType: 'CarePlan', id, patientId, status: (body.status as string | undefined) ?? (existing?.status as string | undefined) ?? 'active', activity } as ResourceRecord);
    return jsonResponse(201, { success: true, id });
  },
  // A PUT replaces the plan's activities.
  updateCarePlanActivities: (ctx) => {
    const patientId = patientOf(ctx);
    const body = ctx.body as JsonObject;
    checkActivities(body);
    const existing = planOf(ctx, patientId);
    const id = existing?.id ?? ctx.store.carePlans.nextId();
    ctx.store.carePlans.put({ ...existing, resourceType: 'CarePlan', id, patientId, status: (body.status as string | undefined) ?? (existing?.status as string | undefined) ?? 'active', activity: body.activity } as ResourceRecord);
    return jsonResponse(200, { success: true, id });
  },
};
