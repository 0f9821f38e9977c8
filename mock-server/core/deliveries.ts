// Subscriptions' change notifications on their way out. A store write that fires
// an active subscription's criteria (notifications.ts) becomes a delivery, POSTed
// through an injected port: the doors supply one over fetch, the core has no
// transport. A failed attempt (no answer, or not a 2xx) is retried after a
// backoff waited out through the simulator's `sleep`, so a test pays no real
// seconds. Every attempt goes into the request journal with header values only
// as fingerprints; a reset drops whatever is still pending.
import { performance } from 'node:perf_hooks';
import type { DeliveryAttemptNote, Journal } from './journal.ts';
import { notificationFor, type Notification } from './notifications.ts';
import { fingerprintAuthorization, fingerprintHeader, redactedUrl, redactUrl } from './redact.ts';
import type { Collection, ResourceRecord, StoreChange } from './store.ts';

/** Waits before the 2nd, 3rd and 4th attempt: four attempts in all. A mock choice; WellSky's own schedule is not known. */
export const DEFAULT_DELIVERY_BACKOFF_MS: readonly number[] = [1000, 4000, 16000];
/** The callback's media type when the subscription's `channel.payload` names none. */
export const DEFAULT_PAYLOAD = 'application/fhir+json';
/** The spec's name for the callback (`createSubscription`'s `callbacks`). */
const CALLBACK_OPERATION = 'receiveSubscriptionNotification';
/** Deliveries /__admin/deliveries remembers; older ones are forgotten (the journal keeps their attempts). */
const LOG_CAPACITY = 500;

/** One notification for one subscription, as the port sends it. */
export interface Delivery {
  /** Numbered from 1 for the simulator's life; the journal and /__admin/deliveries use it. */
  id: number;
  subscriptionId: string;
  /** The subscription's criteria that fired. */
  criteria: string;
  /** `channel.endpoint`, as stored. */
  endpoint: string;
  /** The subscription's `channel.header` lines as name → value (repeated names joined with `, `). */
  headers: Record<string, string>;
  /** `channel.payload`, else application/fhir+json: the body's Content-Type. */
  contentType: string;
  body: Notification['body'];
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * Sends one attempt and says what the receiver answered; a throw means no answer.
 * `signal` aborts when the simulator is reset (the attempt is then dropped).
 */
export type Deliver = (delivery: Delivery, signal: AbortSignal) => Promise<{ status: number }>;

export interface DeliveryAttempt {
  attempt: number;
  time: string;
  /** The receiver's status; 0 when there was no answer. */
  status: number;
  latencyMs: number;
  error?: string;
}

/**
 * pending (an attempt or a retry still to come) · delivered · failed (every
 * attempt failed) · cancelled (the subscription was deleted or turned off
 * before a retry) · not-sent (the simulator has no `deliver` port).
 */
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'cancelled' | 'not-sent';

/** A delivery as /__admin/deliveries shows it: no header value, no URL secret. */
export interface DeliveryView {
  id: number;
  subscriptionId: string;
  criteria: string;
  /** The endpoint without user info; query values only as lengths. */
  endpoint: string;
  headers: Record<string, string>;
  contentType: string;
  body: Notification['body'];
  state: DeliveryState;
  queuedAt: string;
  attempts: DeliveryAttempt[];
}

export interface Deliveries {
  /** Queues what a store write fires; called from the store's change hook, so it must stay cheap. */
  queue(change: StoreChange): void;
  /** Resolves once nothing is pending: every delivery delivered, failed for good, cancelled or dropped by a reset. */
  idle(): Promise<void>;
  /** Deliveries with an attempt or a retry still to come. */
  pending(): number;
  /** The remembered deliveries, oldest first. */
  list(): DeliveryView[];
  /** Drops every pending delivery (an attempt in flight is aborted, no retry follows) and forgets the list. */
  clear(): void;
}

export interface DeliveriesOptions {
  deliver?: Deliver;
  sleep?: (ms: number) => Promise<void>;
  now: () => number;
  journal: Journal;
  backoffMs?: readonly number[];
  /** The current store's subscriptions (the store is rebuilt at every reset). */
  subscriptions: () => Collection;
}

/** Real time that does not hold the process open: a CLI run that ends need not wait for a retry. */
function detachedSleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms) as { unref?: () => void };
    timer.unref?.();
  });
}

/** Settles with `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const NO_STATUS = 'the deliver port answered no status';

/**
 * Why an attempt got no answer, as the journal and /__admin/deliveries may show it.
 * fetch's own messages quote what they refuse (the endpoint with its password,
 * a header value with the hook's key), so a message is never passed on as it is:
 * a known kind of failure is named in fixed words, with the socket error's code;
 * anything else is only its error name and length.
 */
function reason(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } } | undefined;
  const name = typeof e?.name === 'string' && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'Error';
  const message = typeof e?.message === 'string' ? e.message : '';
  const code = typeof e?.cause?.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(e.cause.code) ? ` (${e.cause.code})` : '';
  if (name === 'TimeoutError') return 'timed out: no answer within the attempt\'s deadline';
  if (name === 'AbortError') return 'aborted';
  if (/includes credentials/.test(message)) return 'not sent: the endpoint has user:password@ in it, which fetch refuses';
  if (/invalid header (value|name)|ByteString/.test(message)) return 'not sent: a header line has a value (or name) HTTP cannot carry';
  if (/Failed to parse URL|Invalid URL/i.test(message) || code === ' (ERR_INVALID_URL)') return 'not sent: the endpoint is not a valid URL';
  if (message === 'fetch failed') return `fetch failed${code}`;
  if (message === NO_STATUS) return NO_STATUS;
  return `${name}${code}: [${message.length} chars]`;
}

