// Reads every page of a search. One page is never trusted to be everything (a
// plain patient list live claimed its first page was the whole count), so it
// stops on an empty or short page, and refuses to loop on a server that keeps
// answering the same page.
import { entriesOf } from './bundle.ts';

export interface PagingOptions {
  /** The first page's number: 0 for appointments and (live) people lists, 1 elsewhere. */
  firstPage: number;
  pageSize: number;
  /** A guard against a server that never answers a short page. */
  maxPages?: number;
  /** What makes two entries the same record (default: the id; a recurring shift needs id and start). */
  key?: (entry: Record<string, unknown>) => string;
}

export class PagingError extends Error {}

/** Calls `fetchPage(n)` for n = firstPage, firstPage + 1, … and gathers the entries. */
export async function readAllPages<T extends Record<string, unknown>>(fetchPage: (page: number) => Promise<unknown>, options: PagingOptions): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  const key = options.key ?? ((e) => String(e.id));
  const maxPages = options.maxPages ?? 10_000;
  for (let page = options.firstPage; page < options.firstPage + maxPages; page++) {
    const entries = entriesOf<T>(await fetchPage(page));
    const fresh = entries.filter((e) => !seen.has(key(e)));
    if (entries.length > 0 && fresh.length === 0) {
      throw new PagingError(`page ${page} repeated records already read: the server ignored _page; stopped after ${all.length}`);
    }
    for (const e of fresh) seen.add(key(e));
    all.push(...fresh);
    if (entries.length < options.pageSize) return all;
  }
  throw new PagingError(`stopped after ${maxPages} pages of ${options.pageSize} without a short page`);
}
