// What one run of the Zingage-replacement suite found, as data: the scorecard,
// reports/junit.xml and reports/summary.md are all drawn from this.
import type { Owner } from '../wellsky/diagnosis.ts';

/** `not-run`: skipped on purpose (e.g. a write in live mode), with the reason why. */
export type Outcome = 'passed' | 'failed' | 'not-run';

/** Who must act on a failure: the WellSky diagnosis owners, plus Gigi's own logic and the suite's expectations. */
export type FailureOwner = Owner | 'gigi' | 'scenario';

export interface CheckResult {
  /** A short name of what was checked: "greets the caller by name". */
  check: string;
  outcome: Outcome;
  /** Why it failed or was not run, in words a person acts on; absent when it passed. */
  reason?: string;
  /** Whose side a failure is on; absent when it passed. */
  owner?: FailureOwner;
  /** The failure's kind when WellSky answered with one (unknown-route, upstream-down, ...). */
  kind?: string;
}

export interface WorkflowResult {
  scenario: string;
  /** caller-id, call-out, complaint, prospect-intake, clock-in-watch, data-quality. */
  workflow: string;
  checks: CheckResult[];
  /** Wall time of this cell, for the JUnit report; never asserted. */
  durationMs: number;
}

export interface SuiteRun {
  /** `mock` (the embedded simulated WellSky) or `live`. */
  mode: 'mock' | 'live';
  startedAt: string;
  durationMs: number;
  results: WorkflowResult[];
}

export interface Totals {
  passed: number;
  failed: number;
  notRun: number;
}

/** A cell's outcome: failed if any check failed, not-run if none ran, else passed. */
export function cellOutcome(result: WorkflowResult): Outcome {
  if (result.checks.some((c) => c.outcome === 'failed')) return 'failed';
  if (result.checks.every((c) => c.outcome === 'not-run')) return 'not-run';
  return 'passed';
}

/** Counted by check, so a person sees how much was asserted, not only how many cells. */
export function totals(run: SuiteRun): Totals {
  const all = run.results.flatMap((r) => r.checks);
  return {
    passed: all.filter((c) => c.outcome === 'passed').length,
    failed: all.filter((c) => c.outcome === 'failed').length,
    notRun: all.filter((c) => c.outcome === 'not-run').length,
  };
}
