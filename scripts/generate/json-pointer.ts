/** RFC 6901 JSON pointers, used to say where in a document something was found. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Segments → URI-fragment form, e.g. ['paths', '/v1/x/'] → '#/paths/~1v1~1x~1'. */
export function formatPointer(segments: readonly string[]): string {
  return '#' + segments.map((s) => '/' + escapeSegment(s)).join('');
}

/**
 * Parses the fragment of a $ref (the part after '#', still percent-encoded) into segments.
 * Returns undefined for fragments that are not JSON pointers (e.g. '#SomeAnchor').
 */
export function parseFragment(fragment: string): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    decoded = fragment; // malformed %-escape: treat it literally rather than failing
  }
  if (decoded === '') return [];
  if (!decoded.startsWith('/')) return undefined;
  return decoded
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows segments into a parsed document; `found: false` when any step is missing. */
export function getAtPointer(doc: unknown, segments: readonly string[]): { found: true; value: unknown } | { found: false } {
  let current: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!/^(0|[1-9]\d*)$/.test(segment) || index >= current.length) return { found: false };
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
