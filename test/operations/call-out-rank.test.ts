// Ranking replacements for an open shift: hand-built caregivers whose right
// order and exclusions are known, each rule shown deciding a place on its own
// and losing to the rules before it. Names are made up.
import { describe, expect, it } from 'vitest';
import { rankReplacements, type Candidate, type ClientProfile, type KnownShift, type OpenShift, type RankInput } from '../../src/operations/call-out/rank.ts';
import { denver, TZ } from './denver-time.ts';

// Tuesday 14 April 2026, 9 AM to 1 PM: its week is Sunday 12 April to Sunday 19 April (168 h).
const OPEN: OpenShift = { appointmentId: '9000', clientId: '5001', start: denver('2026-04-14 09:00'), end: denver('2026-04-14 13:00') };
const CLIENT: ClientProfile = { id: '5001', locationId: '13', languages: ['es', 'en'], neededTags: ['31', '44'] };
const CALLER = '100';

const busy = (appointmentId: string, from: string, to: string, status = 'SCHEDULED'): KnownShift => ({ appointmentId, start: denver(from), end: denver(to), status, clientId: '5999' });

/** A current caregiver in another area, with no history, languages, tags or shifts, unless told otherwise. */
function caregiver(id: string, name: string, extra: Partial<Candidate> = {}): Candidate {
  return { id, name, active: true, hired: true, locationId: '99', languages: [], tags: [], shifts: [], visitsWithClient: 0, scheduleKnown: true, ...extra };
}

const rank = (candidates: Candidate[], extra: Partial<RankInput> = {}) => rankReplacements({ shift: OPEN, client: CLIENT, callerId: CALLER, candidates, timeZone: TZ, ...extra });
const order = (candidates: Candidate[], extra: Partial<RankInput> = {}) => rank(candidates, extra).ranked.map((r) => r.name);

/** Nine-hour days Monday to Thursday of the open shift's week (36 h), none touching Tuesday morning's shift. */
const ninesThisWeek = (extraMinutes = 0): KnownShift[] => [
  busy('7101', '2026-04-13 13:00', '2026-04-13 22:00'),
  busy('7102', '2026-04-14 13:00', '2026-04-14 22:00'),
  busy('7103', '2026-04-15 08:00', '2026-04-15 17:00'),
  busy('7104', '2026-04-16 08:00', `2026-04-16 17:${String(extraMinutes).padStart(2, '0')}`),
];

