// Records every exchange at the client's fetch boundary: what went out and what
// came back, byte for byte, with timings. What it holds is raw (tokens,
// credentials, health data) and stays in memory: everything written from it
// goes through the Redactor first, which the recorder feeds the secrets it sees.
import type { Clock } from '../clock.ts';
import { TOKEN_PATH } from '../wellsky/token-manager.ts';
import type { Redactor } from './redaction.ts';

export interface RecordedExchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** Epoch ms. */
  startedAt: number;
  /** Until the status and headers came. */
  waitMs: number;
  /** Reading the body. */
  receiveMs: number;
  status?: number;
  statusText?: string;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** Why no answer came (a timeout, a reset, a name that does not resolve). */
  error?: string;
  /** The transport's request id (x-request-id): the one the doctor's evidence quotes. */
  requestId?: string;
  tokenCall: boolean;
}

export interface Recorder {
  fetch: typeof fetch;
  exchanges: RecordedExchange[];
}

const TOKEN_FIELDS = ['access_token', 'auth_token', 'graphql_token', 'drf_token', 'refresh_token'];

export function createRecorder(options: { clock: Clock; redactor: Redactor; fetch?: typeof fetch }): Recorder {
  const exchanges: RecordedExchange[] = [];
  const inner = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const { clock, redactor } = options;

  const learnSecrets = (exchange: RecordedExchange) => {
    const auth = Object.entries(exchange.requestHeaders).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    if (auth) redactor.addSecret(auth.replace(/^\S+\s+/, ''), '$WELLSKY_TOKEN');
    if (!exchange.tokenCall) return;
    for (const body of [exchange.requestBody, exchange.responseBody]) {
      const fields = parseFields(body);
      redactor.addSecret(fields.client_secret, '$WELLSKY_CLIENT_SECRET');
      redactor.addSecret(fields.client_id, '$WELLSKY_CLIENT_ID');
      for (const f of TOKEN_FIELDS) redactor.addSecret(fields[f], '$WELLSKY_TOKEN');
    }
  };

  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = request.url;
    const requestHeaders: Record<string, string> = {};
    request.headers.forEach((value, name) => (requestHeaders[name] = value));
    const requestBody = init?.body !== undefined && init.body !== null ? await request.clone().text() : undefined;
    const exchange: RecordedExchange = {
      method: request.method,
      url,
      requestHeaders,
      ...(requestBody !== undefined ? { requestBody } : {}),
      startedAt: clock.now(),
      waitMs: 0,
      receiveMs: 0,
      tokenCall: new URL(url).pathname === TOKEN_PATH,
      ...(requestHeaders['x-request-id'] ? { requestId: requestHeaders['x-request-id'] } : {}),
    };
    exchanges.push(exchange);
    learnSecrets(exchange);
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      exchange.waitMs = clock.now() - exchange.startedAt;
      exchange.error = describe(error);
      throw error;
    }
    const headersAt = clock.now();
    exchange.waitMs = headersAt - exchange.startedAt;
    exchange.status = response.status;
    exchange.statusText = response.statusText;
    exchange.responseHeaders = {};
    response.headers.forEach((value, name) => (exchange.responseHeaders![name] = value));
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      exchange.receiveMs = clock.now() - headersAt;
      exchange.error = describe(error);
      throw error;
    }
    exchange.receiveMs = clock.now() - headersAt;
    exchange.responseBody = body;
    learnSecrets(exchange);
    const headers = new Headers(response.headers);
    // The body is handed on decoded: its encoding and length no longer apply.
    headers.delete('content-encoding');
    headers.delete('content-length');
    const noBody = response.status === 204 || response.status === 304 || request.method === 'HEAD';
    return new Response(noBody ? null : body, { status: response.status, statusText: response.statusText, headers });
  };
  return { fetch: recording, exchanges };
}

function parseFields(body: string | undefined): Record<string, string | undefined> {
  if (!body) return {};
  try {
    const value: unknown = JSON.parse(body);
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  } catch {
    return Object.fromEntries(new URLSearchParams(body));
  }
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}
