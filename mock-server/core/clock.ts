// The simulator's notion of "now": the wall clock plus an offset the control API
// can advance, so a token can expire in a test without waiting an hour.
export interface Clock {
  now(): number;
  advance(seconds: number): void;
  offsetSeconds(): number;
  reset(): void;
}

export function createClock(base: () => number = Date.now): Clock {
  let offsetMs = 0;
  return {
    now: () => base() + offsetMs,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    offsetSeconds: () => offsetMs / 1000,
    reset() {
      offsetMs = 0;
    },
  };
}