describe('rankReplacements: who is ruled out', () => {
  it('rules out the caller, the inactive, the unhired and those whose schedule is unknown, each with its reason, in id order', () => {
    const result = rank([
      caregiver('104', 'Unread Ula', { scheduleKnown: false, locationId: '13' }),
      caregiver('103', 'Applicant Abe', { hired: false }),
      caregiver(CALLER, 'Caller Cora', { locationId: '13', visitsWithClient: 9 }),
      caregiver('102', 'Former Finn', { active: false, locationId: '13' }),
      caregiver('105', 'Able Ada'),
    ]);
    expect(result).toEqual({
      ranked: [{ id: '105', name: 'Able Ada', rank: 1, reasons: ['4.0 h this week with this shift'], weeklyHoursWithShift: 4 }],
      excluded: [
        { id: '100', name: 'Caller Cora', reason: 'the caller' },
        { id: '102', name: 'Former Finn', reason: 'not active' },
        { id: '103', name: 'Applicant Abe', reason: 'not hired' },
        { id: '104', name: 'Unread Ula', reason: 'schedule unknown: it could not be read, so they cannot be shown free' },
      ],
    });
  });

  it('rules out an overlapping shift but not one that only touches the open one, nor a cancelled one', () => {
    const result = rank([
      caregiver('201', 'Before Bo', { shifts: [busy('7001', '2026-04-14 05:00', '2026-04-14 09:00')] }),
      caregiver('202', 'After Al', { shifts: [busy('7002', '2026-04-14 13:00', '2026-04-14 15:00')] }),
      caregiver('203', 'Overlap Oli', { shifts: [busy('7003', '2026-04-14 12:00', '2026-04-14 14:00')] }),
      caregiver('204', 'Cancelled Cy', { shifts: [busy('7004', '2026-04-14 09:00', '2026-04-14 13:00', 'Cancelled')] }),
      caregiver('205', 'Inside Ivy', { shifts: [busy('7005', '2026-04-14 10:00', '2026-04-14 11:00')] }),
      caregiver('206', 'Overnight Ozzie', { shifts: [{ start: denver('2026-04-13 22:00'), end: denver('2026-04-14 09:30') }] }),
    ]);
    expect(result.ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['Cancelled Cy', ['4.0 h this week with this shift']],
      ['After Al', ['6.0 h this week with this shift']],
      ['Before Bo', ['8.0 h this week with this shift']],
    ]);
    expect(result.excluded).toEqual([
      { id: '203', name: 'Overlap Oli', reason: 'overlaps their shift 12:00 PM–2:00 PM (appointment 7003)' },
      { id: '205', name: 'Inside Ivy', reason: 'overlaps their shift 10:00 AM–11:00 AM (appointment 7005)' },
      { id: '206', name: 'Overnight Ozzie', reason: 'overlaps their shift 10:00 PM–9:30 AM' },
    ]);
  });

  it('allows exactly 40 hours in the week and rules out 40.5 (and 40 h 1 min, said so)', () => {
    const result = rank([
      caregiver('301', 'Forty Fay', { shifts: ninesThisWeek() }),
      caregiver('302', 'Over Otto', { shifts: [...ninesThisWeek(), busy('7105', '2026-04-17 08:00', '2026-04-17 08:30')] }),
      caregiver('303', 'Minute Mo', { shifts: ninesThisWeek(1) }),
      // The same 36 hours a week earlier and a week later do not count.
      caregiver('304', 'Neighbour Nell', { shifts: [busy('7201', '2026-04-06 08:00', '2026-04-06 17:00'), busy('7202', '2026-04-20 08:00', '2026-04-20 17:00'), ...ninesThisWeek().slice(0, 3)] }),
    ]);
    expect(result).toEqual({
      ranked: [
        { id: '304', name: 'Neighbour Nell', rank: 1, reasons: ['31.0 h this week with this shift'], weeklyHoursWithShift: 31 },
        { id: '301', name: 'Forty Fay', rank: 2, reasons: ['40.0 h this week with this shift'], weeklyHoursWithShift: 40 },
      ],
      excluded: [
        { id: '302', name: 'Over Otto', reason: 'would reach 40.5 h that week (over 40)' },
        { id: '303', name: 'Minute Mo', reason: 'would reach 40.02 h that week (over 40)' },
      ],
    });
  });

  it('counts only the part of an overnight shift inside the week, at either edge', () => {
    // Saturday 8 PM to Sunday 8 AM across the week's start: 8 of its 12 hours are in the week.
    const acrossStart = busy('7301', '2026-04-11 20:00', '2026-04-12 08:00');
    // Saturday 8 PM to Sunday 8 AM across the week's end: 4 of its 12 hours are in the week.
    const acrossEnd = busy('7302', '2026-04-18 20:00', '2026-04-19 08:00');
    const twentyEight = ninesThisWeek().slice(0, 3).concat(busy('7304', '2026-04-16 08:00', '2026-04-16 09:00'));
    const result = rank([
      caregiver('401', 'Start Sam', { shifts: [acrossStart, ...twentyEight] }), // 8 + 28 + 4 = 40
      caregiver('402', 'End Eve', { shifts: [acrossEnd, ...twentyEight, busy('7305', '2026-04-17 08:00', '2026-04-17 12:00')] }), // 4 + 28 + 4 + 4 = 40
      caregiver('403', 'Both Bea', { shifts: [acrossStart, acrossEnd, ...twentyEight] }), // 8 + 4 + 28 + 4 = 44
    ]);
    expect(result.ranked.map((r) => [r.name, r.weeklyHoursWithShift])).toEqual([
      ['Start Sam', 40],
      ['End Eve', 40],
    ]);
    expect(result.excluded).toEqual([{ id: '403', name: 'Both Bea', reason: 'would reach 44.0 h that week (over 40)' }]);
  });

  it("counts an overnight shift across daylight saving's start by the hours worked (10 PM to 6 AM is 5 h inside the week of 8 March)", () => {
    const open: OpenShift = { appointmentId: '9001', clientId: '5001', start: denver('2026-03-10 09:00'), end: denver('2026-03-10 13:00') };
    const overnight = busy('7401', '2026-03-07 22:00', '2026-03-08 06:00');
    const rest = [busy('7402', '2026-03-09 08:00', '2026-03-09 17:00'), busy('7403', '2026-03-11 08:00', '2026-03-11 17:00'), busy('7404', '2026-03-12 08:00', '2026-03-12 17:00'), busy('7405', '2026-03-13 08:00', '2026-03-13 10:00')];
    // 5 + 29 + 4 = 38 (counting the 8 wall-clock hours, or the whole shift, would be 41 or 40).
    const result = rankReplacements({ shift: open, client: CLIENT, callerId: CALLER, timeZone: TZ, candidates: [caregiver('501', 'Spring Sky', { shifts: [overnight, ...rest] })], maxWeeklyHours: 38 });
    expect(result.ranked).toEqual([{ id: '501', name: 'Spring Sky', rank: 1, reasons: ['38.0 h this week with this shift'], weeklyHoursWithShift: 38 }]);
    expect(rankReplacements({ shift: open, client: CLIENT, callerId: CALLER, timeZone: TZ, candidates: [caregiver('501', 'Spring Sky', { shifts: [overnight, ...rest] })], maxWeeklyHours: 37.5 }).excluded).toEqual([
      { id: '501', name: 'Spring Sky', reason: 'would reach 38.0 h that week (over 37.5)' },
    ]);
  });

  it('checks the following week too when the open shift runs past the week\'s end', () => {
    // Saturday 10 PM to Sunday 6 AM: 2 h in the week of 12 April, 6 h in the week of 19 April.
    const open: OpenShift = { appointmentId: '9002', clientId: '5001', start: denver('2026-04-18 22:00'), end: denver('2026-04-19 06:00') };
    const nextWeek = [busy('7501', '2026-04-20 08:00', '2026-04-20 17:00'), busy('7502', '2026-04-21 08:00', '2026-04-21 17:00'), busy('7503', '2026-04-22 08:00', '2026-04-22 17:00'), busy('7504', '2026-04-23 08:00', '2026-04-23 17:00')];
    const result = rankReplacements({
      shift: open,
      client: CLIENT,
      callerId: CALLER,
      timeZone: TZ,
      candidates: [caregiver('601', 'Heavy Hal', { shifts: nextWeek }), caregiver('602', 'Light Lou', { shifts: nextWeek.slice(0, 3) })],
    });
    expect(result).toEqual({
      ranked: [{ id: '602', name: 'Light Lou', rank: 1, reasons: ['2.0 h this week with this shift'], weeklyHoursWithShift: 2 }],
      excluded: [{ id: '601', name: 'Heavy Hal', reason: 'would reach 42.0 h the week of Sun, Apr 19 (over 40)' }],
    });
  });

  it('does not count a shift twice when two reads list it, nor the open shift itself', () => {
    const result = rank([caregiver('701', 'Twice Tam', { shifts: [...ninesThisWeek(), ...ninesThisWeek(), { ...OPEN, status: 'SCHEDULED' }] })]);
    expect(result.ranked.map((r) => r.weeklyHoursWithShift)).toEqual([40]);
  });
});

