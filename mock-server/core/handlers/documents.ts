// Documents (`documentReferences/`, camel case: the reference's lower-case
// spelling is the gateway's 403 live). A create is checked the way WellSky did
// it, with its own four 422 messages, before the schema sees the body.
import type { QuirkContext } from '../by-the-docs.ts';
import { HttpError, jsonResponse, textResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest } from '../search/bundle.ts';
import { dateFilter } from '../search/date-filter.ts';
import type { ResourceRecord, Store } from '../store.ts';
import type { JsonObject, SimResponse } from '../types.ts';
import { utcTimestamp, type Handler, type HandlerContext } from './context.ts';
import { mergeUpdate } from './merge-update.ts';
import { searchFields } from './search-fields.ts';

const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an unexpected condition.</p></body></html>';

/** WellSky's messages, word for word as the live API answered them. */
export const DOCUMENT_MESSAGES = {
  typeText: "'text' in 'type' is required.",
  context: "'context' is required.",
  attachment: "'data', 'title' and 'contentType' are mandatory.",
  agencyId: "'agencyId' is required.",
} as const;

type Obj = Record<string, unknown> | undefined;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `Patient/5001` → the record it names, if any. */
function related(store: Store, ref: string): ResourceRecord | undefined {
  const [kind, id = ''] = ref.split('/');
  return kind === 'Patient' ? store.patients.get(id) : kind === 'Practitioner' ? store.practitioners.get(id) : undefined;
}

const htmlFailure = (ctx: QuirkContext) => {
  ctx.applied('document-writes-fail');
  return textResponse(500, HTML_ERROR_PAGE, 'text/html; charset=utf-8');
};

/**
 * Runs before schema validation: the live 422s name fields in WellSky's words,
 * and a `content` list crashed WellSky (500) rather than failing validation.
 */
export function checkDocumentCreate(body: unknown, ctx: QuirkContext): SimResponse | undefined {
  if (!isObject(body)) return undefined; // the schema says what is wrong
  if (Array.isArray(body.content)) {
    if (ctx.quirks['document-writes-fail']) return htmlFailure(ctx);
    throw new HttpError(422, DOCUMENT_MESSAGES.attachment);
  }
  if (!isObject(body.type) || typeof body.type.text !== 'string' || body.type.text === '') throw new HttpError(422, DOCUMENT_MESSAGES.typeText);
  if (!isObject(body.context)) throw new HttpError(422, DOCUMENT_MESSAGES.context);
  const attachment = (body.content as Obj)?.attachment as Obj;
  if (!isObject(attachment) || ['data', 'title', 'contentType'].some((k) => typeof attachment[k] !== 'string' || attachment[k] === '')) {
    throw new HttpError(422, DOCUMENT_MESSAGES.attachment);
  }
  const tags = ((body.meta as Obj)?.tag ?? []) as { code?: string; display?: string }[];
  if (!Array.isArray(tags) || !tags.some((t) => t?.code === 'agencyId' && t.display)) throw new HttpError(422, DOCUMENT_MESSAGES.agencyId);
  return undefined;
}

function checkRelated(body: JsonObject, store: Store): void {
  const refs = ((body.context as Obj)?.related ?? []) as { ref?: string }[];
  refs.forEach((r, i) => {
    if (r.ref && !related(store, r.ref)) throw new HttpError(422, `context.related[${i}].ref: no ${r.ref}; create it first or fix the reference`);
  });
}

function find(ctx: HandlerContext): ResourceRecord {
  const id = String(ctx.params.id);
  const record = ctx.store.documentReferences.get(id);
  if (!record) throw new HttpError(404, `Document ${id} not found`);
  return record;
}

function search(ctx: HandlerContext) {
  const f = searchFields(ctx);
  const from = f.date === undefined ? undefined : dateFilter(String(f.date));
  const to = f.dateTo === undefined ? undefined : dateFilter(String(f.dateTo));
  const matches = ctx.store.documentReferences.all().filter((d) => {
    const refs = (((d.context as Obj)?.related ?? []) as { ref?: string }[]).map((r) => r.ref);
    if (f.subject !== undefined && !refs.includes(String(f.subject))) return false;
    if (f.type !== undefined && String((d.type as Obj)?.text ?? '').toLowerCase() !== String(f.type).toLowerCase()) return false;
    const created = (d.meta as Obj)?.created as string | undefined;
    if (from && !from(created)) return false;
    if (to && !to(created)) return false;
    return true;
  });
  const page = pageOf(matches, pageRequest(f, 1, 30));
  return jsonResponse(200, bundle(page, matches.length, ctx));
}

export const documentHandlers: Record<string, Handler> = {
  createDocumentReference: (ctx) => {
    // Live, a complete payload then failed too: a fault on WellSky's side (ticket open).
    if (ctx.quirks['document-writes-fail']) return htmlFailure(ctx);
    const body = ctx.body as JsonObject;
    checkRelated(body, ctx.store);
    const now = utcTimestamp(ctx.now());
    const meta = { ...(body.meta as JsonObject), created: now, lastUpdated: now };
    const record = { ...body, meta, resourceType: 'DocumentReference', id: ctx.store.documentReferences.nextId() } as ResourceRecord;
    return jsonResponse(201, ctx.store.documentReferences.put(record));
  },
  searchDocumentReferences: search,
  getDocumentReference: (ctx) => jsonResponse(200, find(ctx)),
  updateDocumentReference: (ctx) => {
    const previous = find(ctx);
    const body = ctx.body as JsonObject;
    checkRelated(body, ctx.store);
    const meta = { ...(previous.meta as JsonObject), ...(body.meta as JsonObject | undefined), lastUpdated: utcTimestamp(ctx.now()) };
    const record = { ...mergeUpdate(previous, body), meta, resourceType: 'DocumentReference', id: previous.id } as ResourceRecord;
    return jsonResponse(200, ctx.store.documentReferences.put(record));
  },
  deleteDocumentReference: (ctx) => {
    const record = find(ctx);
    ctx.store.documentReferences.delete(record.id);
    return jsonResponse(200, { success: true, id: record.id });
  },
};
