// What went wrong with a WellSky call, named by kind from the status, headers
// and body alone. Written from what is known of the API (the gateway's two 403
// messages, RFC 6750 bearer errors, WellSky's {"error": ...} bodies), not from
// the simulated WellSky's code: the two sides are written apart, so one wrong
// reading of the API cannot pass on both. doctor and the repro pack use this too.

export const FAILURE_KINDS = [
  'unknown-route',
  'auth-scheme',
  'token-rejected',
  'token-expired',
  'bad-credentials',
  'token-response-unusable',
  'not-provisioned',
  'not-found',
  'validation',
  'rate-limited',
  'upstream-down',
  'timeout',
  'connection-reset',
  'host-not-found',
  'malformed-response',
  'writes-disabled',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface FailureFacts {
  kind: FailureKind;
  /** One line a person can read: what came back, never a token or secret. */
  detail: string;
  /** The field a validation error names, when it names one. */
  field?: string;
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  retryAfterSeconds?: number;
}

/** A failed WellSky call. Carries what support needs; never the token, the secret or the query string. */
export class WellSkyError extends Error {
  readonly kind: FailureKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly requestId: string;
  readonly detail: string;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  /** How many times the call was sent before giving up. */
  readonly attempts: number;

  constructor(facts: FailureFacts & { method: string; path: string; status?: number; requestId: string; attempts?: number }) {
    super(`${facts.kind}: ${facts.method} ${facts.path}${facts.status ? ` → ${facts.status}` : ''}: ${facts.detail}`);
    this.name = 'WellSkyError';
    this.kind = facts.kind;
    this.method = facts.method;
    this.path = facts.path;
    if (facts.status !== undefined) this.status = facts.status;
    this.requestId = facts.requestId;
    this.detail = facts.detail;
    if (facts.field !== undefined) this.field = facts.field;
    if (facts.retryAfterSeconds !== undefined) this.retryAfterSeconds = facts.retryAfterSeconds;
    this.attempts = facts.attempts ?? 1;
  }

  toJSON() {
    const { kind, method, path, status, requestId, detail, field, retryAfterSeconds, attempts } = this;
    return { kind, method, path, status, requestId, detail, field, retryAfterSeconds, attempts };
  }
}

export interface ResponseFacts {
  status: number;
  headers: Headers;
  body: string;
  /** The token call answers for the credentials, not for a token. */
  tokenCall?: boolean;
  /** Now, in epoch ms (for a Retry-After given as a date). */
  now: number;
}

// The API gateway's own answers for a method and path it has no route for. Live,
// the first came back for every wrong path sent with an Authorization header.
const GATEWAY_NO_ROUTE = [/^Invalid key=value pair \(missing equal-sign\) in Authorization header/, /^Missing Authentication Token$/];

/** The failure this answer is, or undefined when it is a usable success. */
export function classifyResponse(r: ResponseFacts): FailureFacts | undefined {
  const json = parseJson(r.body);
  const message = typeof json?.message === 'string' ? json.message : undefined;
  const error = typeof json?.error === 'string' ? json.error : undefined;
  const retryAfterSeconds = retryAfter(r.headers.get('retry-after'), r.now);
  const firstLine = summarise(r.body);

  if (r.status >= 200 && r.status < 300) {
    if (r.status === 204) return undefined;
    if (json === undefined) return { kind: 'malformed-response', detail: r.body.trim() === '' ? 'an empty body where JSON was expected' : `not JSON: ${firstLine}` };
    return undefined;
  }
  if (r.status === 403 && message !== undefined && GATEWAY_NO_ROUTE.some((re) => re.test(message))) {
    return { kind: 'unknown-route', detail: `the API gateway has no such route: "${message.replace(/'[^']*'/, "'…'")}"` };
  }
  if (r.status === 401) {
    if (r.tokenCall) return { kind: 'bad-credentials', detail: `the token call refused the client id and secret: ${error ?? firstLine}` };
    const challenge = r.headers.get('www-authenticate') ?? '';
    const code = challenge.match(/error="([^"]+)"/)?.[1];
    const description = challenge.match(/error_description="((?:[^"\\]|\\.)*)"/)?.[1]?.replace(/\\(.)/g, '$1') ?? '';
    if (code === 'invalid_request' && /scheme|bearer/i.test(description)) return { kind: 'auth-scheme', detail: `the Authorization header's scheme was refused: ${description}` };
    if (code === 'invalid_token' && /expired/i.test(description)) return { kind: 'token-expired', detail: `the access token expired: ${description}` };
    if (code === 'invalid_request' && /missing|no authorization/i.test(description)) return { kind: 'auth-scheme', detail: `no usable Authorization header was sent: ${description}` };
    return { kind: 'token-rejected', detail: `the access token was refused${description ? `: ${description}` : ''}` };
  }
  if (r.status === 403) {
    if (r.tokenCall) return { kind: 'bad-credentials', detail: `the token call was forbidden: ${error ?? message ?? firstLine}` };
    return { kind: 'not-provisioned', detail: `WellSky refused this resource for these credentials: ${error ?? message ?? firstLine}` };
  }
  if (r.status === 404) return { kind: 'not-found', detail: error ?? firstLine };
  // OAuth's own answers for credentials it does not take (RFC 6749 §5.2).
  if (r.tokenCall && r.status === 400 && /^(invalid_client|invalid_grant|unauthorized_client)$/.test(error ?? '')) {
    return { kind: 'bad-credentials', detail: `the token call refused the client id and secret: ${error}` };
  }
  if (r.status === 400 || r.status === 422) {
    const text = error ?? message ?? firstLine;
    const field = text.match(/^([A-Za-z_.[\]0-9:-]+):\s/)?.[1];
    return { kind: 'validation', detail: text, ...(field ? { field } : {}) };
  }
  if (r.status === 429) return { kind: 'rate-limited', detail: message ?? error ?? 'too many requests', ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  if (r.status >= 500) {
    const html = /^\s*</.test(r.body) ? ' (an HTML error page)' : '';
    return { kind: 'upstream-down', detail: `${r.status}${html}: ${message ?? error ?? firstLine}`, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  return { kind: 'malformed-response', detail: `unexpected status ${r.status}: ${firstLine}` };
}

/** A call that got no answer: the network, or our own timeout. */
export function classifyThrown(error: unknown, timedOut: boolean): FailureFacts {
  if (timedOut) return { kind: 'timeout', detail: 'no answer within the time allowed' };
  const codes = causeCodes(error);
  // A host name that does not resolve is a setting to fix, not WellSky being down.
  if (codes.includes('ENOTFOUND')) return { kind: 'host-not-found', detail: 'the host name does not resolve; check WELLSKY_BASE_URL' };
  if (codes.some((c) => ['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(c))) {
    return { kind: 'upstream-down', detail: `could not connect (${codes.join(', ')})` };
  }
  const text = codes.length ? codes.join(', ') : error instanceof Error ? error.message : String(error);
  return { kind: 'connection-reset', detail: `the connection closed without an answer (${text})` };
}

/** The kinds worth another try for a read: the answer may differ in a moment. */
export function isTransient(kind: FailureKind): boolean {
  return kind === 'rate-limited' || kind === 'upstream-down' || kind === 'connection-reset';
}

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function summarise(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line || '(empty body)';
}

/** Retry-After as seconds: a number, or an HTTP date. */
function retryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Else only an HTTP date (RFC 9110 §10.2.3); "1.5" or "soon" says nothing usable.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
