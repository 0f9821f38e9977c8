// Reading a search answer. Live, entries came bare or wrapped as
// {"resource": ...} in the same page, and the count was `total`, `totalRecords`
// or (for an empty result) absent; the docs promise `totalRecords`. All are read.

export interface BundleLike {
  resourceType?: unknown;
  entry?: unknown;
  total?: unknown;
  totalRecords?: unknown;
}

/** The resources of a Bundle, unwrapped; a body that is no Bundle is refused, not read as empty. */
export function entriesOf<T = Record<string, unknown>>(body: unknown): T[] {
  const bundle = body as BundleLike | undefined;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw new TypeError(`not a Bundle: ${shape(body)}`);
  }
  if (bundle.entry === undefined) return [];
  if (!Array.isArray(bundle.entry)) throw new TypeError('Bundle.entry is not a list');
  return bundle.entry.map((e) => (e && typeof e === 'object' && 'resource' in e ? (e as { resource: T }).resource : (e as T)));
}

/** The count the server claims, if any. Never trust it to stop paging: live, it lied. */
export function claimedCount(body: unknown): number | undefined {
  const bundle = body as BundleLike;
  const value = bundle?.total ?? bundle?.totalRecords;
  return typeof value === 'number' ? value : undefined;
}

/** What a value is, without its contents: `an object with keys message, code`. */
function shape(value: unknown): string {
  if (value === null || value === undefined) return 'no body';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 8).join(', ') || '(none)'}`;
  return `a ${typeof value}`;
}
