// `gigi-harness doctor`: checks the configuration, gets a token, runs the probe,
// and says in plain words what works and, for each failure, its kind, whose side
// owns it, the evidence and the fix. Exit 0 only when everything it tried worked.
import type { Clock } from '../clock.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openTarget, type Target } from '../target.ts';
import { connect } from '../wellsky/connect.ts';
import { DIAGNOSES, OWNERS, type Finding, type Owner } from '../wellsky/diagnosis.ts';
import { probe, type StepResult } from './probe.ts';

export interface DoctorReport {
  ok: boolean;
  mode?: Config['mode'];
  target?: string;
  /** The agency the run spoke for (support needs it beside the request ids). */
  agencyId?: string;
  steps: {
    name: string;
    outcome: StepResult['outcome'];
    summary: string;
    finding?: Finding;
    owner?: Owner;
    meaning?: string;
    fix?: string;
    evidence?: { method?: string; path?: string; status?: number; detail: string; requestId?: string; attempts?: number };
  }[];
}

export interface DoctorPorts {
  clock: Clock;
  /** The environment to read (default: the process's, through config.ts). */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** Extra options for the embedded simulated WellSky (tests). */
  mockOptions?: Record<string, unknown>;
}

export async function runDoctor(ports: DoctorPorts): Promise<DoctorReport> {
  let config: Config;
  try {
    config = ports.env ? loadConfig(ports.env) : loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const d = DIAGNOSES.configuration;
    return {
      ok: false,
      steps: [{ name: 'configuration', outcome: 'failed', summary: error.problems.map((p) => `${p.variable}: ${p.message}`).join('\n'), finding: 'configuration', owner: d.owner, meaning: d.meaning, fix: d.fix }],
    };
  }
  let target: Target;
  try {
    target = await openTarget(config, { mockOptions: ports.mockOptions ?? {} });
  } catch (error) {
    const d = DIAGNOSES.configuration;
    return { ok: false, mode: config.mode, steps: [{ name: 'target', outcome: 'failed', summary: (error as Error).message, finding: 'configuration', owner: d.owner, meaning: 'The chosen WellSky could not be started.', fix: d.fix }] };
  }
  const client = connect(config, target, { clock: ports.clock, ...(ports.fetch ? { fetch: ports.fetch } : {}) });
  try {
    const results = await probe(client, { clock: ports.clock, timeZone: config.timeZone });
    const steps: DoctorReport['steps'] = [
      { name: 'configuration', outcome: 'worked', summary: `WELLSKY_MODE=${config.mode}; writes ${config.wellsky.allowWrites ? 'allowed' : 'refused (read-only)'}` },
      ...results.map((r) => {
        if (!r.error) return { name: r.name, outcome: r.outcome, summary: r.summary };
        const d = DIAGNOSES[r.error.kind];
        const e = r.error;
        return {
          name: r.name,
          outcome: r.outcome,
          summary: r.summary,
          finding: e.kind,
          owner: d.owner,
          meaning: d.meaning,
          fix: d.fix,
          evidence: { method: e.method, path: e.path, ...(e.status !== undefined ? { status: e.status } : {}), detail: e.detail, requestId: e.requestId, attempts: e.attempts },
        };
      }),
    ];
    return { ok: steps.every((s) => s.outcome !== 'failed'), mode: config.mode, target: target.description, agencyId: target.agencyId, steps };
  } finally {
    await client.close();
    await target.close();
  }
}

/** The report in plain words. */
export function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  lines.push(`gigi-harness doctor${report.mode ? ` — WELLSKY_MODE=${report.mode}` : ''}${report.target ? `: ${report.target}` : ''}`, '');
  const mark = { worked: '✓', failed: '✗', skipped: '–' } as const;
  for (const s of report.steps) {
    const [first, ...rest] = s.summary.split('\n');
    lines.push(`  ${mark[s.outcome]} ${s.name.padEnd(14)} ${first}`);
    for (const more of rest) lines.push(`  ${' '.repeat(16)} ${more}`);
    if (s.outcome !== 'failed' || !s.owner) continue;
    lines.push(`      what it means  ${s.meaning}`);
    lines.push(`      whose side     ${OWNERS[s.owner]}`);
    if (s.evidence) {
      const e = s.evidence;
      const where = e.method && e.path ? `${e.method} ${e.path}` : '';
      const status = e.status !== undefined ? ` → ${e.status}` : ' → no answer';
      lines.push(`      evidence       ${where}${status}: ${e.detail}`);
      lines.push(`                     request id ${e.requestId}${e.attempts && e.attempts > 1 ? `, after ${e.attempts} tries` : ''}`);
    }
    lines.push(`      what to do     ${s.fix}`);
  }
  const failed = report.steps.filter((s) => s.outcome === 'failed');
  lines.push('');
  if (failed.length === 0) {
    lines.push(`All ${report.steps.length} checks worked.`);
  } else {
    lines.push(`${failed.length} of ${report.steps.length} checks failed.`);
    const owners = new Set(failed.map((s) => s.owner));
    if (owners.size === 1 && owners.has('agency-client')) lines.push('Every failure is on the agency\'s side: there is nothing to ask WellSky.');
    else if (owners.has('wellsky')) lines.push('Some failures are on WellSky\'s side: `gigi-harness repro-pack --out DIR` makes the attachment for a ticket.');
  }
  return lines.join('\n');
}
