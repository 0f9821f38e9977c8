// What every report says the same way: whose side a failure is on, the totals
// line, the grid's axes, the failures and the not-run items, and text made
// safe for one line of a terminal. Pure functions over a SuiteRun.
import { OWNERS } from '../../wellsky/diagnosis.ts';
import { cellOutcome, totals, type CheckResult, type FailureOwner, type Outcome, type SuiteRun, type Totals, type WorkflowResult } from '../results.ts';

/** Whose side a failure is on, in the words a person acts on. */
export function ownerWords(owner: FailureOwner | undefined): string {
  if (owner === undefined) return 'not stated';
  if (owner === 'gigi') return "Gigi's own logic";
  if (owner === 'scenario') return "the scenario's expectations";
  return OWNERS[owner];
}

/** Exactly `N passed, N failed`, plus `, N not run` when any was not run. */
export function totalsLine(of: SuiteRun | Totals): string {
  const t = 'results' in of ? totals(of) : of;
  return `${t.passed} passed, ${t.failed} failed${t.notRun ? `, ${t.notRun} not run` : ''}`;
}

/** The grid's rows and columns, each in the order it first appears in the run. */
export function axes(run: SuiteRun): { scenarios: string[]; workflows: string[] } {
  return {
    scenarios: [...new Set(run.results.map((r) => r.scenario))],
    workflows: [...new Set(run.results.map((r) => r.workflow))],
  };
}

/** Each cell's outcome by scenario then workflow; a cell the run did not hold is absent. */
export function grid(run: SuiteRun): Map<string, Map<string, Outcome>> {
  const rows = new Map<string, Map<string, Outcome>>();
  for (const result of run.results) {
    const row = rows.get(result.scenario) ?? new Map<string, Outcome>();
    const earlier = row.get(result.workflow);
    const outcome = cellOutcome(result);
    // Two results for one cell (a re-run): the worse one shows.
    row.set(result.workflow, earlier === undefined ? outcome : worse(earlier, outcome));
    rows.set(result.scenario, row);
  }
  return rows;
}

function worse(a: Outcome, b: Outcome): Outcome {
  const rank: Record<Outcome, number> = { failed: 2, passed: 1, 'not-run': 0 };
  return rank[a] >= rank[b] ? a : b;
}

export interface Item {
  scenario: string;
  workflow: string;
  check: CheckResult;
}

/** Every check with the given outcome, in run order. */
export function checksWith(run: SuiteRun, outcome: Outcome): Item[] {
  return run.results.flatMap((r: WorkflowResult) => r.checks.filter((c) => c.outcome === outcome).map((check) => ({ scenario: r.scenario, workflow: r.workflow, check })));
}

/** The not-run checks grouped by their reason, reasons in the order first seen. */
export function notRunByReason(run: SuiteRun): { reason: string; items: Item[] }[] {
  const groups = new Map<string, Item[]>();
  for (const item of checksWith(run, 'not-run')) {
    const reason = item.check.reason?.trim() || 'no reason given';
    groups.set(reason, [...(groups.get(reason) ?? []), item]);
  }
  return [...groups].map(([reason, items]) => ({ reason, items }));
}

/**
 * Text for one terminal line: control characters (escape sequences included,
 * so a reason cannot repaint the terminal) become spaces, runs of white space
 * one space.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Columns a string takes on a terminal: ANSI colour codes take none, emoji and wide CJK two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(/\u001B\[[0-9;]*m/g, '')) {
    if (/\p{Mark}|\u200D|[\uFE00-\uFE0F]/u.test(char)) continue;
    width += /\p{Emoji_Presentation}|[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char) ? 2 : 1;
  }
  return width;
}

/** `text` cut to at most `width` columns, ending in `ellipsis` when cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) + displayWidth(ellipsis) > width) break;
    out += char;
  }
  return out + ellipsis;
}

/** `text` cut to at most `width` columns by taking out its middle: `credentials-not-provisioned-variant-12` → `credenti…variant-12`. */
export function truncateMiddle(text: string, width: number, ellipsis = '…'): string {
  if (displayWidth(text) <= width) return text;
  const chars = [...text];
  const room = Math.max(0, width - displayWidth(ellipsis));
  let head = '';
  let tail = '';
  let i = 0;
  let j = chars.length - 1;
  // Alternate, one character from each end, the end first (where variants differ).
  for (let turn = 0; i <= j; turn++) {
    const fromEnd = turn % 2 === 0;
    const char = fromEnd ? chars[j]! : chars[i]!;
    if (displayWidth(head + tail) + displayWidth(char) > room) break;
    if (fromEnd) {
      tail = char + tail;
      j--;
    } else {
      head += char;
      i++;
    }
  }
  return head + ellipsis + tail;
}

/** `text` padded with spaces on the right to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Words wrapped to `width` columns: the first line starts with `first`, the
 * rest with `rest` (an indent). A word longer than a line is left whole.
 */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of oneLine(text).split(' ')) {
    if (!empty && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line);
      line = rest + word;
    } else line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Items joined by `separator` and wrapped to `width` columns between items, never inside one. */
export function wrapItems(items: string[], width: number, first: string, rest: string, separator: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const item of items) {
    if (!empty && displayWidth(line + separator + item) > width) {
      lines.push(line.trimEnd());
      line = rest + item;
    } else line += (empty ? '' : separator) + item;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Seconds for a person: `0.4 s`, `12.3 s`, `2 min 5 s`. */
export function humanDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < 60_000) return `${(safe / 1000).toFixed(1)} s`;
  const seconds = Math.round(safe / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
