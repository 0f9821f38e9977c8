// Collections with plain CRUD and a paged list: profile tags, subscriptions,
// referral sources, admin tasks, documents, and the read-only locations and organizations.
import { HttpError, jsonResponse, textResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest } from '../search/bundle.ts';
import type { Store, ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';
import type { Handler, HandlerContext } from './context.ts';

type CollectionName = 'profileTags' | 'subscriptions' | 'referralSources' | 'adminTasks' | 'documentReferences' | 'locations' | 'organizations';

interface CatalogueSpec {
  collection: CollectionName;
  label: string;
  /** Set on records this collection stores (FHIR-ish ones carry it; tags and tasks do not). */
  resourceType?: string;
  /** Restricts a list to matching records (e.g. documents of one patient). */
  filter?: (record: ResourceRecord, ctx: HandlerContext) => boolean;
  /** Checks a write beyond the schema (e.g. the referenced patient exists). */
  checkWrite?: (body: JsonObject, store: Store) => void;
  defaults?: JsonObject;
  ids: { list?: string; create?: string; get?: string; update?: string; remove?: string };
}

const HTML_ERROR_PAGE = '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an unexpected condition.</p></body></html>';

export function catalogueHandlers(spec: CatalogueSpec): Record<string, Handler> {
  const find = (ctx: HandlerContext): ResourceRecord => {
    const id = String(ctx.params.id);
    const record = ctx.store[spec.collection].get(id);
    if (!record) throw new HttpError(404, `${spec.label} ${id} not found`);
    return record;
  };
  const stamp = (body: JsonObject, id: string) =>
    ({ ...spec.defaults, ...body, ...(spec.resourceType ? { resourceType: spec.resourceType } : {}), id }) as ResourceRecord;
  const failingDocumentWrite = (ctx: HandlerContext) => {
    if (spec.collection !== 'documentReferences' || !ctx.quirks['document-writes-fail']) return undefined;
    ctx.applied('document-writes-fail');
    return textResponse(500, HTML_ERROR_PAGE, 'text/html; charset=utf-8');
  };

  const handlers: Record<string, Handler> = {};
  if (spec.ids.list) {
    handlers[spec.ids.list] = (ctx) => {
      const matches = ctx.store[spec.collection].all().filter((r) => spec.filter?.(r, ctx) ?? true);
      const page = pageOf(matches, pageRequest(ctx.params, 1, 30));
      return jsonResponse(200, bundle(page, matches.length, { quirks: ctx.quirks }));
    };
  }
  if (spec.ids.create) {
    handlers[spec.ids.create] = (ctx) => {
      const failure = failingDocumentWrite(ctx);
      if (failure) return failure;
      const body = ctx.body as JsonObject;
      spec.checkWrite?.(body, ctx.store);
      const record = ctx.store[spec.collection].put(stamp(body, ctx.store[spec.collection].nextId()));
      return jsonResponse(201, record);
    };
  }
  if (spec.ids.get) handlers[spec.ids.get] = (ctx) => jsonResponse(200, find(ctx));
  if (spec.ids.update) {
    handlers[spec.ids.update] = (ctx) => {
      const previous = find(ctx);
      const body = ctx.body as JsonObject;
      spec.checkWrite?.(body, ctx.store);
      return jsonResponse(200, ctx.store[spec.collection].put(stamp(body, previous.id)));
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

function patientMustExist(body: JsonObject, store: Store, field: string): void {
  const id = (body[field] as JsonObject | undefined)?.id;
  if (typeof id === 'string' && !store.patients.get(id)) {
    throw new HttpError(422, `${field}.id: no patient ${id}; create the patient first or fix the id`);
  }
}

export const catalogueHandlerSet: Record<string, Handler> = {
  ...catalogueHandlers({
    collection: 'profileTags',
    label: 'Profile tag',
    ids: { list: 'listProfileTags', create: 'createProfileTag', get: 'getProfileTag', update: 'updateProfileTag', remove: 'deleteProfileTag' },
  }),
  ...catalogueHandlers({
    collection: 'subscriptions',
    label: 'Subscription',
    defaults: { status: 'active' },
    ids: { list: 'listSubscriptions', create: 'createSubscription', get: 'getSubscription', update: 'updateSubscription', remove: 'deleteSubscription' },
  }),
  ...catalogueHandlers({
    collection: 'referralSources',
    label: 'Referral source',
    ids: { list: 'listReferralSources', create: 'createReferralSource', get: 'getReferralSource' },
  }),
  ...catalogueHandlers({
    collection: 'adminTasks',
    label: 'Admin task',
    ids: { create: 'createAdminTask', get: 'getAdminTask' },
  }),
  ...catalogueHandlers({
    collection: 'documentReferences',
    label: 'Document',
    resourceType: 'DocumentReference',
    filter: (r, ctx) => (r.subject as JsonObject | undefined)?.id === String(ctx.params.patientId),
    checkWrite: (body, store) => patientMustExist(body, store, 'subject'),
    ids: { list: 'searchDocumentReferences', create: 'createDocumentReference', get: 'getDocumentReference' },
  }),
  ...catalogueHandlers({ collection: 'locations', label: 'Location', ids: { list: 'listLocations', get: 'getLocation' } }),
  ...catalogueHandlers({ collection: 'organizations', label: 'Organization', ids: { list: 'listOrganizations', get: 'getOrganization' } }),
};

export { patientMustExist };
