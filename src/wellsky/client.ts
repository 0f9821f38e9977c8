// Gigi's WellSky client. Paths are keys of the generated `paths` type, so a path
// that is not in the spec (`/v1/Practitioner`, `/v1/v1/…`, a missing trailing
// slash) does not compile. Every call: a token from the token manager, sent as
// `Bearer` whatever token_type says; once more with a fresh token after a 401;
// the transport's limits, timeout and retries; a WellSkyError naming the kind
// of failure. In read-only mode a write is refused before any byte leaves.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../generated/wellsky.ts';
import type { Clock } from '../clock.ts';
import type { WellSkySettings } from '../config.ts';
import { entriesOf } from './bundle.ts';
import { classifyResponse, WellSkyError } from './failures.ts';
import { TokenManager, type Credentials } from './token-manager.ts';
import { pathOnly, Transport } from './transport.ts';

/** The settings the client takes from the configuration (what each means: src/config.ts). */
export type ClientLimits = Pick<WellSkySettings, 'allowWrites' | 'timeoutMs' | 'maxAttempts' | 'retryBudgetMs' | 'rateLimitPerSecond' | 'maxConcurrent' | 'tokenRefreshMarginSeconds'>;

export interface WellSkyClientOptions extends ClientLimits {
  /** The host only; the client adds /oauth/accesstoken and /v1/ (paths carry it). */
  baseUrl: string;
  credentials: Credentials;
  clock: Clock;
  fetch?: typeof fetch;
}

export interface WellSkyClient {
  /** The typed API (openapi-fetch). A failed call rejects with a WellSkyError; `data` is then always there. */
  api: Client<paths>;
  tokens: TokenManager;
  close(): Promise<void>;
}

// The search routes, `POST /v1/<collection>/_search/`: three segments, the last literal.
const SEARCH_ROUTE = /^\/v1\/[A-Za-z]+\/_search\/$/;

/**
 * A write changes WellSky: every PUT and DELETE, and every POST but the searches.
 * Decided by method and route shape, so an id that happens to read `_search`
 * in `PUT /v1/patients/{id}/` is still a write.
 */
export function isWrite(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  return !(method === 'POST' && SEARCH_ROUTE.test(pathOnly(path)));
}

/** Set on every answer the client hands back: the id support can quote. */
export const REQUEST_ID_HEADER = 'x-gigi-request-id';
/** Set likewise: the method and path (no query) the answer is for. */
export const REQUEST_HEADER = 'x-gigi-request';

/**
 * The entries of a search answer. A success that is not a Bundle is a
 * malformed-response with the route, status and request id; its values are
 * not repeated (they may be a person's record).
 */
export function entriesFrom<T = Record<string, unknown>>(result: { data?: unknown; response: Response }): T[] {
  try {
    return entriesOf<T>(result.data);
  } catch (error) {
    const [method = '?', path = '?'] = (result.response.headers.get(REQUEST_HEADER) ?? '').split(' ');
    throw new WellSkyError({
      kind: 'malformed-response',
      detail: (error as Error).message,
      method,
      path,
      status: result.response.status,
      requestId: result.response.headers.get(REQUEST_ID_HEADER) ?? 'unknown',
    });
  }
}

export function createWellSkyClient(options: WellSkyClientOptions): WellSkyClient {
  const transport = new Transport(options);
  const tokens = new TokenManager(transport, options.credentials, options.clock, options.tokenRefreshMarginSeconds);
  const origin = new URL(options.baseUrl).origin;

  async function send(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    const method = request.method.toUpperCase();
    if (isWrite(method, path) && !options.allowWrites) {
      throw new WellSkyError({
        kind: 'writes-disabled',
        detail: 'live mode is read-only: set WELLSKY_ALLOW_WRITES=true to let Gigi change WellSky records',
        method,
        path: pathOnly(path),
        requestId: 'not-sent',
        attempts: 0,
      });
    }
    const body = request.body ? await request.text() : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const idempotent = !isWrite(method, path);

    let refreshed = false;
    for (;;) {
      const token = await tokens.token();
      // The scheme is `Bearer`, whatever the token answer's token_type says ("BearerToken" live).
      const res = await transport.send({ method, path, headers: { ...headers, authorization: `Bearer ${token}` }, body, idempotent });
      if (res.status === 401 && !refreshed) {
        // Once, never in a loop: the token may have expired or been revoked since.
        tokens.invalidate(token);
        refreshed = true;
        continue;
      }
      const failure = classifyResponse({ status: res.status, headers: res.headers, body: res.body, now: options.clock.now() });
      if (failure) throw new WellSkyError({ ...failure, method, path: pathOnly(path), status: res.status, requestId: res.requestId, attempts: res.attempts });
      const answered = new Headers(res.headers);
      // What was asked, so a caller that finds the body of the wrong shape can say where.
      answered.set(REQUEST_ID_HEADER, res.requestId);
      answered.set(REQUEST_HEADER, `${method} ${pathOnly(path)}`);
      return new Response(res.status === 204 ? null : res.body, { status: res.status, headers: answered });
    }
  }

  const api = createClient<paths>({ baseUrl: origin, fetch: send });
  return { api, tokens, close: () => transport.close() };
}
