// Family and emergency contacts, addressed through their patient.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle } from '../search/bundle.ts';
import type { ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import { patientMustExist } from './catalogue.ts';
import type { Handler, HandlerContext } from './context.ts';

const patientOf = (r: ResourceRecord) => (r.patient as JsonObject | undefined)?.id;

function requirePatient(ctx: HandlerContext): string {
  const patientId = String(ctx.params.patientId);
  if (!ctx.store.patients.get(patientId)) throw new HttpError(404, `Patient ${patientId} not found`);
  return patientId;
}

function find(ctx: HandlerContext): ResourceRecord {
  const patientId = requirePatient(ctx);
  const id = String(ctx.params.id);
  const record = ctx.store.relatedPersons.get(id);
  if (!record || patientOf(record) !== patientId) throw new HttpError(404, `RelatedPerson ${id} not found for patient ${patientId}`);
  return record;
}

export const relatedPersonHandlers: Record<string, Handler> = {
  createRelatedPerson: (ctx) => {
    const body = ctx.body as JsonObject;
    patientMustExist(body, ctx.store, 'patient');
    const record = { ...body, resourceType: 'RelatedPerson', id: ctx.store.relatedPersons.nextId() } as ResourceRecord;
    return jsonResponse(201, ctx.store.relatedPersons.put(record));
  },
  listRelatedPersons: (ctx) => {
    const patientId = requirePatient(ctx);
    const contacts = ctx.store.relatedPersons.all().filter((r) => patientOf(r) === patientId);
    return jsonResponse(200, bundle(contacts, contacts.length, { quirks: ctx.quirks }));
  },
  getRelatedPerson: (ctx) => jsonResponse(200, find(ctx)),
  updateRelatedPerson: (ctx) => {
    const previous = find(ctx);
    const body = ctx.body as JsonObject;
    const record = { ...body, patient: { id: patientOf(previous)! }, resourceType: 'RelatedPerson', id: previous.id } as ResourceRecord;
    return jsonResponse(200, ctx.store.relatedPersons.put(record));
  },
  deleteRelatedPerson: (ctx) => {
    const record = find(ctx);
    ctx.store.relatedPersons.delete(record.id);
    return jsonResponse(200, { success: true, id: record.id });
  },
};
