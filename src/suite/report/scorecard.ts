// The scorecard a person reads at a glance after `npm start`: a grid of
// scenario (rows) × workflow (columns), then each failure with its reason and
// whose side it is on, then what was not run grouped by why, then the totals
// as "N passed, N failed" on the last line. It fits `width` columns (100 by
// default): long workflow names are shortened, with a legend, before scenario
// names are cut.
import type { Outcome, SuiteRun } from '../results.ts';
import { axes, checksWith, type Item, displayWidth, grid, humanDuration, notRunByReason, oneLine, ownerWords, padEnd, totalsLine, truncate, truncateMiddle, wrap, wrapItems } from './words.ts';

export interface ScorecardOptions {
  /** ANSI colours (green pass, red fail, dim not run); only when asked. */
  color: boolean;
  /** Columns the scorecard must fit; 100 unless said. */
  width?: number;
  /** ✔ ✘ – and · (the default), or plain ASCII for a terminal without Unicode. */
  unicode?: boolean;
  /** Not-run items listed under each reason before "… and N more"; 8 unless said. */
  notRunListed?: number;
}

const GAP = 2;
const MIN_WIDTH = 40;

/** Shorter names for the suite's own workflows, used when the full names do not fit. */
const SHORT: Record<string, string> = {
  'caller-id': 'caller-id',
  'call-out': 'call-out',
  complaint: 'complaint',
  'prospect-intake': 'intake',
  'clock-in-watch': 'clock-in',
  'data-quality': 'data-qual',
};

export function renderScorecard(run: SuiteRun, options: ScorecardOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? 100));
  const unicode = options.unicode ?? true;
  const dot = unicode ? '·' : '/';
  const ellipsis = unicode ? '…' : '...';
  const paint = (code: string, text: string) => (options.color ? `\u001B[${code}m${text}\u001B[0m` : text);
  const times = unicode ? '×' : 'x';
  // A failed cell says FAIL as well as ✘, so it stands out without colour; on a narrow terminal, ✘ alone.
  const wideMarks: Record<Outcome, string> = unicode
    ? { passed: paint('32', '✔'), failed: paint('1;31', '✘ FAIL'), 'not-run': paint('2', '–') }
    : { passed: paint('32', 'ok'), failed: paint('1;31', 'FAIL'), 'not-run': paint('2', '-') };
  const compactMarks: Record<Outcome, string> = unicode
    ? { passed: paint('32', '✔'), failed: paint('1;31', '✘'), 'not-run': paint('2', '–') }
    : { passed: paint('32', '+'), failed: paint('1;31', 'X'), 'not-run': paint('2', '-') };

  let marks = wideMarks;
  const { scenarios, workflows } = axes(run);
  const cells = grid(run);
  const lines: string[] = [];

  const header = `Zingage-replacement suite ${dot} ${run.mode} mode ${dot} ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} ${times} ${workflows.length} workflow${workflows.length === 1 ? '' : 's'} ${dot} ${humanDuration(run.durationMs)}`;
  lines.push(truncate(header, width, ellipsis), '');

  if (scenarios.length === 0) lines.push('No scenario was run.');
  else {
    const layout = fitGrid(scenarios, workflows, width, [wideMarks, compactMarks], ellipsis);
    marks = layout.marks;
    const head = padEnd('scenario', layout.rowWidth) + layout.labels.map((label, i) => ' '.repeat(GAP) + padEnd(label, layout.columns[i]!)).join('');
    lines.push(head.trimEnd());
    for (const scenario of scenarios) {
      const row = cells.get(scenario);
      const marked = workflows.map((workflow, i) => {
        const outcome = row?.get(workflow);
        return ' '.repeat(GAP) + padEnd(outcome ? marks[outcome] : '', layout.columns[i]!);
      });
      lines.push((padEnd(truncateMiddle(oneLine(scenario), layout.rowWidth, ellipsis), layout.rowWidth) + marked.join('')).trimEnd());
    }
    lines.push('');
    lines.push(...wrapItems([`${marks.passed} = every check passed`, `${marks.failed} = a check failed`, `${marks['not-run']} = not run`], width, 'marks:   ', '         ', ` ${dot} `));
    const shortened = workflows.map((w, i) => ({ w: oneLine(w), label: layout.labels[i]! })).filter(({ w, label }) => w !== label);
    if (shortened.length) lines.push(...wrapItems(shortened.map(({ w, label }) => `${label} = ${w}`), width, 'columns: ', '         ', ` ${dot} `));
  }

  const failures = checksWith(run, 'failed');
  if (failures.length) {
    lines.push('', paint('1;31', `Failures (${failures.length}):`));
    // Failures in a row of one scenario with the same reason, owner and kind
    // (every check of the January wrong path, say) share one why and owner.
    const bullet = unicode ? '✘' : 'x';
    const same = (a: Item, b: Item) => a.scenario === b.scenario && a.check.reason === b.check.reason && a.check.owner === b.check.owner && a.check.kind === b.check.kind;
    for (let i = 0; i < failures.length; ) {
      let j = i + 1;
      while (j < failures.length && same(failures[i]!, failures[j]!)) j++;
      for (const { scenario, workflow, check } of failures.slice(i, j)) lines.push(...wrap(`${scenario} ${dot} ${workflow} ${dot} ${check.check}`, width, `  ${bullet} `, '    '));
      const { check } = failures[i]!;
      lines.push(...wrap(check.reason?.trim() ? check.reason : 'no reason given', width, '      why:   ', '             '));
      lines.push(...wrap(`${ownerWords(check.owner)}${check.kind ? ` ${dot} kind: ${check.kind}` : ''}`, width, '      owner: ', '             '));
      i = j;
    }
  }

  const notRun = notRunByReason(run);
  if (notRun.length) {
    const count = notRun.reduce((sum, group) => sum + group.items.length, 0);
    const listed = Math.max(0, options.notRunListed ?? 8);
    lines.push('', paint('2', `Not run (${count}), by reason:`));
    for (const { reason, items } of notRun) {
      lines.push(...wrap(`${reason} (${items.length})`, width, '  ', '    '));
      for (const { scenario, workflow, check } of items.slice(0, listed)) lines.push(...wrap(`${scenario} ${dot} ${workflow} ${dot} ${check.check}`, width, '      ', '        '));
      if (items.length > listed) lines.push(`      ${ellipsis} and ${items.length - listed} more`);
    }
  }

  const line = totalsLine(run);
  lines.push('', checksWith(run, 'failed').length ? paint('1;31', line) : paint('1;32', line));
  return `${lines.join('\n')}\n`;
}

