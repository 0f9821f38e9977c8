// PUT as the live clients used it: a partial update. The reference says every
// field is optional, and the agency's CRM sent bodies with only `meta.tag` for
// weeks; a replace would have wiped names. Top-level fields sent replace the
// stored ones (null included); fields left out keep their values.
import type { ResourceRecord } from '../store.ts';
import type { JsonObject } from '../types.ts';

export function mergeUpdate(previous: ResourceRecord, body: JsonObject): JsonObject {
  // Spread defines own properties, so a `__proto__` key in the body stays data.
  return { ...previous, ...body };
}
