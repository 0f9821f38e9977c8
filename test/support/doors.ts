// The two doors onto the simulator, behind one small interface, so a shared
// suite proves a behaviour holds through express (supertest) and through MSW.
import { setupServer } from 'msw/node';
import supertest from 'supertest';
import { createMockServer } from '../../mock-server/http.ts';
import { createMswMock, DEFAULT_BASE_URL } from '../../mock-server/msw.ts';
import type { Simulator, SimulatorOptions } from '../../mock-server/core/simulator.ts';

export interface DoorResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json(): any;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
}

export interface Door {
  name: 'express' | 'msw';
  simulator: Simulator;
  request(path: string, init?: RequestInit): Promise<DoorResponse>;
  close(): Promise<void>;
}

export const DOOR_KINDS = ['express', 'msw'] as const;

function encode(path: string, init: RequestInit): { headers: Record<string, string>; body?: string } {
  const headers = { ...(init.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  // A control write says application/json even without a body, as the control API requires.
  const controlWrite = path.startsWith('/__admin') && !['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase());
  if (init.body === undefined) return { headers: controlWrite && !hasType ? { ...headers, 'content-type': 'application/json' } : headers };
  if (typeof init.body === 'string') return { headers, body: init.body };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return { headers, body: JSON.stringify(init.body) };
}

function wrap(status: number, headers: Record<string, string>, text: string): DoorResponse {
  return { status, headers, text, json: () => JSON.parse(text) };
}

let mswServer: ReturnType<typeof setupServer> | undefined;

export async function openDoor(kind: 'express' | 'msw', options: SimulatorOptions = {}): Promise<Door> {
  if (kind === 'express') {
    const app = createMockServer(options);
    const agent = supertest(app);
    return {
      name: 'express',
      simulator: app.simulator,
      async request(path, init = {}) {
        const { headers, body } = encode(path, init);
        const method = (init.method ?? 'GET').toLowerCase() as 'get';
        let req = agent[method](path).buffer(true).parse((res, done) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (data += chunk));
          res.on('end', () => done(null, data));
        });
        for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
        if (body !== undefined) req = req.send(body);
        const res = await req;
        return wrap(res.status, res.headers as Record<string, string>, res.body as string);
      },
      close: async () => {},
    };
  }
  const { handlers, simulator } = createMswMock(options);
  mswServer?.close();
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  mswServer = server;
  return {
    name: 'msw',
    simulator,
    async request(path, init = {}) {
      const { headers, body } = encode(path, init);
      const res = await fetch(`${DEFAULT_BASE_URL}${path}`, { method: init.method ?? 'GET', headers, body });
      const out: Record<string, string> = {};
      res.headers.forEach((v, k) => (out[k] = v));
      return wrap(res.status, out, await res.text());
    },
    close: async () => {
      mswServer?.close();
      mswServer = undefined;
    },
  };
}

export const MOCK_CREDENTIALS = { grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' };

/** A fresh token through the door. */
export async function token(door: Door): Promise<string> {
  const res = await door.request('/oauth/accesstoken', { method: 'POST', body: MOCK_CREDENTIALS });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  // As a robust client does: the live name first, the documented one as a fallback.
  const body = res.json();
  return body.access_token ?? body.auth_token;
}

export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

/** Bundle entries, bare or wrapped. */
export function entries(bundle: { entry?: unknown[] }): any[] {
  return (bundle.entry ?? []).map((e: any) => (e && typeof e === 'object' && 'resource' in e ? e.resource : e));
}
