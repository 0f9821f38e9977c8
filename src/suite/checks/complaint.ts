// A complaint as the phone platform drives it: a client's family contact calls
// (the signed call_inbound webhook), the agent calls `report_complaint`, and
// Retell retries it. Checked: the coordinator got it, with the summary, and
// with the client's recent shifts as WellSky itself lists them (read by the
// suite), or a note of why they are missing; the retry sends nothing more.
import { COMPLAINT_FUNCTION } from '../../operations/functions.ts';
import { entriesFrom } from '../../wellsky/client.ts';
import { compactDate, parseApiInstant } from '../../wellsky/dates.ts';
import type { CheckResult } from '../results.ts';
import { simulatedCall, type Answer, type SimulatedCall } from '../retell-caller.ts';
import { SUITE_COORDINATORS } from '../agency.ts';
import type { ScenarioWorld } from '../run-suite.ts';
import { formatFor } from './caller-id.ts';
import { fail, pass } from './outcome.ts';

const DAY_MS = 86_400_000;

export async function checkComplaint(world: ScenarioWorld): Promise<CheckResult[]> {
  const expected = world.plan.expect.complaint;
  if (!expected) return [fail('the scenario says what a complaint must do', `scenarios/${world.plan.name}.yaml has no suite.complaint entry: add one (e.g. history: included)`, 'scenario')];
  const caller = world.callers.family;
  if (!caller) return [fail('a family contact to call as', 'the cache holds no family contact with a number of their own', 'gigi')];
  const summary = `The caregiver left forty minutes early on ${world.plan.name} day`;
  const call = simulatedCall(world.gigiUrl, world.retellApiKey, formatFor(world, caller.e164, 4), world.clock);
  await call.inbound();
  const first = await call.invoke(COMPLAINT_FUNCTION, { summary });
  const checks: CheckResult[] = [];
  const coordinator = SUITE_COORDINATORS.default.email;
  const mails = world.notifier.sent.filter((m) => m.purpose === 'complaint');
  const sent = mails.find((m) => m.to.address === coordinator);
  const routeCheck = 'sends the complaint to the coordinator, with the caller and the summary';
  if (first.status !== 200 || first.body.outcome !== 'routed') checks.push(fail(routeCheck, `the function answered ${first.status} "${String(first.body.outcome ?? first.body.error ?? '')}"`, 'gigi'));
  else if (mails.length !== 1 || !sent) checks.push(fail(routeCheck, `${mails.length} complaint message(s), ${sent ? '' : 'none '}to the coordinator ${coordinator}`, 'gigi'));
  else if (!sent.text.includes(summary) || !sent.text.includes(caller.name) || !sent.text.includes(`client ${caller.clientId}`)) checks.push(fail(routeCheck, `the message lacks ${!sent.text.includes(summary) ? 'the summary' : !sent.text.includes(caller.name) ? "the caller's name" : 'the client'}`, 'gigi'));
  else checks.push(pass(routeCheck));

  const text = sent?.text ?? '';
  if (expected.history === 'included') {
    const listed = Number(/(\d+) shifts? in the last 14 days/.exec(text)?.[1] ?? (/No shifts in the last 14 days/.test(text) ? 0 : Number.NaN));
    let own: number;
    try {
      own = await shiftsInWellSky(world, caller.clientId);
    } catch (error) {
      checks.push(fail("includes the client's recent shifts as WellSky lists them", `the suite could not read the client's shifts to compare (${(error as { kind?: string }).kind ?? 'error'}): if WellSky fails here, say history: unavailable in the scenario`, 'scenario'));
      return [...checks, ...(await retryChecks(world, call, summary, first))];
    }
    checks.push(
      listed === own
        ? pass("includes the client's recent shifts as WellSky lists them")
        : fail("includes the client's recent shifts as WellSky lists them", `the message lists ${Number.isNaN(listed) ? 'no shifts' : listed}; WellSky lists ${own} in the last 14 days`, 'gigi'),
    );
  } else {
    const named = !expected.failureKind || text.includes(expected.failureKind);
    checks.push(
      /Recent shifts unavailable/.test(text) && named
        ? pass(`says the recent shifts are unavailable${expected.failureKind ? `, naming ${expected.failureKind}` : ''}`)
        : fail(`says the recent shifts are unavailable${expected.failureKind ? `, naming ${expected.failureKind}` : ''}`, `the message says: "${text.split('\n').at(-1)?.slice(0, 160) ?? ''}"`, 'gigi'),
    );
  }
  return [...checks, ...(await retryChecks(world, call, summary, first))];
}

async function retryChecks(world: ScenarioWorld, call: SimulatedCall, summary: string, first: Answer): Promise<CheckResult[]> {
  const before = world.notifier.sent.length;
  const again = await call.invoke(COMPLAINT_FUNCTION, { summary });
  return [
    again.body.outcome === first.body.outcome && world.notifier.sent.length === before
      ? pass("Retell's retry of the same call repeats nothing")
      : fail("Retell's retry of the same call repeats nothing", `${world.notifier.sent.length - before} more message(s); the retry answered "${String(again.body.outcome)}"`, 'gigi'),
  ];
}

/** The client's shifts that started in the last 14 days, as WellSky lists them. */
async function shiftsInWellSky(world: ScenarioWorld, clientId: string): Promise<number> {
  const now = world.clock.now();
  const seen = new Set<string>();
  for (const from of [now - 14 * DAY_MS, now - 7 * DAY_MS]) {
    const records = entriesFrom<Record<string, unknown>>(await world.client.api.GET('/v1/appointment/', { params: { query: { clientId, startDate: compactDate(from, world.timeZone), additionalDays: 6, _count: 100 } } }));
    for (const r of records) {
      const start = parseApiInstant(String(r.start));
      if (start !== undefined && start <= now && start >= now - 14 * DAY_MS) seen.add(`${String(r.id)}@${start}`);
    }
  }
  return seen.size;
}
