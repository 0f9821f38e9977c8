// What the journal may keep: no secrets, no tokens, nothing from a health record.
//
// An ALLOW-list, not a deny-list. A field's (or query parameter's) NAME is kept
// only when the spec names such a field (journal-vocabulary.ts) or it is a common
// name for a secret; any other name (data used as a key, a marker, a secret sent
// as a parameter name) is only counted. A VALUE is kept only under a name known
// to hold harmless values, and only when it has the shape such a value has: an
// id is digits (`123`, `Patient/123`), a status, type or other code is one the
// spec lists for that name, a count is digits, a sort names known fields. Every
// other value is kept as its shape: `[12 chars]`, `[date]`, `[number]`. Booleans
// and nulls are kept (one bit). Names that say "secret" are `[redacted]`.
// Bodies are also bounded (depth, fields, items, nodes), so the journal can
// never hold a large body, whatever its fields are called.
import { createHash } from 'node:crypto';
import { defaultJournalVocabulary, type JournalVocabulary } from './journal-vocabulary.ts';
import { CRITERIA_NAMES } from './notifications.ts';

export type { JournalVocabulary } from './journal-vocabulary.ts';

// `header` is a subscription's list of `Name: value` lines sent with each callback:
// it carries the hook's secret.
const SECRET_KEYS = /secret|token|pass|pwd|key|auth|credential|signature|bearer|cookie|session|otp|^pin$|^header$|^ssn$/i;
/** Common names of secrets: shown as names (with a `[redacted]` value) though the spec does not name them. */
const SECRET_NAMES = new Set([
  'password', 'passwd', 'pwd', 'pass', 'secret', 'client_secret', 'api_key', 'apikey', 'api-key', 'x-api-key', 'access_token', 'refresh_token',
  'id_token', 'token', 'auth', 'authorization', 'key', 'signature', 'sig', 'ssn', 'pin', 'otp', 'session', 'cookie', 'bearer', 'private_key',
  'credentials', 'header',
]);

/** Fields whose value is an id: kept when it looks like one (digits; `Patient/123`). */
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
/** An OAuth client id (not a secret; the journal shows which client asked): short, no spaces, no `@`. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:/+,-]{0,63}$/;
/** Ids in WellSky are digits; a reference names the resource first. */
const ID = /^(?:[A-Z][A-Za-z]{1,40}\/)?\d{1,20}$/;
const DIGITS = /^\d{1,9}$/;
const MEDIA_TYPE = /^(?:application|text|image|audio|video|multipart|font|model|message)\/[A-Za-z0-9.+-]{1,64}$/;
const KNOWN_CRITERIA = new Set(CRITERIA_NAMES);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const QUERY_DATE = /^(?:[a-z]{2})?\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?$/;
/** What a schema calls a field. */
const KEY_SHAPE = /^[A-Za-z_$][A-Za-z0-9_$.:-]{0,63}$/;

/** Bounds on what one journalled body may hold. */
export const BODY_LIMITS = { depth: 8, fields: 50, items: 20, nodes: 400 } as const;

/** Whether the journal may show this name: one the spec gives a field or parameter, or a common secret's name. */
function knownName(key: string, vocabulary: JournalVocabulary): boolean {
  if (!KEY_SHAPE.test(key)) return false;
  if (vocabulary.names.has(key) || ALLOWED(key) || QUERY_DATE_KEYS.has(key) || SECRET_NAMES.has(key.toLowerCase())) return true;
  // `last_name:contains`, `created:gt`: a known field with a modifier.
  const colon = key.indexOf(':');
  return colon > 0 && vocabulary.names.has(key.slice(0, colon)) && /^:[a-z]{1,12}$/.test(key.slice(colon));
}

/** Whether a string under an allow-listed name is shaped like what that name holds. */
function keptString(key: string, value: string, vocabulary: JournalVocabulary): boolean {
  if (ID_KEYS.has(key)) return key === 'client_id' ? TOKEN.test(value) : ID.test(value);
  if (CODE_KEYS.has(key)) {
    if (value === 'true' || value === 'false' || vocabulary.codes.get(key)?.has(value)) return true;
    if (key === 'criteria') return KNOWN_CRITERIA.has(value);
    if (key === 'contentType' || key === 'payload') return MEDIA_TYPE.test(value);
    return false;
  }
  if (key === '_sort') return value.length <= 200 && value.split(',').every((field) => vocabulary.names.has(field.replace(/^-/, '')));
  if (COUNT_KEYS.has(key)) return DIGITS.test(value);
  return false;
}

/** The shape of a value that is not kept. */
export function shapeOf(value: string): string {
  if (DATE.test(value)) return '[date]';
  if (DATE_TIME.test(value)) return '[date-time]';
  return `[${value.length} chars]`;
}

function keptScalar(key: string, value: unknown, vocabulary: JournalVocabulary): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return ALLOWED(key) ? value : '[number]';
  if (typeof value === 'string') return ALLOWED(key) && keptString(key, value, vocabulary) ? value : shapeOf(value);
  return `[${typeof value}]`;
}

