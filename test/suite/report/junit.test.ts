// reports/junit.xml: the JUnit shape, escaping, and validity against
// test/fixtures/junit.xsd — with proof the schema check can fail.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { junitSeconds, junitTimestamp, renderJUnit, stripIllegal, xmlAttribute, xmlText } from '../../../src/suite/report/junit.ts';
import { writeReports } from '../../../src/suite/report/write-reports.ts';
import { catalogueRun, cell, fail, pass, run, skip, smallRun } from './runs.ts';
import { validateJUnit } from './xsd.ts';

const NASTY = `<script>alert("x" & 'y')</script> ]]> \u0000nul\u0001\u0008\u000B\u001F\uFFFE 👩‍⚕️ café \ud800 tab\tline\nreturn\r`;

/** The inverse of xmlAttribute / xmlText, for checking what a parser reads back. */
function unescape(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|#10|#13|#9|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", '#10': '\n', '#13': '\r', '#9': '\t', amp: '&' })[name]!);
}

const attribute = (xml: string, element: string, name: string) => [...xml.matchAll(new RegExp(`<${element}\\b[^>]*?\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('renderJUnit', () => {
  it('has one testsuite per scenario and one testcase per check, named scenario.workflow and check', () => {
    const xml = renderJUnit(smallRun());
    expect(attribute(xml, 'testsuite', 'name')).toEqual(['happy-path', 'wellsky-down']);
    expect(attribute(xml, 'testsuite', 'tests')).toEqual(['6', '6']);
    expect(attribute(xml, 'testsuite', 'failures')).toEqual(['0', '1']);
    expect(attribute(xml, 'testsuite', 'errors')).toEqual(['0', '0']);
    expect(attribute(xml, 'testsuite', 'skipped')).toEqual(['0', '0']);
    expect(attribute(xml, 'testsuite', 'timestamp')).toEqual(['2026-01-15T10:00:00', '2026-01-15T10:00:00']);
    expect(attribute(xml, 'testsuite', 'time')).toEqual(['0.360', '0.360']);
    expect(attribute(xml, 'testcase', 'classname')).toHaveLength(12);
    expect(xml).toContain('<testcase classname="wellsky-down.call-out" name="pages the on-call manager with the reason" time="0.060">');
    expect(xml).toMatch(/<testsuites name="Zingage-replacement suite \(mock\)" tests="12" failures="1" errors="0" skipped="0" time="4.321" timestamp="2026-01-15T10:00:00">/);
  });

  it('gives a failure its reason as message, its kind (else owner) as type, and details naming the owner', () => {
    const xml = renderJUnit(
      run([
        cell('wrong-path', 'caller-id', [fail('uses a route', 'GET /v1/Practitioner is not a route', 'agency-client', 'unknown-route')]),
        cell('expects', 'call-out', [fail('offers the shift', 'nobody was offered the shift', 'scenario')]),
      ]),
    );
    expect(xml).toContain('<failure message="GET /v1/Practitioner is not a route" type="unknown-route">GET /v1/Practitioner is not a route\nowner: the agency&apos;s client (Gigi&apos;s code or its configuration)\nkind: unknown-route\n');
    expect(xml).toContain('<failure message="nobody was offered the shift" type="scenario">');
    expect(xml).toContain('owner: the scenario&apos;s expectations');
  });

  it('marks a not-run check skipped with why', () => {
    const xml = renderJUnit(run([cell('live', 'call-out', [skip('writes a note', 'not run in live mode: writes a task log')])], 'live'));
    expect(xml).toContain('<skipped message="not run in live mode: writes a task log"/>');
    expect(attribute(xml, 'testsuite', 'skipped')).toEqual(['1']);
  });

  it('escapes markup and drops what XML 1.0 cannot hold, keeping emoji', () => {
    const xml = renderJUnit(run([cell(NASTY, NASTY, [fail(NASTY, NASTY, 'wellsky', NASTY), skip(NASTY, NASTY), pass(NASTY)])]));
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt; ]]&gt;');
    expect(xml).toContain('👩‍⚕️ café');
    const expected = stripIllegal(NASTY);
    for (const value of attribute(xml, 'testcase', 'name')) expect(unescape(value)).toBe(expected);
    expect(attribute(xml, 'failure', 'message').map(unescape)).toEqual([expected]);
    expect(attribute(xml, 'skipped', 'message').map(unescape)).toEqual([expected]);
  });

  it('escapes each special character on its own', () => {
    expect(xmlText(`a<b>c&d"e'f`)).toBe('a&lt;b&gt;c&amp;d&quot;e&apos;f');
    expect(xmlText('x\u0000y\u001Fz\u0007')).toBe('xyz');
    expect(xmlText('keep\ttab\nand\rCR')).toBe('keep\ttab\nand&#13;CR');
    expect(xmlAttribute('one\ntwo\tthree')).toBe('one&#10;two&#9;three');
    expect(xmlText('😀 \u{1F600}')).toBe('😀 😀');
    expect(xmlText('lone \uDC00 surrogate')).toBe('lone  surrogate');
  });

  it('writes times as non-negative seconds and Ant’s timestamp form', () => {
    expect(junitSeconds(1234)).toBe('1.234');
    expect(junitSeconds(-5)).toBe('0.000');
    expect(junitSeconds(Number.NaN)).toBe('0.000');
    expect(junitTimestamp('2026-01-15T10:00:00.123Z')).toBe('2026-01-15T10:00:00');
    expect(junitTimestamp('not a date')).toBeUndefined();
    const xml = renderJUnit({ ...smallRun(), startedAt: 'not a date', durationMs: -1 });
    expect(xml).not.toContain('timestamp=');
    expect(xml).toContain('time="0.000"');
  });
});

