// Phone numbers and dates in the forms the API sends and callers' phones report.
import { describe, expect, it } from 'vitest';
import { compactDate, parseApiInstant } from '../../src/wellsky/dates.ts';
import { parsePhone, searchDigits } from '../../src/wellsky/phone.ts';

describe('parsePhone', () => {
  it.each([
    ['3035550101', '+13035550101', undefined],
    ['(303) 555-0101', '+13035550101', undefined],
    ['303.555.0101 x12', '+13035550101', '12'],
    ['303-555-0101 ext. 7', '+13035550101', '7'],
    ['+1 (303) 555-0101', '+13035550101', undefined],
    ['1-303-555-0101', '+13035550101', undefined],
    ['7205550142x123456', '+17205550142', '123456'],
    ['(303)5550101', '+13035550101', undefined],
    ['+13035550101', '+13035550101', undefined],
    ['(303) 555-0101 #7', '+13035550101', '7'],
  ])('%s → %s', (text, e164, extension) => {
    expect(parsePhone(text)).toEqual({ e164, ...(extension ? { extension } : {}) });
  });

  it.each(['', '555-0101', '0305550101', '3031550101', '+44 20 7946 0018', 'call me', '303555010', '30355501011', '(303)', '+1', '\u0000', undefined])('refuses %j', (text) => {
    expect(parsePhone(text)).toBeUndefined();
  });

  it('gives the 10 digits a WellSky phone search takes', () => {
    expect(searchDigits(parsePhone('+1 (303) 555-0101 x9')!)).toBe('3035550101');
  });
});

describe('parseApiInstant', () => {
  it.each([
    ['2026-11-26T14:00:00+00:00', '2026-11-26T14:00:00.000Z'],
    ['2026-11-26T14:00:00Z', '2026-11-26T14:00:00.000Z'],
    ['2026-11-26T07:00:00-07:00', '2026-11-26T14:00:00.000Z'],
    ['2026-11-26T14:00:00', '2026-11-26T14:00:00.000Z'],
    ['2026-03-02T08:05:12.345678', '2026-03-02T08:05:12.345Z'],
    ['2026-11-26', '2026-11-26T00:00:00.000Z'],
    ['20261126', '2026-11-26T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(new Date(parseApiInstant(text)!).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', '2026-13-01T00:00:00Z', 'tomorrow', '', null])('refuses %j', (text) => {
    expect(parseApiInstant(text)).toBeUndefined();
  });
});

describe('compactDate', () => {
  it('is the agency\'s local day: a Denver evening is still the same date', () => {
    expect(compactDate(Date.parse('2026-11-27T04:30:00Z'), 'America/Denver')).toBe('20261126');
    expect(compactDate(Date.parse('2026-11-27T04:30:00Z'), 'UTC')).toBe('20261127');
  });
});
