// formatCallerAnswer: what a person at a terminal reads about one lookup.
import { describe, expect, it } from 'vitest';
import { formatCallerAnswer } from '../../src/callerid/format.ts';
import { AMBIGUOUS, CAREGIVER, FAMILY, KNOWN, UNKNOWN, answer } from './support.ts';

describe('formatCallerAnswer', () => {
  it('a cached caregiver: who, role, source with age, shift, time taken', () => {
    const text = formatCallerAnswer(answer(CAREGIVER, { shiftSummary: 'today 9:00–13:00', cacheAgeSeconds: 7200 }));
    expect(text.split('\n')).toEqual([
      'number: +13035550101',
      'who:    Marisol Testa — caregiver [P-1001]',
      'source: the local cache, 2 h old',
      'shift:  today 9:00–13:00',
      'took:   2 ms',
    ]);
  });

  it('a family contact names the relationship and the client', () => {
    expect(formatCallerAnswer(answer(FAMILY))).toContain('June Examplar — family contact (Daughter) of Walter Examplar [C-2002] [R-3003]');
  });

  it('a known contact, with the reported format and extension', () => {
    const text = formatCallerAnswer(answer(KNOWN, { number: { reported: '303.555.0100 x12', e164: '+13035550100', extension: '12' } }));
    expect(text).toContain('number: +13035550100 ext. 12 (reported as "303.555.0100 x12")');
    expect(text).toContain('who:    Dana Fictive — known contact: owner');
    expect(text).toContain('source: configuration (GIGI_KNOWN_CONTACTS)');
  });

  it('ambiguous lists every holder and picks none', () => {
    const text = formatCallerAnswer(answer(AMBIGUOUS));
    expect(text).toContain('ambiguous: 2 people share this number, none is picked');
    expect(text).toContain('· Robin Sample — caregiver [P-1004]');
    expect(text).toContain('· Avery Sample — client [C-2005]');
  });

  it('unknown gives the reason and the note', () => {
    const text = formatCallerAnswer(answer(UNKNOWN, { source: 'none', note: 'WellSky lookup timed out after 800 ms', tookMs: 801 }));
    expect(text).toContain('who:    unknown (no caregiver, client or contact has this number)');
    expect(text).toContain('note:   WellSky lookup timed out after 800 ms');
    expect(text).toContain('took:   801 ms');
  });
});
