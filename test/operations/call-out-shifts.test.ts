// Which shift a caregiver calls out of, and the agency's week: hand-built
// schedules in America/Denver whose right answer is known, daylight-saving
// days included (2026-03-08, a 23-hour day; 2026-11-01, a 25-hour day).
import { describe, expect, it } from 'vitest';
import { chooseCallerShift, findCallerShift, localMidnight, localWeek, type CallerShift } from '../../src/operations/call-out/shifts.ts';
import { denver, HOUR, TZ } from './denver-time.ts';

const shift = (appointmentId: string, from: string, to: string, status = 'SCHEDULED', clientId = '5001'): CallerShift => ({ appointmentId, clientId, start: denver(from), end: denver(to), status });

describe('the helper that builds the instants', () => {
  it('reads Denver wall clocks as MST and MDT, and refuses times the clock skips or repeats', () => {
    expect(denver('2026-03-10 09:00')).toBe(Date.parse('2026-03-10T09:00:00-06:00'));
    expect(denver('2026-01-15 09:00')).toBe(Date.parse('2026-01-15T09:00:00-07:00'));
    expect(denver('2026-03-08 01:59')).toBe(Date.parse('2026-03-08T01:59:00-07:00'));
    expect(denver('2026-03-08 03:00')).toBe(Date.parse('2026-03-08T03:00:00-06:00'));
    expect(() => denver('2026-03-08 02:30')).toThrow(/not a time/);
    expect(() => denver('2026-11-01 01:30')).toThrow(/shown twice/);
    expect(denver('2026-11-01 01:30 MDT')).toBe(Date.parse('2026-11-01T01:30:00-06:00'));
    expect(denver('2026-11-01 01:30 MST')).toBe(Date.parse('2026-11-01T01:30:00-07:00'));
  });
});

describe('findCallerShift', () => {
  it('takes the shift running now over a later one today', () => {
    const shifts = [shift('7002', '2026-03-10 15:00', '2026-03-10 17:00'), shift('7001', '2026-03-10 09:00', '2026-03-10 13:00')];
    expect(findCallerShift(shifts, denver('2026-03-10 10:00'), TZ)).toEqual({ shift: shifts[1], why: 'running now: 9:00 AM–1:00 PM, started today (appointment 7001)' });
  });

  it('takes the earliest shift later today, whatever order they are listed in', () => {
    const shifts = [shift('7003', '2026-03-11 09:00', '2026-03-11 13:00'), shift('7002', '2026-03-10 15:00', '2026-03-10 17:00'), shift('7001', '2026-03-10 11:00', '2026-03-10 12:00')];
    const expected = { shift: shifts[2], why: 'later today: 11:00 AM–12:00 PM (appointment 7001)' };
    expect(findCallerShift(shifts, denver('2026-03-10 08:00'), TZ)).toEqual(expected);
    expect(findCallerShift([...shifts].reverse(), denver('2026-03-10 08:00'), TZ)).toEqual(expected);
  });

  it("takes tomorrow's shift when today's are over, and a shift ending right now is over", () => {
    const shifts = [shift('7001', '2026-03-10 09:00', '2026-03-10 13:00'), shift('7003', '2026-03-12 09:00', '2026-03-12 13:00'), shift('7002', '2026-03-11 08:00', '2026-03-11 12:00')];
    expect(findCallerShift(shifts, denver('2026-03-10 13:00'), TZ)).toEqual({ shift: shifts[2], why: 'the next one, none being left today: Wed, Mar 11 8:00 AM–12:00 PM (appointment 7002)' });
  });

  it('counts an overnight shift started yesterday and still running as now', () => {
    const shifts = [shift('7010', '2026-03-09 22:00', '2026-03-10 06:00'), shift('7011', '2026-03-10 14:00', '2026-03-10 18:00')];
    expect(findCallerShift(shifts, denver('2026-03-10 03:00'), TZ)).toEqual({ shift: shifts[0], why: 'running now: 10:00 PM–6:00 AM, started yesterday (appointment 7010)' });
    // Once it is over, the afternoon one.
    expect(findCallerShift(shifts, denver('2026-03-10 06:30'), TZ)?.shift).toBe(shifts[1]);
  });

  it('skips cancelled shifts, however the status spells it', () => {
    const shifts = [
      shift('7020', '2026-03-10 09:00', '2026-03-10 13:00', 'Cancelled'),
      shift('7021', '2026-03-10 14:00', '2026-03-10 16:00', 'CANCELLED_BY_CLIENT'),
      shift('7022', '2026-03-10 17:00', '2026-03-10 19:00', 'cancel'),
      shift('7023', '2026-03-11 09:00', '2026-03-11 13:00', 'SCHEDULED'),
    ];
    expect(findCallerShift(shifts, denver('2026-03-10 10:00'), TZ)?.shift).toBe(shifts[3]);
  });

  it('tells the occurrences of a recurring series apart by their start, and drops a duplicate of one', () => {
    const series = ['2026-03-09', '2026-03-10', '2026-03-11'].map((day) => shift('7100', `${day} 09:00`, `${day} 13:00`));
    const listedTwice = [...series, { ...series[1]! }];
    expect(findCallerShift(listedTwice, denver('2026-03-10 07:00'), TZ)).toEqual({ shift: series[1], why: 'later today: 9:00 AM–1:00 PM (appointment 7100)' });
    expect(findCallerShift(listedTwice, denver('2026-03-10 10:00'), TZ)?.shift.start).toBe(denver('2026-03-10 09:00'));
    expect(findCallerShift(listedTwice, denver('2026-03-10 14:00'), TZ)?.shift.start).toBe(denver('2026-03-11 09:00'));
  });

  it('returns nothing, with the reason, when no shift is to come', () => {
    const shifts = [shift('7030', '2026-03-09 09:00', '2026-03-09 13:00'), shift('7031', '2026-03-10 09:00', '2026-03-10 10:00'), shift('7032', '2026-03-11 09:00', '2026-03-11 13:00', 'Cancelled')];
    const now = denver('2026-03-10 11:00');
    expect(findCallerShift(shifts, now, TZ)).toBeUndefined();
    expect(chooseCallerShift(shifts, now, TZ)).toEqual({ shift: undefined, why: 'none of their 3 listed shifts is still to come (1 cancelled, 2 already over)' });
    expect(chooseCallerShift([], now, TZ)).toEqual({ shift: undefined, why: 'no shifts are listed for them' });
  });

  describe('on daylight-saving days', () => {
    it('2026-03-08 (23 hours): the overnight shift across the jump is running before and after it', () => {
      // 10 PM MST to 6 AM MDT: 7 hours of work.
      const overnight = shift('7200', '2026-03-07 22:00', '2026-03-08 06:00');
      expect(overnight.end - overnight.start).toBe(7 * HOUR);
      const shifts = [overnight, shift('7201', '2026-03-08 14:00', '2026-03-08 18:00')];
      for (const at of ['2026-03-08 01:30', '2026-03-08 03:30', '2026-03-08 05:59']) {
        expect(findCallerShift(shifts, denver(at), TZ)).toEqual({ shift: overnight, why: 'running now: 10:00 PM–6:00 AM, started yesterday (appointment 7200)' });
      }
    });

    it('2026-03-08: a shift at 12:30 AM the next day is not "later today" (local midnight + 24 h would say it is)', () => {
      const shifts = [shift('7210', '2026-03-09 00:30', '2026-03-09 04:30')];
      expect(findCallerShift(shifts, denver('2026-03-08 20:00'), TZ)?.why).toBe('the next one, none being left today: Mon, Mar 9 12:30 AM–4:30 AM (appointment 7210)');
    });

    it('2026-11-01 (25 hours): a shift at 11:30 PM is still today (local midnight + 24 h would end the day at 11 PM)', () => {
      const shifts = [shift('7220', '2026-11-01 23:30', '2026-11-02 03:30')];
      expect(findCallerShift(shifts, denver('2026-11-01 20:00'), TZ)?.why).toBe('later today: 11:30 PM–3:30 AM (appointment 7220)');
    });

    it('2026-11-01: the overnight shift across the repeated hour is running in both readings of 1:30 AM', () => {
      const overnight = shift('7230', '2026-10-31 22:00', '2026-11-01 06:00');
      expect(overnight.end - overnight.start).toBe(9 * HOUR);
      for (const at of ['2026-11-01 01:30 MDT', '2026-11-01 01:30 MST']) expect(findCallerShift([overnight], denver(at), TZ)?.why).toBe('running now: 10:00 PM–6:00 AM, started yesterday (appointment 7230)');
    });
  });
});

