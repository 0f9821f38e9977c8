// reports/summary.md: totals, the table, failures with reason and owner,
// not-run with why, and table cells that cannot break the table.
import { describe, expect, it } from 'vitest';
import { mdText, renderSummary } from '../../../src/suite/report/summary.ts';
import { cell, fail, pass, run, skip, smallRun } from './runs.ts';

/** A table row's cells, splitting only on pipes that are not escaped. */
const cells = (row: string) => row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());

describe('renderSummary', () => {
  it('has a title, the mode, when, the totals line and a scenario × workflow table', () => {
    const md = renderSummary(smallRun());
    expect(md).toMatch(/^# Zingage-replacement suite\n/);
    expect(md).toContain('- mode: mock');
    expect(md).toContain('- when: 2026-01-15T10:00:00.000Z');
    expect(md).toContain('**11 passed, 1 failed**');
    const lines = md.split('\n');
    expect(cells(lines.find((l) => l.startsWith('| scenario |'))!)).toEqual(['scenario', 'caller-id', 'call-out', 'complaint']);
    expect(cells(lines.find((l) => l.startsWith('| happy-path'))!)).toEqual(['happy-path', '✅', '✅', '✅']);
    expect(cells(lines.find((l) => l.startsWith('| wellsky-down'))!)).toEqual(['wellsky-down', '✅', '❌ **fail**', '✅']);
  });

  it('lists each failure with its reason and owner', () => {
    const md = renderSummary(smallRun());
    const row = md.split('\n').find((l) => l.includes('pages the on-call manager'))!;
    expect(cells(row)).toEqual(['wellsky-down', 'call-out', 'pages the on-call manager with the reason', 'no page was sent: the manager alert was never recorded by the notifier', "Gigi's own logic", '']);
    expect(md).toContain('## Failures (1)');
  });

  it('says None under failures when nothing failed, and groups not-run checks by why', () => {
    const md = renderSummary(run([cell('live', 'caller-id', [pass('a')]), cell('live', 'call-out', [skip('b', 'not run in live mode: writes')]), cell('live', 'complaint', [skip('c', 'not run in live mode: writes')])], 'live'));
    expect(md).toContain('**1 passed, 0 failed, 2 not run**');
    expect(md).toContain('## Failures (0)\n\nNone.');
    expect(md).toContain('**Why:** not run in live mode: writes (2)\n\n- live · call-out · b\n- live · complaint · c');
  });

  it('escapes | and line breaks in table cells, so a cell cannot add a column or end the row', () => {
    const md = renderSummary(run([cell('a|b', 'call|out', [fail('x | y', 'line one\nline | two\r\nthree', 'wellsky', 'upstream-down')])]));
    const lines = md.split('\n');
    const header = lines.find((l) => l.startsWith('| scenario |'))!;
    expect(cells(header)).toHaveLength(2);
    expect(header).toContain('call\\|out');
    const row = lines.find((l) => l.startsWith('| a\\|b'))!;
    expect(cells(row)).toHaveLength(2);
    const failure = lines.find((l) => l.includes('x \\| y'))!;
    expect(cells(failure)).toEqual(['a\\|b', 'call\\|out', 'x \\| y', 'line one<br>line \\| two<br>three', 'WellSky (its API, or the network in front of it)', 'upstream-down']);
  });

  it('escapes Markdown and HTML in text', () => {
    expect(mdText('<img src=x onerror=alert(1)> [link](http://x) `code` *b* _i_ a\\|b')).toBe('&lt;img src=x onerror=alert(1)&gt; \\[link\\](http://x) \\`code\\` \\*b\\* \\_i\\_ a\\\\\\|b');
    expect(mdText('nul\u0000 bell\u0007')).toBe('nul bell');
  });
});
