// Building plain responses, and the two body shapes the API answers with:
// WellSky's `{"error": ...}` and the gateway's `{"message": ...}`.
import { RawJson } from './json-cache.ts';
import type { SimResponse } from './types.ts';

const JSON_TYPE = 'application/json';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  const text = body instanceof RawJson ? body.text : JSON.stringify(body);
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: text, transport: { kind: 'respond' } };
}

export function textResponse(status: number, body: string, contentType: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body, transport: { kind: 'respond' } };
}

/** WellSky's own error body: 400 bad format, 403 refused, 404 not found, 422 validation failed. */
export function wellSkyError(status: number, error: string, extra: Record<string, unknown> = {}): SimResponse {
  return jsonResponse(status, { error, ...extra });
}

/** The API gateway's body, for requests that never reached WellSky. */
export function gatewayError(status: number, message: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { message }, headers);
}

/** A thrown HttpError becomes this response; handlers use it to stop early with a clear message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The rule the journal names for this answer (e.g. `by-the-docs:<quirk>`). */
    readonly rule?: string,
  ) {
    super(message);
  }
  toResponse(): SimResponse {
    return wellSkyError(this.status, this.message);
  }
}
