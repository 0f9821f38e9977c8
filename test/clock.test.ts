// startingAt: the suite's simulated day. It starts where it is told, whatever
// the day is, and then keeps the base clock's pace, waits included.
import { describe, expect, it } from 'vitest';
import { startingAt } from '../src/clock.ts';
import { FakeClock } from './support/fake-clock.ts';

describe('startingAt', () => {
  it('starts at the given instant on any day, and runs at the base clock’s pace', async () => {
    const saturday = Date.parse('2026-11-28T17:30:00Z');
    for (const today of ['2026-11-29T03:00:00Z', '2027-06-02T22:15:00Z']) {
      const base = new FakeClock(Date.parse(today), { instant: false });
      const clock = startingAt(saturday, base);
      expect(new Date(clock.now()).toISOString()).toBe('2026-11-28T17:30:00.000Z');
      let woke = false;
      const slept = clock.sleep(90_000).then(() => (woke = true));
      await base.advance(89_999);
      expect(woke).toBe(false);
      await base.advance(1);
      await slept;
      expect(clock.now() - saturday).toBe(90_000);
    }
  });
});
