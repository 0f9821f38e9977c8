// The data-quality report as production serves it (GET /jobs/data-quality on
// Gigi's server), from the warm cache whatever WellSky does now, judged
// against what the suite read from WellSky itself during the warm-up.
import type { CheckResult } from '../results.ts';
import type { ScenarioWorld } from '../run-suite.ts';
import { fail, pass } from './outcome.ts';

interface Report {
  counted: { caregivers: number; clients: number };
  noMobile: { id: string }[];
  noEmail: { id: string }[];
  noAddress: { id: string }[];
  sharedNumbers: { e164: string; people: { id: string }[] }[];
}

const ids = (list: { id: string }[]) => list.map((p) => p.id).sort();
const differ = (got: string[], want: string[]) => {
  const missing = want.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !want.includes(id));
  return missing.length || extra.length ? `missing ${missing.slice(0, 5).join(', ') || 'none'}; not expected ${extra.slice(0, 5).join(', ') || 'none'}` : undefined;
};

export async function checkDataQuality(world: ScenarioWorld): Promise<CheckResult[]> {
  if (!world.plan.expect['data-quality']) return [fail('the scenario says what the data-quality report must do', `scenarios/${world.plan.name}.yaml has no suite.data-quality entry: add one (from: cache)`, 'scenario')];
  const facts = world.facts;
  if (!facts) return [fail('the suite read the agency from WellSky', 'the warm-up did not read the agency', 'gigi')];
  const res = await fetch(`${world.gigiUrl}/jobs/data-quality`);
  if (res.status !== 200) return [fail('answers the data-quality report', `GET /jobs/data-quality answered ${res.status}`, 'gigi')];
  const report = (await res.json()) as Report;
  const checks: CheckResult[] = [];
  const counted = `counts ${facts.caregivers} current caregivers and ${facts.clients} current clients`;
  checks.push(report.counted.caregivers === facts.caregivers && report.counted.clients === facts.clients ? pass(counted) : fail(counted, `the report counts ${report.counted.caregivers} and ${report.counted.clients}`, 'gigi'));
  const email = differ(ids(report.noEmail), facts.noEmail);
  checks.push(email ? fail('lists exactly the current people without an email', email, 'gigi') : pass('lists exactly the current people without an email'));
  const address = differ(ids(report.noAddress), facts.noAddress);
  checks.push(address ? fail('lists exactly the current people without an address', address, 'gigi') : pass('lists exactly the current people without an address'));
  const noMobile = ids(report.noMobile);
  const unlisted = facts.noMobileField.filter((id) => !noMobile.includes(id));
  checks.push(unlisted.length === 0 ? pass('lists everyone without a mobile number among those without a usable one') : fail('lists everyone without a mobile number among those without a usable one', `not listed: ${unlisted.slice(0, 5).join(', ')}`, 'gigi'));
  const shared = world.callers.shared;
  if (shared) {
    const found = report.sharedNumbers.find((s) => s.e164 === shared.e164);
    const holders = found ? ids(found.people) : [];
    checks.push(shared.ids.every((id) => holders.includes(id)) ? pass('names the number two caregivers share') : fail('names the number two caregivers share', `${shared.e164} (${shared.ids.join(', ')}) ${found ? `lists ${holders.join(', ')}` : 'is not listed'}`, 'gigi'));
  }
  return checks;
}