describe('reports/junit.xml against the JUnit schema (test/fixtures/junit.xsd)', () => {
  it('validates as written by writeReports, for a run with passes, failures and not-run checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suite-reports-'));
    const paths = writeReports(catalogueRun(), dir);
    const result = await validateJUnit(readFileSync(paths.junit, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('validates with hostile text everywhere, and for an empty run', async () => {
    const hostile = run([cell(NASTY, NASTY, [fail(NASTY, NASTY, 'gigi', NASTY), skip(NASTY, NASTY), pass(NASTY)], Number.NaN)]);
    for (const r of [hostile, run([]), run([cell('empty-cell', 'call-out', [])])]) {
      const result = await validateJUnit(renderJUnit(r));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('rejects documents that break the schema, so the check above can fail', async () => {
    const good = renderJUnit(smallRun());
    const broken = {
      'a testcase without a name': good.replace(' name="pages the on-call manager with the reason"', ''),
      'a testsuite without tests': good.replace(/(<testsuite name="happy-path") tests="6"/, '$1'),
      'a negative count': good.replace('failures="1"', 'failures="-1"'),
      'a time that is not a number': good.replace('time="4.321"', 'time="soon"'),
      'a failure outside a testcase': good.replace('    <properties>', '    <failure message="x"/>\n    <properties>'),
      'both skipped and failed': good.replace('<failure ', '<skipped/><failure '),
      'an unknown element': good.replace('<properties>', '<bogus/><properties>'),
      'a document that is not well-formed': good.replace('</testsuites>', ''),
    };
    for (const [what, xml] of Object.entries(broken)) {
      expect(xml, what).not.toBe(good);
      const result = await validateJUnit(xml);
      expect(result.valid, what).toBe(false);
      expect(result.errors.length, what).toBeGreaterThan(0);
    }
    const noName = await validateJUnit(broken['a testcase without a name']);
    expect(noName.errors.map((e) => e.message).join('\n')).toMatch(/Element 'testcase': The attribute 'name' is required/);
  });
});
