// reports/junit.xml in the common JUnit shape (Ant's and Jenkins'): one
// <testsuite> per scenario, one <testcase classname="<scenario>.<workflow>"
// name="<check>"> per check; a failed check holds a <failure> whose type is
// the failure's kind (else its owner), a not-run check a <skipped> with why.
// test/fixtures/junit.xsd is the schema a test holds this to.
import type { CheckResult, SuiteRun, WorkflowResult } from '../results.ts';
import { axes, ownerWords } from './words.ts';

/**
 * Text safe in XML 1.0 content and attribute values: characters XML 1.0
 * cannot hold (NUL and the other C0 controls but tab, newline and carriage
 * return; lone surrogates; U+FFFE and U+FFFF) removed, the five markup
 * characters escaped. A carriage return is written as a reference so a
 * parser does not fold it into a newline.
 */
export function xmlText(text: string): string {
  return stripIllegal(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value: as {@link xmlText}, and tab and newline as references, which attribute normalisation would turn into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Characters outside XML 1.0's Char production removed. */
export function stripIllegal(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Seconds with millisecond precision, as JUnit readers expect; never negative. */
export function junitSeconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

/** Ant's timestamp form (`2026-01-15T10:00:00`, no zone; this one is UTC), or undefined when `iso` is not a date. */
export function junitTimestamp(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 19);
}

const count = (checks: CheckResult[], outcome: CheckResult['outcome']) => checks.filter((c) => c.outcome === outcome).length;

function attributes(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}

export function renderJUnit(run: SuiteRun): string {
  const all = run.results.flatMap((r) => r.checks);
  const timestamp = junitTimestamp(run.startedAt);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attributes([
      ['name', `Zingage-replacement suite (${run.mode})`],
      ['tests', all.length],
      ['failures', count(all, 'failed')],
      ['errors', 0],
      ['skipped', count(all, 'not-run')],
      ['time', junitSeconds(run.durationMs)],
      ['timestamp', timestamp],
    ])}>`,
  );
  for (const scenario of axes(run).scenarios) {
    const cells = run.results.filter((r) => r.scenario === scenario);
    const checks = cells.flatMap((r) => r.checks);
    out.push(
      `  <testsuite${attributes([
        ['name', scenario],
        ['tests', checks.length],
        ['failures', count(checks, 'failed')],
        ['errors', 0],
        ['skipped', count(checks, 'not-run')],
        ['time', junitSeconds(cells.reduce((sum, r) => sum + safeMs(r.durationMs), 0))],
        ['timestamp', timestamp],
      ])}>`,
    );
    out.push('    <properties>', `      <property${attributes([['name', 'mode'], ['value', run.mode]])}/>`, '    </properties>');
    for (const cell of cells) out.push(...testcases(cell));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function safeMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** A cell's checks as testcases; the cell's time is shared evenly among them (checks are not timed one by one). */
function testcases(cell: WorkflowResult): string[] {
  const each = cell.checks.length ? safeMs(cell.durationMs) / cell.checks.length : 0;
  return cell.checks.flatMap((check) => {
    const open = `    <testcase${attributes([
      ['classname', `${cell.scenario}.${cell.workflow}`],
      ['name', check.check],
      ['time', junitSeconds(each)],
    ])}`;
    if (check.outcome === 'passed') return [`${open}/>`];
    if (check.outcome === 'not-run') return [`${open}>`, `      <skipped${attributes([['message', check.reason ?? 'not run']])}/>`, '    </testcase>'];
    const reason = check.reason ?? 'no reason given';
    const details = [reason, `owner: ${ownerWords(check.owner)}`, ...(check.kind ? [`kind: ${check.kind}`] : []), `where: ${cell.scenario} · ${cell.workflow} · ${check.check}`].join('\n');
    return [
      `${open}>`,
      `      <failure${attributes([
        ['message', reason],
        ['type', check.kind ?? check.owner ?? 'failed'],
      ])}>${xmlText(details)}</failure>`,
      '    </testcase>',
    ];
  });
}
