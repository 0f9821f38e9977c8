// What the journal may keep: no secrets, no tokens, nothing from a health record.
//
// An ALLOW-list, not a deny-list: a body or query value is kept only under a
// field known to be harmless (ids, statuses and other enum-like codes, counts,
// paging, resourceType) and only when it has the shape such a value has. Every
// other value is kept as its shape: `[12 chars]`, `[date]`, `[number]`. Booleans
// and nulls are kept (one bit). Names that say "secret" are `[redacted]`.
// Bodies are also bounded (depth, fields, items, nodes), so the journal can
// never hold a large body, whatever its fields are called.
import { createHash } from 'node:crypto';

// `header` is a subscription's list of `Name: value` lines sent with each callback:
// it carries the hook's secret.
const SECRET_KEYS = /secret|token|pass|pwd|key|auth|credential|signature|bearer|cookie|session|otp|^pin$|^header$|^ssn$/i;

/** Fields whose value is an id: kept when it looks like one. */
const ID_KEYS = new Set([
  'id', '_id', 'agencyId', 'agency_id', 'appointmentId', 'billRateId', 'caregiverId', 'clientId', 'client_id', 'community_id',
  'patientId', 'payRateId', 'practitionerId', 'taskId', 'reference', 'subscriptionId',
]);
/** Statuses, kinds and other codes from a closed list; flags. */
const CODE_KEYS = new Set([
  'status', 'active', 'resourceType', 'grant_type', 'criteria', 'type', 'system', 'use', 'billRateMethod', 'payRateMethod',
  'activity_type', 'is_hired', 'clockedOut', 'preferred', 'primaryContact', 'poa', 'show_in_family_room', 'contentType', 'payload',
]);
/** Counts and paging. */
const COUNT_KEYS = new Set(['_count', '_page', '_sort', 'monthNo', 'weekNo', 'additionalDays', 'count', 'total', 'totalRecords']);
/** Query parameters that are dates about records or schedules, not about a person. */
const QUERY_DATE_KEYS = new Set(['created', 'updated', 'startDate', '_lastUpdated']);

const ALLOWED = (key: string) => ID_KEYS.has(key) || CODE_KEYS.has(key) || COUNT_KEYS.has(key);
/** An id, a code or a count as WellSky writes them: short, no spaces, no `@`. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:/+,-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
/** A key kept as a name: what a schema calls a field. Anything else (data used as keys) is summarised. */
const KEY_SHAPE = /^[A-Za-z_$][A-Za-z0-9_$.:-]{0,63}$/;

/** Bounds on what one journalled body may hold. */
export const BODY_LIMITS = { depth: 8, fields: 50, items: 20, nodes: 400 } as const;

/** The shape of a value that is not kept. */
export function shapeOf(value: string): string {
  if (DATE.test(value)) return '[date]';
  if (DATE_TIME.test(value)) return '[date-time]';
  return `[${value.length} chars]`;
}

function keptScalar(key: string, value: unknown): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return ALLOWED(key) ? value : '[number]';
  if (typeof value === 'string') return ALLOWED(key) && TOKEN.test(value) ? value : shapeOf(value);
  return `[${typeof value}]`;
}

export function redactBody(value: unknown): unknown {
  return redactValue('', value, 0, { nodes: 0 });
}

function redactValue(key: string, value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (++budget.nodes > BODY_LIMITS.nodes) return '[more]';
  if (value === null || typeof value !== 'object') return keptScalar(key, value);
  if (depth >= BODY_LIMITS.depth) return '[deep]';
  if (Array.isArray(value)) {
    const out = value.slice(0, BODY_LIMITS.items).map((v) => redactValue(key, v, depth + 1, budget));
    if (value.length > BODY_LIMITS.items) out.push(`[+${value.length - BODY_LIMITS.items} items]`);
    return out;
  }
  const out: Record<string, unknown> = {};
  let fields = 0;
  let unnamed = 0;
  const keys = Object.keys(value);
  for (const name of keys) {
    if (fields === BODY_LIMITS.fields) break;
    fields++;
    const v = (value as Record<string, unknown>)[name];
    if (!KEY_SHAPE.test(name)) unnamed++;
    else if (SECRET_KEYS.test(name)) out[name] = '[redacted]';
    // A subscription's endpoint: the host and path, each query value as its length.
    else if (name === 'endpoint' && typeof v === 'string') out[name] = redactedUrl(v);
    else out[name] = redactValue(name, v, depth + 1, budget);
  }
  if (unnamed) out['[fields not named like fields]'] = unnamed;
  if (keys.length > fields) out['[more fields]'] = keys.length - fields;
  return out;
}

