// A fuzz request put on the core (a SimRequest, as a correct door would build
// it) or on the wire (a request line, headers and body for the HTTP door).
import type { SimRequest } from '../../../mock-server/core/types.ts';
import type { WireRequest } from './http-sender.ts';
import { defineOwn } from './hostile-values.ts';
import { encodeComponent, onTheWire } from './percent-encoding.ts';
import type { FuzzRequest } from './request-arbitrary.ts';

export function queryStringOf(r: FuzzRequest): string {
  const pairs = r.query.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`);
  if (r.rawQuery) pairs.push(r.rawQuery);
  return pairs.join('&');
}

/** The query as a door must hand it on: own properties only, repeated keys as arrays. */
export function parseQuery(queryString: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString)) {
    const previous = Object.hasOwn(query, key) ? query[key] : undefined;
    defineOwn(query, key, previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value]);
  }
  return query;
}

export function authorizationFor(r: FuzzRequest, token: string): string | undefined {
  switch (r.auth) {
    case 'valid': return `Bearer ${token}`;
    case 'none': return undefined;
    case 'scheme': return `BearerToken ${token}`;
    case 'unknown': return 'Bearer 0123456789abcdef0123456789abcdef';
    case 'hostile': return r.hostileAuth;
  }
}

export function toSimRequest(r: FuzzRequest, token: string): SimRequest {
  const queryString = queryStringOf(r);
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(r.headers)) defineOwn(headers, name, value);
  const authorization = authorizationFor(r, token);
  if (authorization !== undefined) headers.authorization = authorization;
  // A door never hands a GET or HEAD body to the core.
  const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body;
  return { method: r.method, path: r.path, query: parseQuery(queryString), queryString, headers, body };
}

export function toWireRequest(r: FuzzRequest, token: string): WireRequest {
  const queryString = queryStringOf(r);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(r.headers)) if (name !== '__proto__') headers[name] = value;
  const authorization = authorizationFor(r, token);
  if (authorization !== undefined) headers.authorization = authorization;
  // Node's parser reads a TRACE (and a chunked HEAD) as bodiless: the body would be parsed as
  // the next request on the connection, a framing error of the client's, not the door's.
  const body = r.method === 'TRACE' || r.method === 'HEAD' ? undefined : r.body;
  return { method: r.method, target: onTheWire(r.path) + (queryString ? `?${onTheWire(queryString)}` : ''), headers, body };
}
