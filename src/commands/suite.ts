// `gigi-harness suite` (`npm start`): the Zingage-replacement suite against the
// embedded simulated WellSky, a progress line while it runs, the scorecard,
// and reports/junit.xml and reports/summary.md. Exit 1 when a check that ran failed.
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { scenarioNames, WORKFLOWS, type Workflow } from '../suite/expectations.ts';
import { renderScorecard } from '../suite/report/scorecard.ts';
import { totalsLine } from '../suite/report/words.ts';
import { createProgress } from '../suite/report/progress.ts';
import { writeReports } from '../suite/report/write-reports.ts';
import { totals, type SuiteRun } from '../suite/results.ts';
import { runSuite } from '../suite/run-suite.ts';

export interface SuiteCommandOptions {
  scenarios?: string[];
  workflows?: string[];
  json?: boolean;
  reportsDir: string;
  /** A person watches stderr: the progress line rewrites itself there. */
  isTTY: boolean;
  color: boolean;
}

export async function suiteCommand(config: Config, ports: { clock: Clock }, options: SuiteCommandOptions, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  if (config.mode === 'live' && options.scenarios?.length) {
    err('--scenario: scenarios are for the simulated WellSky; live mode runs once against the real API (leave --scenario out)');
    return 2;
  }
  if (config.mode === 'prism') {
    err('WELLSKY_MODE=prism: the suite runs against the embedded simulated WellSky (mock) or the real API (live); prism mock answers static examples no workflow can be judged by');
    return 2;
  }
  if (config.mode === 'live') err('live mode: read-only against the real API; the prospect workflow and the checks that need the simulated WellSky\'s journal are not run, and say why');
  const known = scenarioNames();
  const unknownScenario = (options.scenarios ?? []).filter((s) => !known.includes(s));
  if (unknownScenario.length) {
    err(`--scenario: ${unknownScenario.join(', ')} not in scenarios/; the scenarios are: ${known.join(', ')}`);
    return 2;
  }
  const unknownWorkflow = (options.workflows ?? []).filter((w) => !(WORKFLOWS as readonly string[]).includes(w));
  if (unknownWorkflow.length) {
    err(`--workflow: ${unknownWorkflow.join(', ')} is not a workflow; the suite has: ${WORKFLOWS.join(', ')}`);
    return 2;
  }
  // One line on a terminal, rewritten as cells finish; nothing per cell in CI or under --json.
  let progress: ReturnType<typeof createProgress> | undefined;
  const run: SuiteRun = await runSuite({
    config,
    clock: ports.clock,
    ...(options.scenarios?.length ? { scenarios: options.scenarios } : {}),
    ...(options.workflows?.length ? { workflows: options.workflows as Workflow[] } : {}),
    onProgress: (_done, total, label) => {
      progress ??= createProgress({ total, stream: process.stderr, isTTY: options.isTTY && !options.json });
      progress.tick(label);
    },
  });
  progress?.done();
  const paths = writeReports(run, options.reportsDir);
  if (options.json) out(JSON.stringify({ ...run, totals: totals(run), reports: paths }, null, 2));
  else {
    out(renderScorecard(run, { color: options.color }));
    out(`reports: ${paths.junit}, ${paths.summary}`);
  }
  if (!options.json) err(totalsLine(run));
  return totals(run).failed > 0 ? 1 : 0;
}
