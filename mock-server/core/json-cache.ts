import { createHash } from 'node:crypto';

// Stored records never change in place (every write stores a new object), so a
// record's JSON text can be made once and reused by every page that shows it.
// This is what keeps a 20-entry search near the speed of sending fixed bytes.
const cache = new WeakMap<object, string>();

export function recordJson(record: object): string {
  let text = cache.get(record);
  if (text === undefined) {
    text = JSON.stringify(record);
    cache.set(record, text);
  }
  return text;
}

/** Marks text that is already JSON, so jsonResponse sends it as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

// At module level: a closure made per request costs more than the key itself.
function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/**
 * The search cache's key for a request. The body is only ever a hash (a key must
 * not hold a client's raw body: it may be large, and it is theirs); the path and
 * query too when long. Short keys stay readable and cost no hashing.
 */
export function searchCacheKey(operationId: string, path: string, query: string, body: string | undefined): string {
  const bodyPart = body === undefined || body === '' ? '' : hash(body);
  const request = path.length + query.length > 512 ? `#${hash(`${path}\u0000${query}`)}` : `${path}|${query}`;
  return `${operationId}|${request}|${bodyPart}`;
}
