// The MSW door onto the simulator: in-process, no socket. The same core answers,
// so a behaviour tested through express holds here too.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { createSimulator, type Simulator, type SimulatorOptions } from './core/simulator.ts';
import { fetchDelivery } from './fetch-delivery.ts';
import { readBoundedBody } from './core/request-body.ts';
import { queryFromPairs } from './core/query-params.ts';

export const DEFAULT_BASE_URL = 'https://connect.clearcareonline.com';

export type MswMockOptions = SimulatorOptions & {
  /** The origin the client under test calls (default the production host). */
  baseUrl?: string;
  /** Use this simulator instead of building one; it keeps its own `deliver`. */
  simulator?: Simulator;
  /** How long one attempt to deliver a subscription's notification may take (default 10 000 ms). */
  deliveryTimeoutMs?: number;
};

export function createMswMock(options: MswMockOptions = {}): { handlers: HttpHandler[]; simulator: Simulator } {
  // Notifications go out through the global fetch, which MSW patches: a test may
  // catch them with a handler for the endpoint, or let them through to a real receiver.
  const simulator = options.simulator ?? createSimulator({ ...options, deliver: options.deliver ?? fetchDelivery({ timeoutMs: options.deliveryTimeoutMs }) });
  const origin = new URL(options.baseUrl ?? DEFAULT_BASE_URL).origin;
  // A regular expression, not a path pattern: MSW's pattern matcher decodes the
  // path and throws on malformed percent-encoding before the simulator could answer.
  const everything = new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`);
  const handler = http.all(everything, async ({ request }) => {
    const url = new URL(request.url);
    const query = queryFromPairs(url.searchParams);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBoundedBody(request.body as AsyncIterable<Uint8Array> | null);
    const response = await simulator.handle({ method: request.method, path: url.pathname, query, queryString: url.search.slice(1), headers, body });
    if (response.transport.kind === 'reset') return HttpResponse.error();
    if (response.transport.kind === 'hang') {
      // Never answer; the client's AbortSignal (its timeout) ends the wait. Nobody
      // reads what comes after that, so end quietly rather than throw into MSW.
      await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
      return HttpResponse.error();
    }
    return new HttpResponse(response.body === '' ? null : response.body, { status: response.status, headers: response.headers });
  });
  return { handlers: [handler], simulator };
}

/** MSW handlers for `setupServer(...createMswHandlers(options))`. */
export function createMswHandlers(options: MswMockOptions = {}): HttpHandler[] {
  return createMswMock(options).handlers;
}