export function redactBody(value: unknown, vocabulary: JournalVocabulary = defaultJournalVocabulary()): unknown {
  return redactValue('', value, 0, { nodes: 0 }, vocabulary);
}

function redactValue(key: string, value: unknown, depth: number, budget: { nodes: number }, vocabulary: JournalVocabulary): unknown {
  if (++budget.nodes > BODY_LIMITS.nodes) return '[more]';
  if (value === null || typeof value !== 'object') return keptScalar(key, value, vocabulary);
  if (depth >= BODY_LIMITS.depth) return '[deep]';
  if (Array.isArray(value)) {
    const out = value.slice(0, BODY_LIMITS.items).map((v) => redactValue(key, v, depth + 1, budget, vocabulary));
    if (value.length > BODY_LIMITS.items) out.push(`[+${value.length - BODY_LIMITS.items} items]`);
    return out;
  }
  const out: Record<string, unknown> = {};
  let fields = 0;
  let unknown = 0;
  const keys = Object.keys(value);
  for (const name of keys) {
    if (fields === BODY_LIMITS.fields) break;
    fields++;
    const v = (value as Record<string, unknown>)[name];
    // A name the spec does not give a field may itself be data (or a secret): counted, not shown.
    if (!knownName(name, vocabulary)) unknown++;
    else if (SECRET_KEYS.test(name)) out[name] = '[redacted]';
    // A subscription's endpoint: the host and path, each query value as its length.
    else if (name === 'endpoint' && typeof v === 'string') out[name] = redactedUrl(v);
    else out[name] = redactValue(name, v, depth + 1, budget, vocabulary);
  }
  if (unknown) out['[fields the spec does not name]'] = unknown;
  if (keys.length > fields) out['[more fields]'] = keys.length - fields;
  return out;
}

// A client sends the same header on every call until its token changes.
const fingerprints = new Map<string, string>();

/** As URLSearchParams writes a value (space as `+`), so summaries read as before. */
const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

/** The query string as the journal may keep it. */
// Clients repeat the same searches: a small memo keeps redaction off the hot path.
const redactedQueries = new WeakMap<JournalVocabulary, Map<string, string>>();

export function redactQuery(query: string, vocabulary: JournalVocabulary = defaultJournalVocabulary()): string {
  if (query === '') return query;
  let memo = redactedQueries.get(vocabulary);
  if (!memo) redactedQueries.set(vocabulary, (memo = new Map()));
  let redacted = memo.get(query);
  if (redacted === undefined) {
    redacted = redactQueryNow(query, vocabulary);
    if (memo.size >= 256) memo.clear();
    // Only short queries are remembered: a huge one must not stay in memory.
    if (query.length <= 2048) memo.set(query, redacted);
  }
  return redacted;
}

function redactQueryNow(query: string, vocabulary: JournalVocabulary): string {
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
    const name = knownName(key, vocabulary) ? key : `[${key.length} chars]`;
    const encodedName = name === key && /^[A-Za-z0-9_.:-]*$/.test(rawKey) ? rawKey : encode(name);
    if (value === undefined) {
      out.push(encodedName);
      continue;
    }
    const base = key.split(':')[0]!;
    let kept: string;
    if (name !== key) kept = shapeOf(value);
    else if (SECRET_KEYS.test(key)) kept = '[redacted]';
    else if ((ALLOWED(base) && keptString(base, value, vocabulary)) || (QUERY_DATE_KEYS.has(base) && QUERY_DATE.test(value))) kept = value;
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

/** Query names a hook URL commonly carries its key under: shown as names, values only as lengths. */
const CALLBACK_QUERY_NAMES = new Set(['key', 'code', 'token', 'sig', 'signature', 'secret', 'api_key', 'apikey', 'access_token', 'auth', 'hmac', 'v', 'version', 'source', 'tenant']);
/** A path segment shown as written: a word (`hooks`, `wellsky-notify`), a version, a short number. Anything else may be a key. */
const PLAIN_SEGMENT = /^(?:[A-Za-z][A-Za-z_-]{0,23}|v\d{1,2}|\d{1,12})$/;

/**
 * A callback URL as the journal may keep it: no user info, path segments that are
 * not plain words only as lengths (hook URLs put their key in the path too), each
 * query value only as its length and names that are not common key names too (a
 * bare `?<key>` is a name).
 */
export function redactUrl(url: string): { path: string; query: string } {
  try {
    const parsed = new URL(url);
    const query = new URLSearchParams();
    for (const [key, value] of parsed.searchParams) query.append(CALLBACK_QUERY_NAMES.has(key.toLowerCase()) ? key : `[${key.length} chars]`, `[${value.length} chars]`);
    const path = parsed.pathname
      .split('/')
      .map((segment) => (segment === '' || PLAIN_SEGMENT.test(segment) ? segment : `[${segment.length} chars]`))
      .join('/');
    return { path: `${parsed.protocol}//${parsed.host}${path}`, query: query.toString() };
  } catch {
    return { path: '[not a URL]', query: '' };
  }
}

/** The same, as one string. */
export function redactedUrl(url: string): string {
  const { path, query } = redactUrl(url);
  return query ? `${path}?${query}` : path;
}
