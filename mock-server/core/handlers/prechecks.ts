// Checks that run before schema validation, where WellSky answered in its own
// words (the document 422s), crashed (a document `content` list), or where the
// schema's own message would not tell a person what to send.
import type { QuirkContext } from '../by-the-docs.ts';
import { HttpError } from '../responses.ts';
import type { SimResponse } from '../types.ts';
import { checkDocumentCreate } from './documents.ts';

export type Precheck = (body: unknown, ctx: QuirkContext) => SimResponse | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A note needs text: live, a `title` and a `description`. */
function taskLogText(body: unknown): undefined {
  if (isObject(body) && body.title === undefined && body.description === undefined && body.comment === undefined) {
    throw new HttpError(422, 'description: a task log needs its text; send a title and a description (e.g. {"title": "Call-out", "description": "..."})');
  }
  return undefined;
}

/** Either shape of a new care log, complete. */
function encounterShape(body: unknown): undefined {
  if (!isObject(body)) return undefined;
  const fhir = ['caregiver', 'client', 'period'].every((k) => body[k] !== undefined);
  const flat = ['patientId', 'practitionerId', 'startDateTime'].every((k) => body[k] !== undefined);
  if (!fhir && !flat) {
    throw new HttpError(422, 'body: give caregiver, client and period (or patientId, practitionerId and startDateTime) for a new care log');
  }
  return undefined;
}

export const PRECHECKS: Record<string, Precheck> = {
  createDocumentReference: checkDocumentCreate,
  createTaskLog: taskLogText,
  createEncounter: encounterShape,
};
