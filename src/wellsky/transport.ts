// One HTTP exchange with WellSky, made safe to repeat: a rate limit and a cap on
// calls in flight (bottleneck), a timeout per call, and retries for reads on
// 429 (honouring Retry-After), 502/503/504 and dropped connections, with
// exponential backoff and jitter (cockatiel's), inside a time budget. Writes are
// never retried. Waiting goes through the clock port; bottleneck's own pacing
// uses the platform's timers.
import Bottleneck from 'bottleneck';
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { classifyResponse, classifyThrown, isTransient, WellSkyError, type FailureFacts } from './failures.ts';

export interface TransportOptions {
  /** The host, e.g. https://connect.clearcareonline.com. */
  baseUrl: string;
  clock: Clock;
  /** Defaults to the global fetch, looked up per call (so MSW can stand in). */
  fetch?: typeof fetch;
  timeoutMs: number;
  maxAttempts: number;
  retryBudgetMs: number;
  rateLimitPerSecond: number;
  maxConcurrent: number;
}

export interface OutgoingRequest {
  method: string;
  /** Path and query, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Safe to send again: reads, searches and the token call. */
  idempotent: boolean;
  tokenCall?: boolean;
}

export interface IncomingResponse {
  status: number;
  headers: Headers;
  body: string;
  requestId: string;
  attempts: number;
}

export class Transport {
  private readonly limiter: Bottleneck;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: TransportOptions) {
    this.limiter = new Bottleneck({ maxConcurrent: options.maxConcurrent, minTime: Math.ceil(1000 / options.rateLimitPerSecond) });
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * Sends the request, again while that is safe and useful, and returns the
   * answer as it came (success or failure: the caller decides what a status
   * means). Throws a WellSkyError only when no answer came at all.
   */
  async send(request: OutgoingRequest): Promise<IncomingResponse> {
    const requestId = randomUUID();
    const { clock, maxAttempts, retryBudgetMs } = this.options;
    let backoff: IBackoff<unknown> = new ExponentialBackoff({ initialDelay: 250, maxDelay: 8_000 }).next();
    // One budget for the whole call, tries and waits alike, by the clock port.
    const started = clock.now();
    for (let attempt = 1; ; attempt++) {
      let response: IncomingResponse | undefined;
      let thrown: WellSkyError | undefined;
      let failure: FailureFacts | undefined;
      try {
        response = await this.limiter.schedule(() => this.once(request, requestId, attempt));
        failure = classifyResponse({ status: response.status, headers: response.headers, body: response.body, tokenCall: request.tokenCall, now: clock.now() });
      } catch (error) {
        if (!(error instanceof WellSkyError)) throw error;
        thrown = failure = error;
      }
      const transient = thrown ? isTransient(thrown.kind) : response !== undefined && RETRYABLE_STATUSES.has(response.status);
      const again = failure !== undefined && request.idempotent && transient && attempt < maxAttempts;
      // Wait as the server asked, else back off with jitter; never past the budget.
      const delay = !again ? 0 : failure!.retryAfterSeconds !== undefined ? failure!.retryAfterSeconds * 1000 : backoff.duration;
      if (!again || clock.now() - started + delay > retryBudgetMs) {
        if (thrown) throw thrown;
        return { ...response!, attempts: attempt };
      }
      backoff = backoff.next(undefined);
      await clock.sleep(delay);
    }
  }

  private stopped: Promise<void> | undefined;

  /** Lets queued calls finish and stops the limiter; calling it again is harmless. */
  close(): Promise<void> {
    this.stopped ??= this.limiter.stop({ dropWaitingJobs: false }).then(() => undefined);
    return this.stopped;
  }

  private async once(request: OutgoingRequest, requestId: string, attempt: number): Promise<IncomingResponse> {
    const { clock, timeoutMs, baseUrl } = this.options;
    const url = `${baseUrl}${request.path}`;
    const controller = new AbortController();
    let timedOut = false;
    const cancelTimer = clock.timer(timeoutMs, () => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${timeoutMs} ms`));
    });
    const headers = { ...request.headers, 'x-request-id': requestId };
    try {
      const res = await this.fetchImpl(url, { method: request.method, headers, body: request.body, signal: controller.signal });
      return { status: res.status, headers: res.headers, body: await res.text(), requestId, attempts: attempt };
    } catch (error) {
      const failure = classifyThrown(error, timedOut);
      throw new WellSkyError({ ...failure, method: request.method, path: pathOnly(request.path), requestId, attempts: attempt });
    } finally {
      cancelTimer();
    }
  }
}

/** A path without its query: query strings may hold phone numbers and names. */
export function pathOnly(path: string): string {
  return path.split('?')[0]!;
}

// The 429, and the gateway's 502/503/504: the answer may differ in a moment. A 500 is WellSky's own fault and is not retried.
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
