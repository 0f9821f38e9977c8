// CallerAnswer → Retell's dynamic variables, for each kind of match: every key
// present, every value a string, a name in the greeting only when one person
// holds the number.
import { describe, expect, it } from 'vitest';
import type { CallerMatch } from '../../src/callerid/answer.ts';
import { DYNAMIC_VARIABLE_KEYS, toRetellInbound, unknownCallerAnswer } from '../../src/webhook/dynamic-variables.ts';
import { AMBIGUOUS, CAREGIVER, CLIENT, FAMILY, KNOWN, UNKNOWN, answer } from './support.ts';

function expectComplete(vars: Record<string, unknown>) {
  expect(Object.keys(vars).sort()).toEqual([...DYNAMIC_VARIABLE_KEYS].sort());
  for (const [key, value] of Object.entries(vars)) expect(typeof value, key).toBe('string');
}

const cases: [string, CallerMatch, Record<string, string>, Record<string, unknown>][] = [
  [
    'caregiver',
    CAREGIVER,
    { caller_name: 'Marisol Testa', first_name: 'Marisol', caller_role: 'caregiver', caller_kind: 'caregiver', caller_known: 'true', caller_source: 'cache', client_name: '', relationship: '' },
    { gigi_match: 'caregiver', person_id: 'P-1001', cache_age_seconds: 42 },
  ],
  [
    'client',
    CLIENT,
    { caller_name: 'Walter Examplar', first_name: 'Walter', caller_role: 'client', caller_kind: 'client', caller_known: 'true', client_name: 'Walter Examplar' },
    { gigi_match: 'client', person_id: 'C-2002' },
  ],
  [
    'family',
    FAMILY,
    { caller_name: 'June Examplar', first_name: 'June', caller_role: 'family contact of Walter Examplar', caller_kind: 'family', caller_known: 'true', client_name: 'Walter Examplar', relationship: 'Daughter' },
    { gigi_match: 'family', person_id: 'R-3003', client_id: 'C-2002' },
  ],
  [
    'known-contact',
    KNOWN,
    { caller_name: 'Dana Fictive', first_name: 'Dana', caller_role: 'owner', caller_kind: 'known-contact', caller_known: 'true', caller_source: 'known-contact' },
    { gigi_match: 'known-contact', gigi_source: 'known-contact' },
  ],
  [
    'ambiguous',
    AMBIGUOUS,
    { caller_name: '', first_name: '', caller_role: 'ambiguous', caller_kind: 'ambiguous', caller_known: 'false', shift_summary: '', client_name: '' },
    { gigi_match: 'ambiguous', candidates: 'caregiver:P-1004,client:C-2005' },
  ],
  [
    'unknown',
    UNKNOWN,
    { caller_name: '', first_name: '', caller_role: 'unknown', caller_kind: 'unknown', caller_known: 'false', caller_source: 'none', shift_summary: '' },
    { gigi_match: 'unknown', gigi_source: 'none' },
  ],
];

describe('toRetellInbound', () => {
  it.each(cases)('%s: the right variables, all strings, all keys', (_kind, match, expected, metadata) => {
    const out = toRetellInbound(answer(match, { shiftSummary: 'next: Friday 9:00–13:00' }));
    expectComplete(out.dynamic_variables);
    expect(out.dynamic_variables).toMatchObject(expected);
    expect(out.dynamic_variables.caller_number).toBe('+13035550101');
    expect(out.metadata).toMatchObject({ ...metadata, e164: '+13035550101', took_ms: 2 });
  });

  it('greets by first name exactly when one person (or a known contact) holds the number', () => {
    expect(toRetellInbound(answer(CAREGIVER)).dynamic_variables.greeting).toMatch(/^Hi Marisol,/);
    expect(toRetellInbound(answer(FAMILY)).dynamic_variables.greeting).toMatch(/^Hi June,/);
    expect(toRetellInbound(answer(KNOWN)).dynamic_variables.greeting).toMatch(/^Hi Dana,/);
    for (const match of [AMBIGUOUS, UNKNOWN]) {
      const { greeting } = toRetellInbound(answer(match)).dynamic_variables;
      expect(greeting).not.toMatch(/^Hi /);
      expect(greeting).toMatch(/who's calling/);
    }
  });

  it('ambiguous: no holder named in any variable, the ids kept in metadata only', () => {
    const out = toRetellInbound(answer(AMBIGUOUS, { shiftSummary: 'Robin: today 9:00' }));
    const vars = JSON.stringify(out.dynamic_variables);
    for (const name of ['Robin', 'Avery', 'Sample']) expect(vars).not.toContain(name);
    expect(JSON.stringify(out.metadata)).not.toMatch(/Robin|Avery/);
  });

  it('keeps a shift summary for a single match and drops it for ambiguous and unknown', () => {
    expect(toRetellInbound(answer(CAREGIVER, { shiftSummary: 'today 9:00–13:00' })).dynamic_variables.shift_summary).toBe('today 9:00–13:00');
    expect(toRetellInbound(answer(CAREGIVER)).dynamic_variables.shift_summary).toBe('');
  });

  it('cleans names (stray whitespace) and falls back to the first word of the name', () => {
    const out = toRetellInbound(
      answer({ kind: 'caregiver', person: { kind: 'caregiver', id: 'P-9', name: '  Kim \n Placeholder ', firstName: '' } }),
    );
    expect(out.dynamic_variables).toMatchObject({ caller_name: 'Kim Placeholder', first_name: 'Kim' });
    expect(out.dynamic_variables.greeting).toMatch(/^Hi Kim,/);
  });

  it('a person with no name at all is greeted without one', () => {
    const out = toRetellInbound(answer({ kind: 'client', person: { kind: 'client', id: 'C-9', name: '', firstName: '' } }));
    expectComplete(out.dynamic_variables);
    expect(out.dynamic_variables.greeting).not.toMatch(/^Hi /);
  });

  it('family contact without a known client still reads as a family contact', () => {
    const out = toRetellInbound(answer({ kind: 'family', person: { kind: 'family', id: 'R-9', name: 'Lee Mock', firstName: 'Lee' } }));
    expect(out.dynamic_variables).toMatchObject({ caller_role: 'family contact', client_name: '', relationship: '' });
  });

  it('an unreadable number: caller_number is the number as reported, no e164 in metadata', () => {
    const out = toRetellInbound(unknownCallerAnswer('anonymous', 'caller ID failed (Error)', 3));
    expectComplete(out.dynamic_variables);
    expect(out.dynamic_variables.caller_number).toBe('anonymous');
    expect(out.metadata).toEqual({ gigi_match: 'unknown', gigi_source: 'none', note: 'caller ID failed (Error)', took_ms: 3 });
  });

  it('is pure: the same answer gives the same variables', () => {
    const a = answer(FAMILY);
    expect(toRetellInbound(a)).toEqual(toRetellInbound(structuredClone(a)));
  });
});
