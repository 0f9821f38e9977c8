// reports/summary.md: the scorecard as Markdown for a CI page or a ticket —
// the totals, the scenario × workflow table, every failure with its reason and
// owner, and what was not run grouped by why. Unlike the terminal scorecard it
// lists everything and shortens nothing.
import type { Outcome, SuiteRun } from '../results.ts';
import { axes, checksWith, grid, humanDuration, notRunByReason, ownerWords, totalsLine } from './words.ts';

/**
 * Text for inline Markdown, table cells included: Markdown's and HTML's
 * special characters escaped (so a reason cannot start a link, a code span, a
 * tag or a new cell), line breaks as `<br>`, control characters removed.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

const MARKS: Record<Outcome, string> = { passed: '✅', failed: '❌ **fail**', 'not-run': '➖ not run' };

export function renderSummary(run: SuiteRun): string {
  const { scenarios, workflows } = axes(run);
  const cells = grid(run);
  const lines: string[] = [
    '# Zingage-replacement suite',
    '',
    `- mode: ${run.mode}`,
    `- when: ${mdText(run.startedAt)} (took ${humanDuration(run.durationMs)})`,
    `- scope: ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} × ${workflows.length} workflow${workflows.length === 1 ? '' : 's'}, counted by check`,
    '',
    `**${totalsLine(run)}**`,
  ];

  if (scenarios.length) {
    lines.push('', `| scenario | ${workflows.map(mdText).join(' | ')} |`, `| --- |${workflows.map(() => ' :---: |').join('')}`);
    for (const scenario of scenarios) {
      const row = cells.get(scenario);
      lines.push(`| ${mdText(scenario)} | ${workflows.map((w) => { const outcome = row?.get(w); return outcome ? MARKS[outcome] : ' '; }).join(' | ')} |`);
    }
    lines.push('', `✅ every check passed · ❌ a check failed · ➖ not run`);
  }

  const failures = checksWith(run, 'failed');
  lines.push('', `## Failures (${failures.length})`, '');
  if (!failures.length) lines.push('None.');
  else {
    lines.push('| scenario | workflow | check | reason | owner | kind |', '| --- | --- | --- | --- | --- | --- |');
    for (const { scenario, workflow, check } of failures) {
      lines.push(`| ${[scenario, workflow, check.check, check.reason?.trim() || 'no reason given', ownerWords(check.owner), check.kind ?? ''].map(mdText).join(' | ')} |`);
    }
  }

  const notRun = notRunByReason(run);
  if (notRun.length) {
    const count = notRun.reduce((sum, group) => sum + group.items.length, 0);
    lines.push('', `## Not run (${count})`);
    for (const { reason, items } of notRun) {
      lines.push('', `**Why:** ${mdText(reason)} (${items.length})`, '');
      for (const { scenario, workflow, check } of items) lines.push(`- ${mdText(scenario)} · ${mdText(workflow)} · ${mdText(check.check)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
