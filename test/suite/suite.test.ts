// The suite end to end, and proof it can fail: scenario files whose
// expectations are wrong for what Gigi does make the matching check fail,
// with a reason that names the cause.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { renderJUnit } from '../../src/suite/report/junit.ts';
import { renderScorecard } from '../../src/suite/report/scorecard.ts';
import { runSuite } from '../../src/suite/run-suite.ts';
import type { SuiteRun } from '../../src/suite/results.ts';

const config = loadConfig({ WELLSKY_RATE_LIMIT_PER_SECOND: '100' });
const dir = mkdtempSync(join(tmpdir(), 'suite-scenarios-'));

/** A copy of a catalogue scenario under another name, its suite block replaced. */
function variant(from: string, name: string, suite: string): void {
  const text = readFileSync(`scenarios/${from}.yaml`, 'utf8').replace(`name: ${from}`, `name: ${name}`);
  const start = text.indexOf('\nsuite:');
  const end = text.indexOf('\nexpect:');
  writeFileSync(join(dir, `${name}.yaml`), `${text.slice(0, start + 1)}${suite ? `suite:\n${suite}` : ''}${text.slice(end + 1)}`);
}

describe('the Zingage-replacement suite', () => {
  let run: SuiteRun;
  beforeAll(async () => {
    cpSync('scenarios/happy-path.yaml', join(dir, 'happy-path.yaml'));
    cpSync('scenarios/wellsky-down.yaml', join(dir, 'wellsky-down.yaml'));
    // Wrong on purpose: the caregiver is greeted from the cache, not the API; the agency is fully booked.
    variant('happy-path', 'expects-api-and-offers', '  caller-id: { source: api }\n  call-out: { outcome: offered, shiftNote: written }\n');
    // Wrong on purpose: WellSky is down, so the manager's page names upstream-down, not bad-credentials.
    variant('wellsky-down', 'expects-wrong-kind', '  caller-id: { source: cache }\n  call-out: { outcome: manager-alerted, shiftNote: skipped, failureKind: bad-credentials }\n');
    variant('happy-path', 'says-nothing', '');
    // A file the simulated WellSky refuses: its cells fail, the rest of the run goes on.
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\ndescription: a scenario file with a fault rule the schema refuses, to show one bad file does not stop the run\nfaults: 7\n');
    run = await runSuite({ config, clock: systemClock, scenariosDir: `${dir}/` });
  }, 60_000);
  afterAll(() => {});

  const cell = (scenario: string, workflow: string) => run.results.find((r) => r.scenario === scenario && r.workflow === workflow)!;
  const failed = (scenario: string, workflow: string) => cell(scenario, workflow).checks.filter((c) => c.outcome === 'failed');

  it('passes every check where the scenario says what Gigi does', () => {
    for (const scenario of ['happy-path', 'wellsky-down']) {
      for (const workflow of ['caller-id', 'call-out']) expect(failed(scenario, workflow), `${scenario} ${workflow}`).toEqual([]);
    }
    // Real checks ran: a greeting by name, a manager's page, a note WellSky received, a retry that repeated nothing.
    const checks = cell('happy-path', 'call-out').checks.map((c) => c.check);
    expect(checks).toEqual(expect.arrayContaining(['leaves one note on the shift in WellSky', "Retell's retry of the same call repeats nothing", 'pages the on-call manager']));
  });

  it('fails, naming the cause, when Gigi does not do what the scenario says', () => {
    expect(failed('expects-api-and-offers', 'caller-id').map((c) => c.reason)).toEqual([expect.stringContaining('the answer came from "cache"')]);
    const callOut = failed('expects-api-and-offers', 'call-out');
    expect(callOut.map((c) => c.check)).toEqual(['takes the call-out: offered', 'offers the shift to free replacements under 40 hours']);
    expect(callOut[0]!.reason).toContain('outcome was "no-replacement"');
    const kind = failed('expects-wrong-kind', 'call-out');
    expect(kind).toHaveLength(1);
    expect(kind[0]!.check).toBe('pages the on-call manager naming bad-credentials');
    expect(kind[0]!.reason).toContain('does not name bad-credentials');
  });

  it('reports a scenario that says nothing of a workflow as the scenario’s failure, not a pass', () => {
    const [check] = failed('says-nothing', 'call-out');
    expect(check!.owner).toBe('scenario');
    expect(check!.reason).toContain('has no suite.call-out entry');
  });

  it('reports a scenario the simulated WellSky cannot load on its cells and runs the rest', () => {
    const [check] = failed('broken', 'caller-id');
    expect(check!.owner).toBe('scenario');
    expect(check!.reason).toContain('faults');
    expect(cell('happy-path', 'caller-id')).toBeDefined();
  });

  it('renders a scorecard with each failure and the totals, and JUnit XML with one failure element per failed check', () => {
    const text = renderScorecard(run, { color: false });
    const all = run.results.flatMap((r) => r.checks);
    const failures = all.filter((c) => c.outcome === 'failed').length;
    expect(text).toContain(`${all.length - failures} passed, ${failures} failed`);
    expect(text).toContain('expects-wrong-kind · call-out · pages the on-call manager naming bad-credentials');
    const xml = renderJUnit(run);
    expect(xml.match(/<failure /g)).toHaveLength(failures);
    expect(xml.match(/<testcase /g)).toHaveLength(all.length);
  });
});