describe('rankReplacements: the order', () => {
  it('puts the same area first', () => {
    const result = rank([caregiver('801', 'Far Flo'), caregiver('802', 'Near Ned', { locationId: '13' })]);
    expect(result.ranked).toEqual([
      { id: '802', name: 'Near Ned', rank: 1, reasons: ['same area (location 13)', '4.0 h this week with this shift'], weeklyHoursWithShift: 4 },
      { id: '801', name: 'Far Flo', rank: 2, reasons: ['4.0 h this week with this shift'], weeklyHoursWithShift: 4 },
    ]);
  });

  it('puts more past visits with this client first', () => {
    const result = rank([caregiver('811', 'Once Oona', { visitsWithClient: 1 }), caregiver('812', 'Never Nia'), caregiver('813', 'Often Olga', { visitsWithClient: 3 })]);
    expect(result.ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['Often Olga', ['3 past visits with this client', '4.0 h this week with this shift']],
      ['Once Oona', ['1 past visit with this client', '4.0 h this week with this shift']],
      ['Never Nia', ['4.0 h this week with this shift']],
    ]);
  });

  it("puts a speaker of the client's language first, whether it is written as a code or a name; English tells no one apart", () => {
    const client: ClientProfile = { id: '5001', languages: ['Spanish', 'English'] };
    const result = rank([caregiver('821', 'English Ed', { languages: ['en'] }), caregiver('822', 'Russian Rus', { languages: ['ru'] }), caregiver('823', 'Spanish Sol', { languages: ['es-MX', 'en'] })], { client });
    expect(result.ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['Spanish Sol', ['speaks Spanish like the client', '4.0 h this week with this shift']],
      ['English Ed', ['4.0 h this week with this shift']],
      ['Russian Rus', ['4.0 h this week with this shift']],
    ]);
  });

  it('puts more of the needed tags first; other tags count for nothing', () => {
    const result = rank([caregiver('831', 'One Tag Ty', { tags: ['44', '70'] }), caregiver('832', 'Other Tags Oz', { tags: ['70', '71', '72'] }), caregiver('833', 'Two Tags Tia', { tags: ['44', '31'] })]);
    expect(result.ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['Two Tags Tia', ["2 of the client's needed tags (31, 44)", '4.0 h this week with this shift']],
      ['One Tag Ty', ["1 of the client's needed tags (44)", '4.0 h this week with this shift']],
      ['Other Tags Oz', ['4.0 h this week with this shift']],
    ]);
  });

  it('puts fewer hours that week first, to spread the work', () => {
    const result = rank([caregiver('841', 'Busy Bex', { shifts: ninesThisWeek().slice(0, 2) }), caregiver('842', 'Free Fox'), caregiver('843', 'Some Sid', { shifts: ninesThisWeek().slice(0, 1) })]);
    expect(result.ranked.map((r) => [r.name, r.weeklyHoursWithShift, r.reasons])).toEqual([
      ['Free Fox', 4, ['4.0 h this week with this shift']],
      ['Some Sid', 13, ['13.0 h this week with this shift']],
      ['Busy Bex', 22, ['22.0 h this week with this shift']],
    ]);
  });

  it('puts a gender match first when the client has a preference, above area, history, language, tags and hours', () => {
    const client: ClientProfile = { ...CLIENT, genderPreference: 'female' };
    const result = rank(
      [
        caregiver('851', 'Strong Stan', { gender: 'male', locationId: '13', visitsWithClient: 8, languages: ['es'], tags: ['31', '44'] }),
        caregiver('852', 'Plain Fern', { gender: 'F', shifts: ninesThisWeek() }),
        caregiver('853', 'Unknown Uri', { locationId: '13' }),
        caregiver('854', 'Plain Flora', { gender: 'female' }),
      ],
      { client },
    );
    expect(result.ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['Plain Flora', ['female, as the client prefers', '4.0 h this week with this shift']],
      ['Plain Fern', ['female, as the client prefers', '40.0 h this week with this shift']],
      ['Strong Stan', ['same area (location 13)', '8 past visits with this client', 'speaks Spanish like the client', "2 of the client's needed tags (31, 44)", '4.0 h this week with this shift']],
      ['Unknown Uri', ['same area (location 13)', '4.0 h this week with this shift']],
    ]);
  });

  it('ignores gender when the preference is unknown', () => {
    const result = rank([caregiver('861', 'Mal Moss', { gender: 'male' }), caregiver('862', 'Fen Frost', { gender: 'female' }), caregiver('863', 'Ned None')]);
    expect(result.ranked.map((r) => [r.name, r.reasons])).toEqual([
      ['Mal Moss', ['4.0 h this week with this shift']],
      ['Fen Frost', ['4.0 h this week with this shift']],
      ['Ned None', ['4.0 h this week with this shift']],
    ]);
  });

  it('applies the rules in turn: area over history, history over language, language over tags, tags over hours', () => {
    const result = rank([
      caregiver('871', 'Tags Tova', { visitsWithClient: 2, tags: ['31', '44'] }),
      caregiver('872', 'Hours Hana', { visitsWithClient: 2, tags: ['31', '44'], shifts: ninesThisWeek().slice(0, 1) }),
      caregiver('873', 'Lang Lia', { visitsWithClient: 2, languages: ['spanish'], shifts: ninesThisWeek() }),
      caregiver('874', 'History Hal', { visitsWithClient: 5 }),
      caregiver('875', 'Area Ari', { locationId: '13', shifts: ninesThisWeek() }),
    ]);
    expect(result.ranked.map((r) => `${r.rank}. ${r.name}: ${r.reasons.join('; ')}`)).toEqual([
      '1. Area Ari: same area (location 13); 40.0 h this week with this shift',
      '2. History Hal: 5 past visits with this client; 4.0 h this week with this shift',
      '3. Lang Lia: 2 past visits with this client; speaks Spanish like the client; 40.0 h this week with this shift',
      "4. Tags Tova: 2 past visits with this client; 2 of the client's needed tags (31, 44); 4.0 h this week with this shift",
      "5. Hours Hana: 2 past visits with this client; 2 of the client's needed tags (31, 44); 13.0 h this week with this shift",
    ]);
  });

  it('breaks ties by numeric id, then other ids, and gives the same answer for any input order', () => {
    const shifts = ninesThisWeek().slice(0, 2);
    const people = [
      caregiver('10', 'Tie Ten', { shifts }),
      caregiver('9', 'Tie Nine', { shifts: [...shifts].reverse() }),
      caregiver('x7', 'Tie Ex', { shifts }),
      caregiver('1000', 'Tie Thousand', { shifts }),
      caregiver('12345678901234567890', 'Tie Huge', { shifts }),
      caregiver('11', 'Not Hired Nan', { hired: false }),
      caregiver('3', 'Gone Gil', { active: false }),
    ];
    const expected = rank(people);
    expect(expected.ranked.map((r) => `${r.rank} ${r.id}`)).toEqual(['1 9', '2 10', '3 1000', '4 12345678901234567890', '5 x7']);
    expect(expected.excluded.map((e) => e.id)).toEqual(['3', '11']);
    // Every rotation and its reverse: the same answer, to the last reason.
    for (let i = 0; i < people.length; i++) {
      const rotated = [...people.slice(i), ...people.slice(0, i)];
      expect(rank(rotated)).toEqual(expected);
      expect(rank(rotated.reverse())).toEqual(expected);
    }
  });

  it('honours another weekly limit and a Monday week', () => {
    // Sunday 12 April, 9 hours: in the Sunday week of the open shift, not in its Monday week (13 to 20 April).
    const sunday = busy('7601', '2026-04-12 08:00', '2026-04-12 17:00');
    const people = [caregiver('881', 'Sunday Sue', { shifts: [sunday] })];
    expect(rank(people, { maxWeeklyHours: 12 }).excluded).toEqual([{ id: '881', name: 'Sunday Sue', reason: 'would reach 13.0 h that week (over 12)' }]);
    expect(rank(people, { maxWeeklyHours: 12, weekStartsOn: 1 }).ranked.map((r) => r.weeklyHoursWithShift)).toEqual([4]);
  });
});
