// How the doors send a subscription's change notification: one POST with fetch,
// the body in the subscription's media type, its header lines, and a deadline
// per attempt. Retries, backoff and the journal are the core's (core/deliveries.ts).
import type { Deliver } from './core/deliveries.ts';

/** How long one attempt may take before it counts as failed (and is retried). */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export interface FetchDeliveryOptions {
  /** Per attempt, in milliseconds (default 10 000). */
  timeoutMs?: number;
}

/** The subscription's own lines win, a Content-Type among them, as they would on the wire. */
function withContentType(headers: Record<string, string>, contentType: string): Record<string, string> {
  return Object.keys(headers).some((name) => name.toLowerCase() === 'content-type') ? headers : { 'content-type': contentType, ...headers };
}

export function fetchDelivery(options: FetchDeliveryOptions = {}): Deliver {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  return async (delivery, signal) => {
    const response = await fetch(delivery.endpoint, {
      method: 'POST',
      headers: withContentType(delivery.headers, delivery.contentType),
      body: JSON.stringify(delivery.body),
      // Whichever comes first: the attempt's deadline or a reset of the simulator.
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      redirect: 'manual',
    });
    // The answer's body is not read; release it so the socket can be reused. Not
    // awaited: under MSW's patched fetch the cancel never settles.
    void response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  };
}