describe('localWeek', () => {
  const week = (at: string, weekStartsOn?: 0 | 1) => {
    const w = localWeek(denver(at), TZ, weekStartsOn);
    return { start: w.start, end: w.end, hours: (w.end - w.start) / HOUR };
  };

  it('runs from local Sunday midnight to the next', () => {
    expect(week('2026-04-15 12:00')).toEqual({ start: denver('2026-04-12 00:00'), end: denver('2026-04-19 00:00'), hours: 168 });
    // The edges: Sunday midnight opens a week, the minute before belongs to the one before.
    expect(week('2026-04-19 00:00').start).toBe(denver('2026-04-19 00:00'));
    expect(week('2026-04-18 23:59').end).toBe(denver('2026-04-19 00:00'));
  });

  it('is 167 hours the week daylight saving starts and 169 the week it ends', () => {
    expect(week('2026-03-10 12:00')).toEqual({ start: denver('2026-03-08 00:00'), end: denver('2026-03-15 00:00'), hours: 167 });
    expect(week('2026-03-08 03:30')).toEqual({ start: denver('2026-03-08 00:00'), end: denver('2026-03-15 00:00'), hours: 167 });
    expect(week('2026-11-01 01:30 MST')).toEqual({ start: denver('2026-11-01 00:00'), end: denver('2026-11-08 00:00'), hours: 169 });
    expect(week('2026-11-07 23:00')).toEqual({ start: denver('2026-11-01 00:00'), end: denver('2026-11-08 00:00'), hours: 169 });
  });

  it('runs Monday to Monday when the agency counts weeks that way', () => {
    expect(week('2026-03-08 12:00', 1)).toEqual({ start: denver('2026-03-02 00:00'), end: denver('2026-03-09 00:00'), hours: 167 });
    expect(week('2026-03-09 00:00', 1)).toEqual({ start: denver('2026-03-09 00:00'), end: denver('2026-03-16 00:00'), hours: 168 });
  });
});

describe('localMidnight', () => {
  it('is the start of the local day, on daylight-saving days too', () => {
    expect(localMidnight(denver('2026-03-08 23:30'), TZ)).toBe(denver('2026-03-08 00:00'));
    expect(localMidnight(denver('2026-11-01 23:30'), TZ)).toBe(denver('2026-11-01 00:00'));
    expect(localMidnight(denver('2026-11-01 01:30 MST'), TZ)).toBe(denver('2026-11-01 00:00'));
    expect(localMidnight(denver('2026-04-14 00:00'), TZ)).toBe(denver('2026-04-14 00:00'));
  });
});
