// The terminal scorecard: every failure's reason and owner, the exact totals
// line, a grid that fits 100 columns for the whole catalogue.
import { describe, expect, it } from 'vitest';
import { renderScorecard } from '../../../src/suite/report/scorecard.ts';
import { displayWidth, ownerWords, totalsLine } from '../../../src/suite/report/words.ts';
import { OWNERS } from '../../../src/wellsky/diagnosis.ts';
import { catalogueRun, cell, fail, pass, run, skip, smallRun } from './runs.ts';

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('the scorecard', () => {
  it('says "1 failed" for a run with one failure, as its last line, with the failure’s reason and owner', () => {
    const text = renderScorecard(smallRun(), { color: false });
    expect(lastLine(text)).toBe('11 passed, 1 failed');
    expect(text).toContain('wellsky-down · call-out · pages the on-call manager with the reason');
    expect(text).toContain('no page was sent: the manager alert was never recorded by the notifier');
    expect(text).toContain("owner: Gigi's own logic");
  });

  it('draws a row per scenario and a column per workflow with a mark in each cell', () => {
    const lines = renderScorecard(smallRun(), { color: false }).split('\n');
    const header = lines.find((l) => l.startsWith('scenario'))!;
    expect(header.split(/\s+/)).toEqual(['scenario', 'caller-id', 'call-out', 'complaint']);
    expect(lines.find((l) => l.startsWith('happy-path'))!.split(/\s+/)).toEqual(['happy-path', '✔', '✔', '✔']);
    expect(lines.find((l) => l.startsWith('wellsky-down'))!.split(/\s+/)).toEqual(['wellsky-down', '✔', '✘', 'FAIL', '✔']);
  });

  it('shows every failure’s reason and owner, for each kind of owner', () => {
    const owners = ['agency-client', 'agency-account', 'wellsky', 'gigi', 'scenario'] as const;
    const text = renderScorecard(run(owners.map((owner, i) => cell(`s${i}`, 'call-out', [fail(`check ${owner}`, `reason number ${i} for ${owner}`, owner, i === 0 ? 'unknown-route' : undefined)]))), { color: false, width: 100 });
    for (const [i, owner] of owners.entries()) {
      expect(text).toContain(`s${i} · call-out · check ${owner}`);
      expect(text).toContain(`reason number ${i} for ${owner}`);
      expect(text).toContain(ownerWords(owner));
    }
    expect(ownerWords('wellsky')).toBe(OWNERS.wellsky);
    expect(ownerWords('gigi')).toBe("Gigi's own logic");
    expect(ownerWords('scenario')).toBe("the scenario's expectations");
    expect(text).toContain('kind: unknown-route');
    expect(lastLine(text)).toBe('0 passed, 5 failed');
  });

  it('shares one reason among a scenario’s failures that have the same cause, still naming each check', () => {
    const same = (check: string, workflow: string) => cell('wrong-path-january', workflow, [fail(check, 'GET /v1/Practitioner is not a route', 'agency-client', 'unknown-route')]);
    const text = renderScorecard(run([same('greets', 'caller-id'), same('alerts', 'call-out')]), { color: false });
    expect(text).toContain('wrong-path-january · caller-id · greets');
    expect(text).toContain('wrong-path-january · call-out · alerts');
    expect(text.match(/GET \/v1\/Practitioner is not a route/g)).toHaveLength(1);
  });

  it('counts not-run checks in the totals and lists them under their reason', () => {
    const text = renderScorecard(
      run([cell('live', 'caller-id', [pass('answers')]), ...['call-out', 'complaint'].map((w) => cell('live', w, [skip(`${w} checks`, 'not run in live mode: it writes to WellSky')]))], 'live'),
      { color: false },
    );
    expect(lastLine(text)).toBe('1 passed, 0 failed, 2 not run');
    expect(text).toContain('not run in live mode: it writes to WellSky (2)');
    expect(text).toContain('live · call-out · call-out checks');
    expect(text).toContain('live · complaint · complaint checks');
    expect(text).toMatch(/^live\s+✔\s+–\s+–$/m);
  });

  it('lists at most a few not-run items per reason and says how many more', () => {
    const cells = Array.from({ length: 20 }, (_, i) => cell(`scenario-${i}`, 'call-out', [skip('writes a note', 'read-only live mode')]));
    const text = renderScorecard(run(cells), { color: false, notRunListed: 3 });
    expect(text).toContain('… and 17 more');
    expect(text).not.toContain('scenario-3 · call-out');
  });

  it('fits 100 columns for 22 scenarios × 6 workflows, shortening headers with a legend', () => {
    const text = renderScorecard(catalogueRun(), { color: false });
    const lines = text.split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => /^(credentials|scenario-)/.test(l) && /[✔✘–]/.test(l))).toHaveLength(22);
    expect(text).toContain('prospect-intake');
    expect(text).toMatch(/columns: .*intake = prospect-intake/);
    expect(lastLine(text)).toBe(totalsLine(catalogueRun()));
  });

  it('fits a narrow terminal too, cutting scenario names last', () => {
    const text = renderScorecard(catalogueRun(), { color: false, width: 60 });
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    const rows = text.split('\n').filter((l) => /[✔✘–]/.test(l) && !l.includes('every check passed') && !/^\s/.test(l) && !l.startsWith('Zingage'));
    expect(rows).toHaveLength(22);
    // Cut in the middle, so the variants stay apart.
    const names = rows.map((l) => l.split(/\s+/)[0]);
    expect(new Set(names).size).toBe(22);
    expect(names.find((n) => n?.endsWith('variant-12'))).toMatch(/^credentials-.*….*-variant-12$/);
  });

  it('never cuts a scenario name when the grid fits by shortening columns', () => {
    const text = renderScorecard(catalogueRun(), { color: false, width: 80 });
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(text).toContain('credentials-not-provisioned-variant-12 ');
  });

  it('colours only when asked, and colour changes nothing else', () => {
    const plain = renderScorecard(smallRun(), { color: false });
    const coloured = renderScorecard(smallRun(), { color: true });
    expect(plain).not.toContain('\u001B');
    expect(coloured).toContain('\u001B[');
    expect(coloured.replace(/\u001B\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('keeps escape sequences and line breaks in a reason off the terminal', () => {
    const text = renderScorecard(run([cell('s', 'w', [fail('c', 'bad\u001B[2J\r\nnews\u0000here', 'wellsky')])]), { color: false });
    expect(text).not.toMatch(/[\u0000\u001B\r]/);
    expect(text).toContain('bad [2J news here');
  });

  it('can be written in plain ASCII', () => {
    const text = renderScorecard(catalogueRun(), { color: false, unicode: false });
    expect(text).toMatch(/^[\x20-\x7E\n]*$/);
    expect(text).toContain('FAIL');
  });

  it('says so when nothing ran', () => {
    const text = renderScorecard(run([]), { color: false });
    expect(text).toContain('No scenario was run.');
    expect(lastLine(text)).toBe('0 passed, 0 failed');
  });
});
