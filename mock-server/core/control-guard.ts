// Who may reach the control API and the inspector (/__admin/) through the HTTP
// door. The mock runs next to the developer's browser: a web page must not be
// able to drive it (foreign Origin), read it through DNS rebinding (foreign
// Host), or frame the inspector (see the page's own headers in admin.ts). When
// the door listens beyond loopback, a control token printed at start is required.
// The API routes (/v1/, /oauth/) are not guarded: Gigi and Prism call them.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { jsonResponse } from './responses.ts';
import type { SimRequest, SimResponse } from './types.ts';

export const CONTROL_TOKEN_HEADER = 'x-mock-control-token';

export interface ControlGuard {
  /**
   * The Host header values (lower case, `name:port`) the control API answers.
   * Undefined: any loopback name (127.0.0.1, localhost, [::1]) at any port, for a
   * door that does not know its own port (an express app mounted by its user).
   */
  hosts?: ReadonlySet<string>;
  /**
   * Required in X-Mock-Control-Token on every /__admin/ request (the inspector
   * page itself may take it as `?token=`, since a browser cannot add a header to
   * a navigation). With a token the Host is not checked: the token is the guard.
   */
  token?: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export const isControlPath = (path: string) => path === '/__admin' || path.startsWith('/__admin/');

/** A name that stays on this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The Host values a door listening on `boundHost:port` answers the control API on. */
export function loopbackHosts(port: number, boundHost?: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (boundHost && !['0.0.0.0', '::', ''].includes(boundHost)) names.add(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost);
  return new Set([...names].map((name) => `${name.toLowerCase()}:${port}`));
}

export const newControlToken = () => randomBytes(24).toString('base64url');

const refuse = (status: number, error: string) => jsonResponse(status, { error }, { 'cache-control': 'no-store' });

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostAllowed(guard: ControlGuard, host: string): boolean {
  if (guard.hosts) return guard.hosts.has(host);
  const name = host.replace(/:\d{1,5}$/, '');
  return LOOPBACK_NAMES.includes(name);
}

/** A refusal for a /__admin/ request this door must not answer, or undefined to let it through. */
export function checkControlRequest(guard: ControlGuard, request: SimRequest): SimResponse | undefined {
  const host = (request.headers.host ?? '').trim().toLowerCase();
  if (guard.token !== undefined) {
    const page = request.method === 'GET' && /^\/__admin\/?$/.test(request.path) ? request.query.token : undefined;
    const given = request.headers[CONTROL_TOKEN_HEADER] ?? (typeof page === 'string' ? page : undefined);
    if (given === undefined || !sameSecret(given, guard.token)) {
      return refuse(401, `this mock listens beyond loopback: the control API needs the control token printed at start, in the X-Mock-Control-Token header (the inspector page: /__admin/?token=<token>)`);
    }
  } else if (!hostAllowed(guard, host)) {
    const allowed = guard.hosts ? [...guard.hosts].join(', ') : `${LOOPBACK_NAMES.join(', ')} (any port)`;
    return refuse(403, `Host "${host}" is not this mock: the control API answers only ${allowed} (a guard against DNS rebinding)`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.trim().toLowerCase() !== `http://${host}`) {
    return refuse(403, `Origin "${origin}" is not this mock (http://${host}): the control API answers only its own inspector page and clients that are not web pages`);
  }
  return undefined;
}
