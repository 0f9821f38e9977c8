// Hand-built SuiteRun values for the report tests: no suite runs, no clock.
import type { CheckResult, SuiteRun, WorkflowResult } from '../../../src/suite/results.ts';

export const pass = (check: string): CheckResult => ({ check, outcome: 'passed' });
export const fail = (check: string, reason: string, owner: CheckResult['owner'], kind?: string): CheckResult => ({ check, outcome: 'failed', reason, ...(owner ? { owner } : {}), ...(kind ? { kind } : {}) });
export const skip = (check: string, reason: string): CheckResult => ({ check, outcome: 'not-run', reason });

export const cell = (scenario: string, workflow: string, checks: CheckResult[], durationMs = 120): WorkflowResult => ({ scenario, workflow, checks, durationMs });

export const run = (results: WorkflowResult[], mode: SuiteRun['mode'] = 'mock'): SuiteRun => ({ mode, startedAt: '2026-01-15T10:00:00.000Z', durationMs: 4321, results });

export const WORKFLOWS = ['caller-id', 'call-out', 'complaint', 'prospect-intake', 'clock-in-watch', 'data-quality'];

/** 2 scenarios × 3 workflows, two checks a cell, one failure: wellsky-down · call-out. */
export function smallRun(): SuiteRun {
  const workflows = ['caller-id', 'call-out', 'complaint'];
  return run(
    ['happy-path', 'wellsky-down'].flatMap((scenario) =>
      workflows.map((workflow) =>
        cell(scenario, workflow, [
          pass(`${workflow} answered`),
          scenario === 'wellsky-down' && workflow === 'call-out'
            ? fail('pages the on-call manager with the reason', 'no page was sent: the manager alert was never recorded by the notifier', 'gigi')
            : pass(`${workflow} recorded what it did`),
        ]),
      ),
    ),
  );
}

/** The catalogue's size: 22 scenarios (some with long names) × the 6 workflows, a failure here and there, a not-run column. */
export function catalogueRun(): SuiteRun {
  const scenarios = Array.from({ length: 22 }, (_, i) => (i % 4 === 0 ? `credentials-not-provisioned-variant-${i}` : `scenario-${i}`));
  return run(
    scenarios.flatMap((scenario, i) =>
      WORKFLOWS.map((workflow, j) => {
        if (workflow === 'prospect-intake' && i % 3 === 0) return cell(scenario, workflow, [skip('creates a lead', 'not run in live mode: a prospect intake writes a Patient to WellSky')]);
        if ((i + j) % 9 === 0) return cell(scenario, workflow, [pass('answers'), fail('uses the right route', `WellSky's gateway answered 403 for GET /v1/Practitioner (${scenario}); the client's path is wrong, not the credentials`, 'agency-client', 'unknown-route')]);
        return cell(scenario, workflow, [pass('answers'), pass('records')]);
      }),
    ),
  );
}
