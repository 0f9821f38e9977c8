// Family and emergency contacts. The routes are the vendor's: list by patient,
// create, search, update by the contact's id, delete through the patient.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest } from '../search/bundle.ts';
import { familyName, givenName, normalisePhone, telecoms } from '../search/fhir-fields.ts';
import type { ResourceRecord, Store } from '../store.ts';
import type { JsonObject } from '../types.ts';
import type { Handler, HandlerContext } from './context.ts';
import { mergeUpdate } from './merge-update.ts';
import { searchFields } from './search-fields.ts';

const patientOf = (r: ResourceRecord) => (r.patient as { id?: string } | undefined)?.id;

/** `{id}` or `{reference: "Patient/<id>"}` → the patient's id. */
function linkedPatientId(link: unknown): string | undefined {
  const value = link as { id?: string; reference?: string } | undefined;
  if (value?.id) return value.id;
  return value?.reference?.match(/^Patient\/(\d+)$/)?.[1];
}

function requirePatient(store: Store, patientId: string, field?: string): void {
  if (store.patients.get(patientId)) return;
  if (field) throw new HttpError(422, `${field}: no patient ${patientId}; create the patient first or fix the id`);
  throw new HttpError(404, `Patient ${patientId} not found`);
}

/** Stored in one shape: the patient by id and reference, the relationship as a list. */
function normalise(body: JsonObject, patientId: string): JsonObject {
  const relationship = body.relationship;
  return {
    ...body,
    patient: { id: patientId, reference: `Patient/${patientId}` },
    ...(relationship && !Array.isArray(relationship) ? { relationship: [relationship] } : {}),
  };
}

/** Live, the relationship came back as one object; by the reference it is a list. */
function present(ctx: HandlerContext, stored: ResourceRecord): object {
  const patientId = patientOf(stored);
  const record: ResourceRecord = patientId && !(stored.patient as JsonObject).reference ? { ...stored, patient: { id: patientId, reference: `Patient/${patientId}` } } : stored;
  const list = record.relationship as JsonObject[] | undefined;
  if (!ctx.quirks['relationship-as-object'] || !Array.isArray(list)) return record;
  ctx.applied('relationship-as-object');
  const { relationship: _list, ...rest } = record;
  return list.length ? { ...rest, relationship: list[0] } : rest;
}

function findContact(ctx: HandlerContext, id: string): ResourceRecord {
  const record = ctx.store.relatedPersons.get(id);
  if (!record) throw new HttpError(404, `RelatedPerson ${id} not found`);
  return record;
}

function search(ctx: HandlerContext) {
  const f = searchFields(ctx);
  const lower = (v: unknown) => String(v).toLowerCase();
  const phone = f.phone === undefined ? undefined : normalisePhone(String(f.phone));
  const matches = ctx.store.relatedPersons.all().filter((r) => {
    if (f.patient !== undefined && patientOf(r) !== String(f.patient)) return false;
    if (f.name !== undefined) {
      const wanted = lower(f.name);
      if (!lower(givenName(r) ?? '').includes(wanted) && !lower(familyName(r) ?? '').includes(wanted)) return false;
    }
    if (f.phone !== undefined && !telecoms(r).some((t) => t.system === 'phone' && t.value !== undefined && normalisePhone(t.value) === phone)) return false;
    return true;
  });
  const page = pageOf(matches, pageRequest(f, 1, 30)).map((r) => present(ctx, r));
  return jsonResponse(200, bundle(page, matches.length, ctx, { countField: 'total' }));
}

export const relatedPersonHandlers: Record<string, Handler> = {
  createRelatedPerson: (ctx) => {
    const body = ctx.body as JsonObject;
    const patientId = linkedPatientId(body.patient);
    if (!patientId) throw new HttpError(422, 'patient: give {"id": "<patient id>"} or {"reference": "Patient/<id>"}');
    requirePatient(ctx.store, patientId, body.patient && 'reference' in (body.patient as object) ? 'patient.reference' : 'patient.id');
    const record = { ...normalise(body, patientId), resourceType: 'RelatedPerson', id: ctx.store.relatedPersons.nextId() } as ResourceRecord;
    return jsonResponse(201, present(ctx, ctx.store.relatedPersons.put(record)));
  },
  searchRelatedPersons: search,
  listRelatedPersons: (ctx) => {
    const patientId = String(ctx.params.id);
    requirePatient(ctx.store, patientId);
    const contacts = ctx.store.relatedPersons.all().filter((r) => patientOf(r) === patientId).map((r) => present(ctx, r));
    return jsonResponse(200, bundle(contacts, contacts.length, ctx, { countField: 'total' }));
  },
  updateRelatedPerson: (ctx) => {
    const previous = findContact(ctx, String(ctx.params.id));
    const body = ctx.body as JsonObject;
    // A contact stays with its patient: a body naming another one is a mistake.
    const named = body.patient === undefined ? undefined : linkedPatientId(body.patient);
    if (named !== undefined && named !== patientOf(previous)) {
      throw new HttpError(422, `patient: contact ${previous.id} belongs to patient ${patientOf(previous)}, not ${named}; create a new contact instead`);
    }
    const record = { ...normalise(mergeUpdate(previous, body), patientOf(previous)!), resourceType: 'RelatedPerson', id: previous.id } as ResourceRecord;
    return jsonResponse(200, present(ctx, ctx.store.relatedPersons.put(record)));
  },
  deleteRelatedPerson: (ctx) => {
    const patientId = String(ctx.params.patientId);
    requirePatient(ctx.store, patientId);
    const record = ctx.store.relatedPersons.get(String(ctx.params.contactId));
    if (!record || patientOf(record) !== patientId) throw new HttpError(404, `RelatedPerson ${String(ctx.params.contactId)} not found for patient ${patientId}`);
    ctx.store.relatedPersons.delete(record.id);
    return jsonResponse(200, { success: true, id: record.id });
  },
};