interface GridLayout {
  /** The scenario column's width. */
  rowWidth: number;
  /** Each workflow column's header. */
  labels: string[];
  /** Each workflow column's width. */
  columns: number[];
  marks: Record<Outcome, string>;
}

/**
 * The widest grid that fits: full workflow names; else the short names (or
 * the first word) for those that are too long; else initials; else initials
 * and ✘ without FAIL; and only then scenario names cut in the middle (their
 * ends tell variants apart).
 */
function fitGrid(scenarios: string[], workflows: string[], width: number, [wide, compact]: [Record<Outcome, string>, Record<Outcome, string>], ellipsis: string): GridLayout {
  const longest = Math.max(displayWidth('scenario'), ...scenarios.map((s) => displayWidth(oneLine(s))));
  const full = workflows.map(oneLine);
  const tries: [string[], Record<Outcome, string>][] = [
    [full, wide],
    [shortNames(workflows), wide],
    [initials(workflows), wide],
    [initials(workflows), compact],
  ];
  const layout = (labels: string[], marks: Record<Outcome, string>) => {
    const markWidth = Math.max(...Object.values(marks).map(displayWidth));
    const columns = labels.map((label) => Math.max(markWidth, displayWidth(label)));
    return { labels, columns, marks, need: columns.reduce((sum, c) => sum + GAP + c, 0) };
  };
  const usable = tries.filter(([labels]) => unique(labels)).map(([labels, marks]) => layout(labels, marks));
  for (const { labels, columns, marks, need } of usable) if (longest + need <= width) return { rowWidth: longest, labels, columns, marks };
  const { labels, columns, marks, need } = usable.at(-1) ?? layout(full, compact);
  return { rowWidth: Math.max(displayWidth(ellipsis) + 4, Math.min(longest, width - need)), labels, columns, marks };
}

function shortNames(workflows: string[]): string[] {
  const budget = 10;
  return workflows.map((w) => {
    const name = oneLine(w);
    if (displayWidth(name) <= budget) return name;
    const known = SHORT[name];
    if (known) return known;
    const firstWord = name.split(/[-_ .]/)[0] ?? name;
    return truncate(firstWord, budget, '');
  });
}

/** `caller-id` → `CI`, `call-out` → `CO`, then `complaint` → `CM` (its first letter and the next that is free). */
function initials(workflows: string[]): string[] {
  const taken = new Set<string>();
  return workflows.map((w) => {
    const parts = oneLine(w).toUpperCase().split(/[-_ .]+/).filter(Boolean);
    const letters = [...(parts.join('') || '?')];
    const candidates = [
      ...(parts.length > 1 ? [parts.map((p) => [...p][0]).join('')] : []),
      ...letters.slice(1).map((l) => `${letters[0]}${l}`),
      ...Array.from({ length: workflows.length }, (_, n) => `${letters[0]}${n + 2}`),
    ];
    const label = candidates.find((c) => !taken.has(c)) ?? oneLine(w);
    taken.add(label);
    return label;
  });
}

function unique(labels: string[]): boolean {
  return new Set(labels).size === labels.length;
}
