// A clock the test moves. Virtual time only passes when the test advances it,
// or, in `instant` mode, when the code under test sleeps: a 30-second backoff
// then costs nothing and the test can still say how long it "waited".
import type { Clock } from '../../src/clock.ts';

interface Pending {
  at: number;
  seq: number;
  fire: () => void;
  kind: 'sleep' | 'timer';
}

export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private pending: Pending[] = [];
  /** Every sleep asked for, in order (ms), for tests of backoff and Retry-After. */
  readonly sleeps: number[] = [];

  constructor(
    start = Date.parse('2026-11-26T15:00:00Z'),
    private readonly options: { instant?: boolean } = { instant: true },
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.options.instant) {
      // Let whatever the caller started settle, then jump.
      return new Promise((resolve) => setImmediate(() => resolve(this.advance(ms))));
    }
    return new Promise((resolve, reject) => {
      const entry = this.schedule(ms, resolve, 'sleep');
      signal?.addEventListener('abort', () => {
        this.pending = this.pending.filter((p) => p !== entry);
        reject(signal.reason);
      }, { once: true });
    });
  }

  timer(ms: number, fn: () => void): () => void {
    const entry = this.schedule(ms, fn, 'timer');
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** Moves time forward, firing what falls due in order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + Math.max(0, ms);
    for (;;) {
      const next = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.at;
      next.fire();
      await Promise.resolve();
    }
    this.time = target;
  }

  /** Timers and sleeps waiting on this clock. */
  waiting(): number {
    return this.pending.length;
  }

  private schedule(ms: number, fire: () => void, kind: Pending['kind']): Pending {
    const entry = { at: this.time + Math.max(0, ms), seq: this.seq++, fire, kind };
    this.pending.push(entry);
    return entry;
  }
}
