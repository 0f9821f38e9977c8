// Practitioners and patients: the same operation set over two collections.
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest, sortRecords } from '../search/bundle.ts';
import { tagValue } from '../search/fhir-fields.ts';
import { PERSON_SORT_KEYS, personPredicates } from '../search/person-search.ts';
import type { Collection, ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import { utcTimestamp, type Handler, type HandlerContext } from './context.ts';

type Kind = 'practitioners' | 'patients';
const RESOURCE_TYPE: Record<Kind, string> = { practitioners: 'Practitioner', patients: 'Patient' };
const SEARCH_FIELDS = new Set([
  'first_name', 'last_name', 'family', 'city', 'state', 'gender', 'active', 'is_hired', 'home_phone', 'mobile_phone',
  'work_phone', 'external_id', 'tags', 'created', 'updated', 'agency_id', 'community_id', 'community_name',
]);

function collection(ctx: HandlerContext, kind: Kind): Collection {
  return ctx.store[kind];
}

/** The record as the API shows it, with any presentation quirk applied (the stored record is untouched). */
function present(ctx: HandlerContext, kind: Kind, record: ResourceRecord): object {
  if (kind === 'patients' && ctx.quirks['status-none'] && tagValue(record, 'isClient') !== 'true' && Number(record.id) % 7 === 0) {
    const meta = record.meta as { tag?: { code: string; display?: string }[] } | undefined;
    if (meta?.tag?.some((t) => t.code === 'status')) {
      ctx.applied('status-none');
      return { ...record, meta: { ...meta, tag: meta.tag.map((t) => (t.code === 'status' ? { ...t, display: 'None' } : t)) } };
    }
  }
  return record;
}

function search(kind: Kind, fields: Record<string, unknown>, ctx: HandlerContext, post: boolean) {
  if (kind === 'patients' && post && fields.active !== undefined && ctx.quirks['post-patient-search-active-empty']) {
    ctx.applied('post-patient-search-active-empty');
    return jsonResponse(200, bundle([], 0, { quirks: ctx.quirks }));
  }
  const primaryLocationId = ctx.store.locations.all()[0]?.id;
  const predicates = personPredicates(fields, { quirks: ctx.quirks, primaryLocationId });
  if (fields.agency_id !== undefined && ctx.quirks['agency-id-narrows']) ctx.applied('agency-id-narrows');
  let matches = collection(ctx, kind).all().filter((r) => predicates.every((p) => p(r)));
  matches = sortRecords(matches, fields._sort, PERSON_SORT_KEYS);
  const paging = pageRequest(fields, 1, 30);
  const page = pageOf(matches, paging).map((r) => present(ctx, kind, r));
  let reportedTotal: number | undefined;
  // Defaults are filled in by validation, so look at what the caller actually sent.
  const plain = !post && ctx.request.query._page === undefined && !Object.keys(fields).some((k) => SEARCH_FIELDS.has(k));
  if (kind === 'patients' && plain && ctx.quirks['partial-first-patient-page'] && matches.length > page.length) {
    ctx.applied('partial-first-patient-page');
    reportedTotal = page.length;
  }
  return jsonResponse(200, bundle(page, matches.length, { quirks: ctx.quirks, reportedTotal }));
}

function find(ctx: HandlerContext, kind: Kind): ResourceRecord {
  const id = String(ctx.params.id);
  const record = collection(ctx, kind).get(id);
  if (!record) throw new HttpError(404, `${RESOURCE_TYPE[kind]} ${id} not found`);
  return record;
}

function withMeta(ctx: HandlerContext, body: JsonObject, previous?: ResourceRecord): JsonObject {
  const now = utcTimestamp(ctx.now());
  const meta = (body.meta ?? {}) as JsonObject;
  const previousMeta = (previous?.meta ?? {}) as JsonObject;
  const tags = (meta.tag ?? previousMeta.tag ?? []) as JsonObject[];
  const withAgency = tags.some((t) => t.code === 'agencyId') ? tags : [...tags, { code: 'agencyId', display: ctx.store.agencyId }];
  return { ...meta, created: previousMeta.created ?? now, lastUpdated: now, tag: withAgency };
}

export function peopleHandlers(kind: Kind, ids: { search: string; searchPost: string; create: string; get: string; update: string; remove: string }): Record<string, Handler> {
  const resourceType = RESOURCE_TYPE[kind];
  return {
    [ids.search]: (ctx) => search(kind, ctx.params, ctx, false),
    [ids.searchPost]: (ctx) => search(kind, { ...(ctx.body as object) }, ctx, true),
    [ids.create]: (ctx) => {
      const body = ctx.body as JsonObject;
      const id = collection(ctx, kind).nextId();
      const record = { ...body, resourceType, id, meta: withMeta(ctx, body) } as ResourceRecord;
      collection(ctx, kind).put(record);
      return jsonResponse(201, present(ctx, kind, record));
    },
    [ids.get]: (ctx) => jsonResponse(200, present(ctx, kind, find(ctx, kind))),
    [ids.update]: (ctx) => {
      const previous = find(ctx, kind);
      const body = ctx.body as JsonObject;
      // PUT replaces: fields left out of the body are gone.
      const record = { ...body, resourceType, id: previous.id, meta: withMeta(ctx, body, previous) } as ResourceRecord;
      collection(ctx, kind).put(record);
      return jsonResponse(200, present(ctx, kind, record));
    },
    [ids.remove]: (ctx) => {
      const record = find(ctx, kind);
      collection(ctx, kind).delete(record.id);
      return jsonResponse(200, { success: true, id: record.id });
    },
  };
}
