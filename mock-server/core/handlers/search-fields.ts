// The fields of a POST …/_search/: the JSON body, plus the paging the live
// client put in the query string (honoured while `paging-in-search-query` is on;
// by the reference a POST search reads only its body).
import type { HandlerContext } from './context.ts';

const QUERY_PAGING = ['_count', '_page', '_sort'] as const;

export function searchFields(ctx: HandlerContext): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...((ctx.body ?? {}) as object) };
  // Validation fills defaults in, so look at what was really in the query.
  const sent = QUERY_PAGING.filter((key) => ctx.request.query[key] !== undefined);
  if (sent.length === 0 || !ctx.quirks['paging-in-search-query']) return fields;
  ctx.applied('paging-in-search-query');
  for (const key of sent) fields[key] = ctx.params[key];
  return fields;
}
