// Time as a port. Code under src/ asks this for "now", to wait, and to run
// something later; production passes `systemClock`, tests a fake one, so token
// expiry, retries, backoff and budgets are tested without waiting real seconds.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Waits `ms`; rejects with the signal's reason if it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `fn` after `ms`; the returned function cancels it. */
  timer(ms: number, fn: () => void): () => void;
}

// Read the globals at call time, not at import time, so a test that installs
// fake timers globally reaches this clock too.
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(handle);
        reject(signal!.reason);
      };
      const handle = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  timer(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

/**
 * A clock that starts at `at` and runs at the base clock's pace: the suite's
 * simulated agency lives on a fixed day (its schedule, who is free, what is
 * late), so a run means the same on a Sunday as on a Thursday.
 */
export function startingAt(at: number, base: Clock = systemClock): Clock {
  const offset = at - base.now();
  return { now: () => base.now() + offset, sleep: (ms, signal) => base.sleep(ms, signal), timer: (ms, fn) => base.timer(ms, fn) };
}
