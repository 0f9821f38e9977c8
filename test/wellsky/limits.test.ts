// The client-side rate limit and concurrency cap (bottleneck), on fake timers:
// spacing is measured in fake time, never by the wall clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { Transport } from '../../src/wellsky/transport.ts';

const request = { method: 'GET', path: '/v1/practitioners/', headers: {}, idempotent: true };
const limits = { baseUrl: 'https://wellsky.example.test', clock: systemClock, timeoutMs: 60_000, maxAttempts: 1, retryBudgetMs: 0 };

describe('Transport limits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces calls to the configured rate', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const transport = new Transport({ ...limits, rateLimitPerSecond: 10, maxConcurrent: 10, fetch: async () => (starts.push(Date.now()), new Response('{}')) });
    const sends = Array.from({ length: 5 }, () => transport.send(request));
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(sends);
    expect(starts).toHaveLength(5);
    // 10 a second: a tenth of a second apart (bottleneck rounds by a millisecond at most).
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(99);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(399);
    vi.useRealTimers();
    await transport.close();
  });

  it('keeps no more calls in flight than the cap', async () => {
    vi.useFakeTimers();
    const release: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    const transport = new Transport({
      ...limits,
      rateLimitPerSecond: 1000,
      maxConcurrent: 2,
      fetch: () =>
        new Promise<Response>((resolve) => {
          most = Math.max(most, ++inFlight);
          release.push(() => {
            inFlight--;
            resolve(new Response('{}'));
          });
        }),
    });
    let settled = 0;
    const sends = Array.from({ length: 6 }, () => transport.send(request).then(() => settled++));
    for (let round = 0; round < 50 && settled < 6; round++) {
      await vi.advanceTimersByTimeAsync(10);
      expect(inFlight).toBeLessThanOrEqual(2);
      release.splice(0).forEach((r) => r());
    }
    await Promise.all(sends);
    expect(settled).toBe(6);
    expect(most).toBe(2);
    vi.useRealTimers();
    await transport.close();
  });
});
