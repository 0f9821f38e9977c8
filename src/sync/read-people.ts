// Reading WellSky's people lists to the end. Live counts their pages from 0,
// the reference from 1, and neither announces which: the first page is read
// without `_page`, then `_page=1`; if that repeats the first page the server
// counts from 1, and reading goes on from 2. A count field is never trusted
// (live, the first patient page claimed to be everything).
import { entriesFrom, type WellSkyClient } from '../wellsky/client.ts';
import { WellSkyError } from '../wellsky/failures.ts';
import { PagingError } from '../wellsky/paging.ts';

type Json = Record<string, unknown>;

export const PAGE_SIZE = 100;
const MAX_PAGES = 5_000;

export interface PeopleQuery {
  /** `gt2026-11-27T12:00:00`: only what changed after then. */
  updated?: string;
  /** Records per page (1 to 100; default 100, the most the API gives). */
  pageSize?: number;
}

type Collection = '/v1/practitioners/' | '/v1/patients/';

async function page(client: WellSkyClient, collection: Collection, query: PeopleQuery, number?: number): Promise<Json[]> {
  const params = { query: { _count: query.pageSize ?? PAGE_SIZE, ...(number !== undefined ? { _page: number } : {}), ...(query.updated ? { updated: query.updated } : {}) } };
  return entriesFrom<Json>(await client.api.GET(collection, { params }));
}

/** Every record of a people list; `onPage` hears each page's size as it arrives. */
export async function readPeople(client: WellSkyClient, collection: Collection, query: PeopleQuery, onPage?: (read: number) => void): Promise<Json[]> {
  const size = query.pageSize ?? PAGE_SIZE;
  const first = await page(client, collection, query);
  onPage?.(first.length);
  if (first.length < size) return first;
  const all = [...first];
  const seen = new Set(first.map((r) => String(r.id)));
  let next = await page(client, collection, query, 1);
  let number = 1;
  if (next.length > 0 && next.every((r) => seen.has(String(r.id)))) {
    // `_page=1` was the first page again: this server counts from 1.
    number = 2;
    next = await page(client, collection, query, 2);
  }
  for (;;) {
    const fresh = next.filter((r) => !seen.has(String(r.id)));
    if (next.length > 0 && fresh.length === 0) {
      throw new PagingError(`${collection} page ${number} repeated records already read: the server ignored _page; stopped after ${all.length}`);
    }
    for (const r of fresh) seen.add(String(r.id));
    all.push(...fresh);
    onPage?.(next.length);
    if (next.length < size) return all;
    if (++number > MAX_PAGES) throw new PagingError(`${collection}: ${MAX_PAGES} pages without a short one; stopped after ${all.length}`);
    next = await page(client, collection, query, number);
  }
}

/** The family and emergency contacts of each client, read a client at a time (the client's limits pace them). */
export async function readFamily(client: WellSkyClient, clientIds: string[], onClient?: () => void): Promise<Map<string, Json[]>> {
  const found = new Map<string, Json[]>();
  await Promise.all(
    clientIds.map(async (id) => {
      try {
        found.set(id, entriesFrom<Json>(await client.api.GET('/v1/relatedperson/{id}/', { params: { path: { id } } })));
      } catch (error) {
        // A client deleted since the list was read has no contacts to hold; anything else fails the run.
        if (!(error instanceof WellSkyError && error.kind === 'not-found')) throw error;
        found.set(id, []);
      }
      onClient?.();
    }),
  );
  return found;
}

/**
 * Every family contact of the agency, through `POST relatedperson/_search/`
 * paged in the body (pages from 1): a page of 100 instead of a call per client.
 */
export async function readAllContacts(client: WellSkyClient, pageSize = PAGE_SIZE, onPage?: (read: number) => void): Promise<Json[]> {
  const all: Json[] = [];
  const seen = new Set<string>();
  for (let number = 1; number <= MAX_PAGES; number++) {
    const entries = entriesFrom<Json>(await client.api.POST('/v1/relatedperson/_search/', { body: { _count: pageSize, _page: number } }));
    const fresh = entries.filter((r) => !seen.has(String(r.id)));
    if (entries.length > 0 && fresh.length === 0) {
      throw new PagingError(`relatedperson/_search/ page ${number} repeated records already read: the server ignored _page; stopped after ${all.length}`);
    }
    for (const r of fresh) seen.add(String(r.id));
    all.push(...fresh);
    onPage?.(entries.length);
    if (entries.length < pageSize) return all;
  }
  throw new PagingError(`relatedperson/_search/: ${MAX_PAGES} pages without a short one; stopped after ${all.length}`);
}
