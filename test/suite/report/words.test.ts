// The shared wording and terminal-text helpers the reports use.
import { describe, expect, it } from 'vitest';
import { displayWidth, notRunByReason, oneLine, totalsLine, truncate, truncateMiddle, wrap, wrapItems } from '../../../src/suite/report/words.ts';
import { cell, pass, run, skip } from './runs.ts';

describe('report words', () => {
  it('writes the totals exactly as "N passed, N failed", adding not run only when any', () => {
    expect(totalsLine({ passed: 3, failed: 0, notRun: 0 })).toBe('3 passed, 0 failed');
    expect(totalsLine({ passed: 3, failed: 1, notRun: 2 })).toBe('3 passed, 1 failed, 2 not run');
    expect(totalsLine(run([cell('s', 'w', [pass('a'), skip('b', 'why')])]))).toBe('1 passed, 0 failed, 1 not run');
  });

  it('groups not-run checks by reason, a missing reason said as such', () => {
    const groups = notRunByReason(run([cell('s', 'a', [skip('x', 'live'), { check: 'y', outcome: 'not-run' }]), cell('t', 'a', [skip('z', 'live')])]));
    expect(groups.map((g) => [g.reason, g.items.map((i) => i.check.check)])).toEqual([['live', ['x', 'z']], ['no reason given', ['y']]]);
  });

  it('measures terminal columns: colour codes none, emoji two, combining marks none', () => {
    expect(displayWidth('\u001B[31mabc\u001B[0m')).toBe(3);
    expect(displayWidth('😀a')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('✔ ✘ –')).toBe(5);
  });

  it('cuts text at the end or in the middle to a width', () => {
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncateMiddle('credentials-not-provisioned-variant-12', 20)).toBe('credentia…variant-12');
    expect(displayWidth(truncateMiddle('credentials-not-provisioned-variant-12', 20))).toBe(20);
  });

  it('wraps words and whole items to a width', () => {
    expect(wrap('one two three four', 10, '- ', '  ')).toEqual(['- one two', '  three', '  four']);
    expect(wrap('averyveryverylongword x', 8, '', '')).toEqual(['averyveryverylongword', 'x']);
    expect(wrapItems(['a = b', 'c = d', 'e = f'], 13, '', '', ' · ')).toEqual(['a = b · c = d', 'e = f']);
    expect(wrapItems(['a = b', 'c = d'], 5, 'x: ', '   ', ' · ')).toEqual(['x: a = b', '   c = d']);
    expect(oneLine(' a\n\tb\u0000c ')).toBe('a b c');
  });
});