// A client sends the same header on every call until its token changes.
const fingerprints = new Map<string, string>();

/** As URLSearchParams writes a value (space as `+`), so summaries read as before. */
const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

/** The query string as the journal may keep it. */
// Clients repeat the same searches: a small memo keeps redaction off the hot path.
const redactedQueries = new Map<string, string>();

export function redactQuery(query: string): string {
  if (query === '') return query;
  let redacted = redactedQueries.get(query);
  if (redacted === undefined) {
    redacted = redactQueryNow(query);
    if (redactedQueries.size >= 256) redactedQueries.clear();
    // Only short queries are remembered: a huge one must not stay in memory.
    if (query.length <= 2048) redactedQueries.set(query, redacted);
  }
  return redacted;
}

function redactQueryNow(query: string): string {
  const out: string[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? undefined : part.slice(eq + 1);
    // Each parameter decoded on its own: one bad escape elsewhere must not keep this one raw.
    let key: string;
    let value: string | undefined;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = rawValue === undefined ? undefined : decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      out.push(`%5Bundecodable%5D=${encode(`[${part.length} chars]`)}`);
      continue;
    }
    const name = KEY_SHAPE.test(key) ? key : `[${key.length} chars]`;
    const encodedName = name === key && /^[A-Za-z0-9_.:-]*$/.test(rawKey) ? rawKey : encode(name);
    if (value === undefined) {
      out.push(encodedName);
      continue;
    }
    const base = key.split(':')[0]!;
    let kept: string;
    if (name !== key) kept = shapeOf(value);
    else if (SECRET_KEYS.test(key)) kept = '[redacted]';
    else if ((ALLOWED(base) && TOKEN.test(value)) || (QUERY_DATE_KEYS.has(base) && /^(?:[a-z]{2})?\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?$/.test(value))) kept = value;
    else kept = shapeOf(value);
    // As sent when kept as sent; otherwise the summary, encoded.
    out.push(kept === value && encodedName === rawKey ? part : `${encodedName}=${encode(kept)}`);
  }
  return out.join('&');
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** Authorization schemes (IANA's registry and common ones): the only first words shown. */
const SCHEMES = new Map(
  ['Basic', 'Bearer', 'Digest', 'DPoP', 'HOBA', 'Mutual', 'Negotiate', 'NTLM', 'OAuth', 'PrivateToken', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'vapid', 'AWS4-HMAC-SHA256', 'Token', 'BearerToken', 'Concealed', 'GNAP'].map((s) => [s.toLowerCase(), s]),
);

/**
 * `Bearer #1a2b3c4d`: a known scheme and a short hash, enough to tell two tokens
 * apart. Any other value, whatever its shape (a bare token, an unknown first
 * word, which may be the secret), is only `#1a2b3c4d`.
 */
export function fingerprintAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let fingerprint = fingerprints.get(header);
  if (fingerprint === undefined) {
    const match = /^\s*(\S+)\s+\S/.exec(header);
    const scheme = match ? SCHEMES.get(match[1]!.toLowerCase()) : undefined;
    fingerprint = `${scheme ? `${scheme} ` : ''}#${shortHash(header)}`;
    if (fingerprints.size >= 256) fingerprints.clear();
    // Only short headers are remembered: a huge one must not stay in memory.
    if (header.length <= 4096) fingerprints.set(header, fingerprint);
  }
  return fingerprint;
}

/**
 * A header sent with a subscription's callbacks, as the journal may keep it:
 * Authorization as above, any other value only as a short hash (a hook key is
 * a secret with no scheme in front).
 */
export function fingerprintHeader(name: string, value: string): string {
  return name.toLowerCase() === 'authorization' ? fingerprintAuthorization(value)! : `#${shortHash(value)}`;
}

/**
 * A callback URL as the journal may keep it: no user info, and each query value
 * only as its length (hook URLs often carry their key in the query, under any name).
 */
export function redactUrl(url: string): { path: string; query: string } {
  try {
    const parsed = new URL(url);
    const query = new URLSearchParams();
    for (const [key, value] of parsed.searchParams) query.append(key, `[${value.length} chars]`);
    return { path: `${parsed.protocol}//${parsed.host}${parsed.pathname}`, query: query.toString() };
  } catch {
    return { path: '[not a URL]', query: '' };
  }
}

/** The same, as one string. */
export function redactedUrl(url: string): string {
  const { path, query } = redactUrl(url);
  return query ? `${path}?${query}` : path;
}
