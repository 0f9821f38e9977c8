// What the journal may keep: no secrets, no tokens, nothing from a health record.
import { createHash } from 'node:crypto';

// `header` is a subscription's list of `Name: value` lines sent with each callback:
// it carries the hook's secret.
const SECRET_KEYS = /secret|token|passw|pwd|api[-_]?key|authorization|credential|^header$|^ssn$/i;
// People and their health: who they are (names, contacts, birth dates) and what
// is written about them (notes, task text, attachments). The journal keeps the
// shape of a body and the length of these values, never the values.
const PERSONAL_KEYS =
  /^(comment|generalComment|description|note|notes|diagnosis|data|title|text|reasonCode|given|family|line|postalCode|value|birthDate|maritalStatus|first_name|last_name|home_phone|mobile_phone|work_phone|external_id|community_name|position|latitude|longitude|name|phone)$/i;
// Meta tags whose display is free text about a person (a prospect's notes).
const FREE_TEXT_TAGS = new Set(['notes']);

export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redactBody(v, depth + 1));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const freeTextTag = FREE_TEXT_TAGS.has(String((value as { code?: unknown }).code));
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.test(key)) out[key] = '[redacted]';
    // A subscription's endpoint may carry the hook's key in its query string.
    else if (key === 'endpoint' && typeof v === 'string') out[key] = redactedUrl(v);
    else if (freeTextTag && key === 'display') out[key] = summarise(v);
    else if (PERSONAL_KEYS.test(key)) out[key] = summarise(v);
    else out[key] = redactBody(v, depth + 1);
  }
  return out;
}

// A client sends the same header on every call until its token changes.
const fingerprints = new Map<string, string>();

function summarise(value: unknown): unknown {
  if (typeof value === 'string') return `[${value.length} chars]`;
  if (Array.isArray(value)) return value.map(summarise);
  if (value && typeof value === 'object') return redactBody(value, 1);
  return value;
}

// Search parameters that carry a secret or say who someone is.
const SENSITIVE_QUERY = /(?:^|&)(?:[^=&]*(?:secret|token|passw|pwd|key|credential|phone|name|family|external_id)[^=&]*)=/i;

/** The query string with the values of secret and personal parameters replaced by their length. */
export function redactQuery(query: string): string {
  // Test the decoded keys too: `na%6De=` is `name=`.
  if (!SENSITIVE_QUERY.test(query) && !(query.includes('%') && SENSITIVE_QUERY.test(safelyDecoded(query)))) return query;
  const params = new URLSearchParams(query);
  const out = new URLSearchParams();
  for (const [key, value] of params) {
    out.append(key, /secret|token|passw|pwd|key|credential/i.test(key) ? '[redacted]' : /phone|name|family|external_id/i.test(key) ? `[${value.length} chars]` : value);
  }
  return out.toString();
}

function safelyDecoded(query: string): string {
  try {
    return decodeURIComponent(query);
  } catch {
    return query;
  }
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * `Bearer #1a2b3c4d`: the scheme and a short hash, enough to tell two tokens
 * apart. A value with no scheme (a bare token) is only `#1a2b3c4d`: its first
 * word is the secret.
 */
export function fingerprintAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let fingerprint = fingerprints.get(header);
  if (fingerprint === undefined) {
    const [first, ...rest] = header.trim().split(/\s+/);
    const scheme = rest.length > 0 && /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(first!) ? `${first} ` : '';
    fingerprint = `${scheme}#${shortHash(header)}`;
    if (fingerprints.size >= 256) fingerprints.clear();
    fingerprints.set(header, fingerprint);
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
