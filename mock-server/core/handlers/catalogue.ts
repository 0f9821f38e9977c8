// Collections with plain create, read, update and delete and a paged list:
// profile tags, subscriptions, referral sources, admin tasks, and the read-only
// locations and organizations. Documents have their own rules (documents.ts).
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest } from '../search/bundle.ts';
import type { ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import type { Handler, HandlerContext } from './context.ts';
import { mergeUpdate } from './merge-update.ts';
import { searchFields } from './search-fields.ts';

type CollectionName = 'profileTags' | 'subscriptions' | 'referralSources' | 'adminTasks' | 'locations' | 'organizations';

interface CatalogueSpec {
  collection: CollectionName;
  label: string;
  /** Set on records this collection stores (FHIR-ish ones carry it; tags and tasks do not). */
  resourceType?: string;
  /** Restricts a list or search to matching records, from the query or the search body. */
  filter?: (record: ResourceRecord, fields: Record<string, unknown>) => boolean;
  defaults?: JsonObject;
  /**
   * Object fields a PUT merges one level down, as the record's top level is:
   * a subscription's `channel` sent with only new `header` lines keeps its
   * `endpoint` (replaced whole, the stored subscription would have nowhere to call).
   */
  mergedObjects?: string[];
  ids: { list?: string; search?: string; create?: string; get?: string; update?: string; remove?: string };
}

const lower = (v: unknown) => String(v ?? '').toLowerCase();
const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

export function catalogueHandlers(spec: CatalogueSpec): Record<string, Handler> {
  const find = (ctx: HandlerContext): ResourceRecord => {
    const id = String(ctx.params.id);
    const record = ctx.store[spec.collection].get(id);
    if (!record) throw new HttpError(404, `${spec.label} ${id} not found`);
    return record;
  };
  const stamp = (body: JsonObject, id: string) =>
    ({ ...spec.defaults, ...body, ...(spec.resourceType ? { resourceType: spec.resourceType } : {}), id }) as ResourceRecord;
  const listed = (ctx: HandlerContext, fields: Record<string, unknown>) => {
    const matches = ctx.store[spec.collection].all().filter((r) => spec.filter?.(r, fields) ?? true);
    const page = pageOf(matches, pageRequest(fields, 1, 30));
    return jsonResponse(200, bundle(page, matches.length, ctx));
  };

  const handlers: Record<string, Handler> = {};
  if (spec.ids.list) handlers[spec.ids.list] = (ctx) => listed(ctx, ctx.params);
  if (spec.ids.search) handlers[spec.ids.search] = (ctx) => listed(ctx, searchFields(ctx));
  if (spec.ids.create) {
    handlers[spec.ids.create] = (ctx) => {
      const record = ctx.store[spec.collection].put(stamp(ctx.body as JsonObject, ctx.store[spec.collection].nextId()));
      return jsonResponse(201, record);
    };
  }
  if (spec.ids.get) handlers[spec.ids.get] = (ctx) => jsonResponse(200, find(ctx));
  if (spec.ids.update) {
    handlers[spec.ids.update] = (ctx) => {
      const previous = find(ctx);
      const body = { ...(ctx.body as JsonObject) };
      for (const field of spec.mergedObjects ?? []) {
        const [before, sent] = [previous[field], body[field]];
        if (isObject(before) && isObject(sent)) body[field] = mergeUpdate(before as ResourceRecord, sent);
      }
      return jsonResponse(200, ctx.store[spec.collection].put(stamp(mergeUpdate(previous, body), previous.id)));
    };
  }
  if (spec.ids.remove) {
    handlers[spec.ids.remove] = (ctx) => {
      const record = find(ctx);
      ctx.store[spec.collection].delete(record.id);
      return jsonResponse(200, { success: true, id: record.id });
    };
  }
  return handlers;
}

/** Locations and organizations: a search by part of the name, or by city. */
function nameOrCity(record: ResourceRecord, fields: Record<string, unknown>): boolean {
  if (fields.name !== undefined && !lower(record.name).includes(lower(fields.name))) return false;
  if (fields.city !== undefined) {
    const address = record.address as { city?: string } | { city?: string }[] | undefined;
    const cities = (Array.isArray(address) ? address : address ? [address] : []).map((a) => lower(a.city));
    if (!cities.includes(lower(fields.city))) return false;
  }
  return true;
}

export const catalogueHandlerSet: Record<string, Handler> = {
  ...catalogueHandlers({
    collection: 'profileTags',
    label: 'Profile tag',
    filter: (r, f) => (f.name === undefined || lower(r.name).startsWith(lower(f.name))) && (f.type === undefined || r.type === f.type),
    ids: { list: 'listProfileTags', create: 'createProfileTag', get: 'getProfileTag', update: 'updateProfileTag', remove: 'deleteProfileTag' },
  }),
  ...catalogueHandlers({
    collection: 'subscriptions',
    label: 'Subscription',
    resourceType: 'Subscription',
    defaults: { status: 'active' },
    mergedObjects: ['channel'],
    filter: (r, f) => (f.status === undefined || r.status === f.status) && (f.criteria === undefined || r.criteria === f.criteria),
    ids: { list: 'listSubscriptions', create: 'createSubscription', get: 'getSubscription', update: 'updateSubscription', remove: 'deleteSubscription' },
  }),
  ...catalogueHandlers({
    collection: 'referralSources',
    label: 'Referral source',
    ids: { create: 'createReferralSource', get: 'getReferralSource', update: 'updateReferralSource' },
  }),
  ...catalogueHandlers({ collection: 'adminTasks', label: 'Admin task', ids: { create: 'createAdminTask' } }),
  ...catalogueHandlers({ collection: 'locations', label: 'Location', filter: nameOrCity, ids: { list: 'listLocations', search: 'searchLocationsPost' } }),
  ...catalogueHandlers({ collection: 'organizations', label: 'Organization', filter: nameOrCity, ids: { list: 'listOrganizations', search: 'searchOrganizationsPost' } }),
};