/** `["Authorization: Bearer x", "X-Key: y"]` → `{Authorization: "Bearer x", "X-Key": "y"}`. */
export function headerLines(lines: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!Array.isArray(lines)) return headers;
  for (const line of lines) {
    if (typeof line !== 'string') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

const isActive = (subscription: ResourceRecord | undefined) => subscription?.status === 'active';

export function createDeliveries(options: DeliveriesOptions): Deliveries {
  const backoff = options.backoffMs ?? DEFAULT_DELIVERY_BACKOFF_MS;
  const attemptsAllowed = backoff.length + 1;
  const sleep = options.sleep ?? detachedSleep;
  let log: DeliveryView[] = [];
  let inflight = new Set<Promise<void>>();
  // One controller per generation: a reset aborts it, and every waiting delivery stops.
  let generation = new AbortController();
  let lastId = 0;

  function journal(delivery: Delivery, view: DeliveryView, attempt: DeliveryAttempt, outcome: DeliveryAttemptNote['outcome']): void {
    const { path, query } = redactUrl(delivery.endpoint);
    const authorization = Object.entries(delivery.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    options.journal.record({
      timeMs: options.now(),
      method: 'POST',
      path,
      query,
      status: attempt.status,
      latencyMs: attempt.latencyMs,
      operationId: CALLBACK_OPERATION,
      rule: `subscription:${delivery.subscriptionId}`,
      auth: fingerprintAuthorization(authorization),
      requestBody: delivery.body,
      transport: 'callback',
      delivery: {
        id: delivery.id,
        subscriptionId: delivery.subscriptionId,
        criteria: delivery.criteria,
        attempt: attempt.attempt,
        of: attemptsAllowed,
        outcome,
        ...(attempt.error ? { error: attempt.error } : {}),
        headers: view.headers,
      },
    });
  }

  async function run(deliver: Deliver, delivery: Delivery, view: DeliveryView, signal: AbortSignal): Promise<void> {
    // Not before the answer that caused it has gone back: the API response never waits on a delivery.
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
      if (signal.aborted) return;
      if (attempt > 1 && !isActive(options.subscriptions().get(delivery.subscriptionId))) {
        view.state = 'cancelled';
        return;
      }
      const started = performance.now();
      let status = 0;
      let error: string | undefined;
      try {
        const answer = await untilAborted(deliver({ ...delivery, attempt }, signal), signal);
        if (typeof answer?.status === 'number') status = answer.status;
        else error = NO_STATUS;
      } catch (thrown) {
        error = reason(thrown);
      }
      if (signal.aborted) return;
      const record: DeliveryAttempt = {
        attempt,
        time: new Date(options.now()).toISOString(),
        status,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        ...(error ? { error } : {}),
      };
      view.attempts.push(record);
      const outcome = status >= 200 && status < 300 ? 'delivered' : attempt === attemptsAllowed ? 'failed' : 'retrying';
      journal(delivery, view, record, outcome);
      if (outcome !== 'retrying') {
        view.state = outcome;
        return;
      }
      await untilAborted(sleep(backoff[attempt - 1]!), signal).catch(() => undefined);
    }
  }

  function start(delivery: Delivery, view: DeliveryView): void {
    const deliver = options.deliver;
    if (!deliver) {
      view.state = 'not-sent';
      return;
    }
    const set = inflight;
    const running = run(deliver, delivery, view, generation.signal).catch((error) => {
      // A bug here must not become an unhandled rejection in the API's process.
      view.state = 'failed';
      view.attempts.push({ attempt: view.attempts.length + 1, time: new Date(options.now()).toISOString(), status: 0, latencyMs: 0, error: `mock-server bug: ${reason(error)}` });
    });
    set.add(running);
    void running.finally(() => set.delete(running));
  }

  return {
    queue(change) {
      // Most writes happen with no subscription at all: skip the comparing then.
      const subscriptions = options.subscriptions().all();
      if (!subscriptions.some(isActive)) return;
      const notification = notificationFor(change);
      if (!notification) return;
      for (const subscription of subscriptions) {
        const criteria = subscription.criteria;
        if (!isActive(subscription) || typeof criteria !== 'string' || !notification.criteria.includes(criteria)) continue;
        const channel = (subscription.channel ?? {}) as { type?: unknown; endpoint?: unknown; payload?: unknown; header?: unknown };
        if ((channel.type ?? 'rest-hook') !== 'rest-hook' || typeof channel.endpoint !== 'string') continue;
        const headers = headerLines(channel.header);
        const delivery: Delivery = {
          id: ++lastId,
          subscriptionId: subscription.id,
          criteria,
          endpoint: channel.endpoint,
          headers,
          contentType: typeof channel.payload === 'string' && channel.payload !== '' ? channel.payload : DEFAULT_PAYLOAD,
          body: notification.body,
          attempt: 1,
        };
        const view: DeliveryView = {
          id: delivery.id,
          subscriptionId: delivery.subscriptionId,
          criteria,
          endpoint: redactedUrl(delivery.endpoint),
          headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, fingerprintHeader(name, value)])),
          contentType: delivery.contentType,
          body: delivery.body,
          state: 'pending',
          queuedAt: new Date(options.now()).toISOString(),
          attempts: [],
        };
        log.push(view);
        if (log.length > LOG_CAPACITY) log = log.slice(-LOG_CAPACITY);
        start(delivery, view);
      }
    },
    async idle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    pending: () => inflight.size,
    list: () => log,
    clear() {
      generation.abort(new Error('the simulator was reset'));
      generation = new AbortController();
      inflight = new Set();
      log = [];
    },
  };
}
