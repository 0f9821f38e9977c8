// What the journal may keep: no secrets, no tokens, nothing from a health record.
import { createHash } from 'node:crypto';

const SECRET_KEYS = /secret|token|password|authorization|client_secret/i;
// Health data rides in notes and task text; the journal keeps their length only.
const HEALTH_KEYS = /^(comment|description|note|notes|diagnosis|data)$/i;

export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redactBody(v, depth + 1));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.test(key)) out[key] = '[redacted]';
    else if (HEALTH_KEYS.test(key) && typeof v === 'string') out[key] = `[${v.length} chars]`;
    else out[key] = redactBody(v, depth + 1);
  }
  return out;
}

// A client sends the same header on every call until its token changes.
const fingerprints = new Map<string, string>();

/** `Bearer #1a2b3c4d`: the scheme and a short hash, enough to tell two tokens apart. */
export function fingerprintAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let fingerprint = fingerprints.get(header);
  if (fingerprint === undefined) {
    const [scheme] = header.trim().split(/\s+/);
    fingerprint = `${scheme} #${createHash('sha256').update(header).digest('hex').slice(0, 8)}`;
    if (fingerprints.size >= 256) fingerprints.clear();
    fingerprints.set(header, fingerprint);
  }
  return fingerprint;
}
