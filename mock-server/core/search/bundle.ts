// Paging, sorting and the Bundle envelope shared by every search.
import { HttpError } from '../responses.ts';
import { RawJson, recordJson } from '../json-cache.ts';
import type { QuirkContext } from '../by-the-docs.ts';

export interface PageRequest {
  count: number;
  page: number;
  /** The number of the first page: 0 for appointments, 1 elsewhere. */
  base: number;
}

export function pageOf<T>(items: T[], { count, page, base }: PageRequest): T[] {
  const start = (page - base) * count;
  return items.slice(start, start + count);
}

export function pageRequest(params: Record<string, unknown>, base: number, defaultCount: number): PageRequest {
  const count = typeof params._count === 'number' ? params._count : defaultCount;
  const page = typeof params._page === 'number' ? params._page : base;
  if (page < base) throw new HttpError(400, `_page: the first page is ${base}`);
  return { count, page, base };
}

export interface BundleOptions {
  /** Sub-resources (and, live, visit searches) answer with `total` instead of `totalRecords`. */
  countField?: 'totalRecords' | 'total';
  /** Overrides the count reported (a quirk uses this). */
  reportedTotal?: number;
}

/** The Bundle as JSON text, built from each entry's cached JSON. The quirks that shape it are named in the journal. */
export function bundle(entries: object[], total: number, ctx: QuirkContext, options: BundleOptions = {}): RawJson {
  if (entries.length === 0 && total === 0 && ctx.quirks['empty-bundle-without-count']) {
    ctx.applied('empty-bundle-without-count');
    return new RawJson('{"resourceType":"Bundle","entry":[]}');
  }
  const mixed = ctx.quirks['mixed-bundle-entries'] && entries.length > 1;
  if (mixed) ctx.applied('mixed-bundle-entries');
  // Odd positions wrapped: a client that only reads one shape loses half the page.
  const items = entries.map((e, i) => (mixed && i % 2 === 1 ? `{"resource":${recordJson(e)}}` : recordJson(e)));
  const count = JSON.stringify(options.countField ?? 'totalRecords');
  return new RawJson(
    `{"resourceType":"Bundle","id":"searchParams","type":"searchset",${count}:${options.reportedTotal ?? total},"entry":[${items.join(',')}]}`,
  );
}

type SortKey = (record: Record<string, unknown>) => string | number | undefined;

/** Sorts by `_sort` (`field`, `-field`, comma-separated); unknown fields are a 400 naming the choices. */
export function sortRecords<T extends Record<string, unknown>>(items: T[], sort: unknown, keys: Record<string, SortKey>): T[] {
  if (typeof sort !== 'string' || sort === '') return items;
  const order = sort.split(',').map((raw) => {
    const descending = raw.startsWith('-');
    const field = descending ? raw.slice(1) : raw;
    // Own keys only: `__proto__`, `constructor` or `valueOf` are not sort fields.
    const key = Object.hasOwn(keys, field) ? keys[field] : undefined;
    if (!key) throw new HttpError(400, `_sort: unknown field "${field}"; sortable fields are ${Object.keys(keys).join(', ')}`);
    return { key, sign: descending ? -1 : 1 };
  });
  return [...items].sort((a, b) => {
    for (const { key, sign } of order) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  });
}
