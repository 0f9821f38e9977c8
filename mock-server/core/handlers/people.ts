// Practitioners and patients: the same operation set over two collections.
import { allowLiveForm } from '../by-the-docs.ts';
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest, sortRecords } from '../search/bundle.ts';
import { tagValue } from '../search/fhir-fields.ts';
import { PERSON_SORT_KEYS, personPredicates } from '../search/person-search.ts';
import type { Collection, ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import { utcTimestamp, type Handler, type HandlerContext } from './context.ts';
import { mergeUpdate } from './merge-update.ts';
import { searchFields } from './search-fields.ts';

type Kind = 'practitioners' | 'patients';
const RESOURCE_TYPE: Record<Kind, string> = { practitioners: 'Practitioner', patients: 'Patient' };
const SEARCH_FIELDS = new Set([
  'first_name', 'last_name', 'last_name:contains', 'family', 'city', 'state', 'gender', 'active', 'is_hired', 'home_phone', 'mobile_phone',
  'work_phone', 'external_id', 'tags', 'created', 'updated', 'agency_id', 'agencyId', 'community_id', 'community_name',
]);

function collection(ctx: HandlerContext, kind: Kind): Collection {
  return ctx.store[kind];
}

/** The record as the API shows it, with any presentation quirk applied (the stored record is untouched). */
function present(ctx: HandlerContext, kind: Kind, record: ResourceRecord): object {
  // Live, clients and prospects alike sometimes carried the literal "None".
  if (kind === 'patients' && ctx.quirks['status-none'] && Number(record.id) % 7 === 0) {
    const meta = record.meta as { tag?: { code: string; display?: string }[] } | undefined;
    if (meta?.tag?.some((t) => t.code === 'status')) {
      ctx.applied('status-none');
      return { ...record, meta: { ...meta, tag: meta.tag.map((t) => (t.code === 'status' ? { ...t, display: 'None' } : t)) } };
    }
  }
  return record;
}

/** People lists count pages from 0 live, from 1 in the reference. */
function peoplePaging(fields: Record<string, unknown>, ctx: HandlerContext) {
  if (fields._page === 0) allowLiveForm(ctx, 'people-pages-from-zero', 400, '_page', 'pages count from 1, so 0 is not a page');
  else if (typeof fields._page === 'number' && ctx.quirks['people-pages-from-zero']) ctx.applied('people-pages-from-zero');
  return pageRequest(fields, ctx.quirks['people-pages-from-zero'] ? 0 : 1, 30);
}

function search(kind: Kind, fields: Record<string, unknown>, ctx: HandlerContext, post: boolean) {
  if (kind === 'patients' && post && fields.active !== undefined && ctx.quirks['post-patient-search-active-empty']) {
    ctx.applied('post-patient-search-active-empty');
    return jsonResponse(200, bundle([], 0, ctx));
  }
  const primaryLocationId = ctx.store.locations.all()[0]?.id;
  const predicates = personPredicates(fields, { quirks: ctx.quirks, applied: ctx.applied, primaryLocationId });
  const paging = peoplePaging(fields, ctx);
  let matches = collection(ctx, kind).all().filter((r) => predicates.every((p) => p(r)));
  matches = sortRecords(matches, fields._sort, PERSON_SORT_KEYS);
  const page = pageOf(matches, paging).map((r) => present(ctx, kind, r));
  let reportedTotal: number | undefined;
  // Defaults are filled in by validation, so look at what the caller actually sent.
  const plain = !post && ctx.request.query._page === undefined && !Object.keys(ctx.request.query).some((k) => SEARCH_FIELDS.has(k));
  if (kind === 'patients' && plain && ctx.quirks['partial-first-patient-page'] && matches.length > page.length) {
    ctx.applied('partial-first-patient-page');
    reportedTotal = page.length;
  }
  return jsonResponse(200, bundle(page, matches.length, ctx, { reportedTotal }));
}

function find(ctx: HandlerContext, kind: Kind): ResourceRecord {
  const id = String(ctx.params.id);
  const record = collection(ctx, kind).get(id);
  if (!record) throw new HttpError(404, `${RESOURCE_TYPE[kind]} ${id} not found`);
  return record;
}

type TagList = { code: string; display?: string }[];

/** Meta as stored: the tags sent replace those with the same code; created is kept, lastUpdated is now. */
function withMeta(ctx: HandlerContext, body: JsonObject, previous?: ResourceRecord): JsonObject {
  const now = utcTimestamp(ctx.now());
  const meta = (body.meta ?? {}) as JsonObject;
  const previousMeta = (previous?.meta ?? {}) as JsonObject;
  const sent = (meta.tag ?? []) as TagList;
  const kept = ((previousMeta.tag ?? []) as TagList).filter((t) => !sent.some((s) => s.code === t.code));
  const tags = [...kept, ...sent];
  const withAgency = tags.some((t) => t.code === 'agencyId') ? tags : [...tags, { code: 'agencyId', display: ctx.store.agencyId }];
  return { ...previousMeta, ...meta, created: (previousMeta.created as string | undefined) ?? now, lastUpdated: now, tag: withAgency } as JsonObject;
}

export function peopleHandlers(
  kind: Kind,
  ids: { search: string; searchPost: string; create: string; get: string; update: string; remove: string; searchWithoutSlash?: string },
): Record<string, Handler> {
  const resourceType = RESOURCE_TYPE[kind];
  const handlers: Record<string, Handler> = {
    [ids.search]: (ctx) => search(kind, ctx.params, ctx, false),
    [ids.searchPost]: (ctx) => search(kind, searchFields(ctx), ctx, true),
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
      if (body.id !== undefined && body.id !== previous.id) {
        throw new HttpError(422, `id: the body names ${String(body.id)} but the path names ${previous.id}; leave id out or make them agree`);
      }
      // All fields optional: what is left out keeps its value.
      const record = { ...mergeUpdate(previous, body), resourceType, id: previous.id, meta: withMeta(ctx, body, previous) } as ResourceRecord;
      collection(ctx, kind).put(record);
      return jsonResponse(200, present(ctx, kind, record));
    },
    [ids.remove]: (ctx) => {
      const record = find(ctx, kind);
      collection(ctx, kind).delete(record.id);
      return jsonResponse(200, { success: true, id: record.id });
    },
  };
  if (ids.searchWithoutSlash) {
    // Reached only while `patients-list-without-slash` is on (the route carries x-quirk).
    handlers[ids.searchWithoutSlash] = (ctx) => {
      ctx.applied('patients-list-without-slash');
      return search(kind, ctx.params, ctx, false);
    };
  }
  return handlers;
}

