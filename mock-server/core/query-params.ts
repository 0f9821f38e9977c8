// The query object a door hands the core: each parameter an own property,
// repeated keys as arrays. Built with plain assignment, `?__proto__=a&__proto__=b`
// would set the object's prototype to an array, and `?constructor=a` would read
// the inherited Object function as an earlier value and store `[Object, "a"]`.

/** `[key, value]` pairs (URLSearchParams, a URL's searchParams) → the query. */
export function queryFromPairs(pairs: Iterable<[string, string]>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    const previous = Object.hasOwn(query, key) ? query[key] : undefined;
    const next = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    // defineProperty, not assignment: `__proto__` stays a parameter like any other.
    Object.defineProperty(query, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return query;
}
