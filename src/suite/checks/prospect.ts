// A prospect as the phone platform drives it: an unknown caller asks about
// care, the agent calls `take_prospect`, and Retell retries it. Checked: the
// lead WellSky received (the journal, and the record read back by the suite:
// a patient who is not a client), or none when it cannot be made; the
// coordinator told either way; the retry creating nothing more.
import { PROSPECT_FUNCTION } from '../../operations/functions.ts';
import type { CheckResult } from '../results.ts';
import { simulatedCall } from '../retell-caller.ts';
import { SUITE_COORDINATORS } from '../agency.ts';
import type { ScenarioWorld } from '../run-suite.ts';
import { journalSince } from './call-out.ts';
import { fail, notRun, pass } from './outcome.ts';

type Json = Record<string, unknown>;

export async function checkProspect(world: ScenarioWorld): Promise<CheckResult[]> {
  const expected = world.plan.expect['prospect-intake'];
  if (!expected) return [fail('the scenario says what prospect intake must do', `scenarios/${world.plan.name}.yaml has no suite.prospect-intake entry: add one (e.g. outcome: created)`, 'scenario')];
  const adminUrl = world.target.adminUrl;
  if (world.live || !adminUrl) return [notRun('prospect checks', 'not run in live mode: taking a lead creates a patient in the agency’s WellSky, and the suite never writes there')];
  const outcome = world.readOnly ? 'not-created' : expected.outcome;
  const failureKind = world.readOnly ? 'writes-disabled' : expected.failureKind;
  const before = await journalSince(adminUrl, Number.MAX_SAFE_INTEGER);
  // A number no one in the agency has (the fictional 555-01xx block).
  const call = simulatedCall(world.gigiUrl, world.retellApiKey, '+17195550142', world.clock);
  await call.inbound();
  const details = { first_name: 'Morgan', last_name: 'Quillfeather', city: 'Lakewood', notes: 'help with bathing three mornings a week' };
  const first = await call.invoke(PROSPECT_FUNCTION, details);
  const created = (await journalSince(adminUrl, before.lastSeq)).entries.filter((e) => e.operationId === 'createPatient' && e.status >= 200 && e.status < 300);
  const checks: CheckResult[] = [];
  const outcomeCheck = `takes the prospect's details: ${outcome}${failureKind && outcome === 'not-created' ? ` (${failureKind})` : ''}`;
  const reason = first.body.reason as { kind?: string } | undefined;
  if (first.status !== 200 || first.body.outcome !== outcome) checks.push(fail(outcomeCheck, `the function answered ${first.status} "${String(first.body.outcome ?? first.body.error ?? '')}"${reason?.kind ? ` (${reason.kind})` : ''}`, 'gigi', reason?.kind));
  else if (outcome === 'not-created' && failureKind && reason?.kind !== failureKind) checks.push(fail(outcomeCheck, `not created because of ${reason?.kind ?? 'nothing said'}, expected ${failureKind}`, 'gigi'));
  else checks.push(pass(outcomeCheck));

  const leadCheck = outcome === 'created' ? 'WellSky received one lead' : 'WellSky received no lead';
  if (outcome === 'created') {
    const id = first.body.patient_id;
    checks.push(created.length === 1 && typeof id === 'string' ? pass(leadCheck) : fail(leadCheck, `WellSky received ${created.length} patient(s); the answer's patient id is ${String(id)}`, 'gigi'));
    const readBack = 'the lead reads back as a patient who is not a client';
    if (typeof id === 'string') {
      let record: Json | undefined;
      try {
        record = (await world.client.api.GET('/v1/patients/{id}/', { params: { path: { id } } })).data as Json;
      } catch (error) {
        checks.push(notRun(readBack, `the scenario's faults stop the suite reading patient ${id} back (${(error as { kind?: string }).kind ?? 'error'})`));
      }
      if (record) {
        const tags = ((record.meta as Json | undefined)?.tag as Json[] | undefined) ?? [];
        const isClient = tags.find((t) => t.code === 'isClient')?.display;
        const family = ((record.name as Json[] | undefined)?.[0] as Json | undefined)?.family;
        if (isClient !== 'false') checks.push(fail(readBack, `patient ${id} has isClient "${String(isClient)}"`, 'gigi'));
        else if (family !== details.last_name) checks.push(fail(readBack, `patient ${id} is named "${String(family)}"`, 'gigi'));
        else checks.push(pass(readBack));
      }
    }
  } else {
    checks.push(created.length === 0 ? pass(leadCheck) : fail(leadCheck, `WellSky received ${created.length} patient(s)${world.readOnly ? ' in a read-only run' : ''}`, 'gigi'));
  }

  const told = world.notifier.sent.filter((m) => m.purpose === 'prospect-lead' && m.to.address === SUITE_COORDINATORS.default.email);
  const tellCheck = 'tells the coordinator, with the details and whether WellSky has the lead';
  const text = told[0]?.text ?? '';
  if (told.length !== 1) checks.push(fail(tellCheck, `${told.length} lead message(s) to the coordinator; expected 1`, 'gigi'));
  else if (!text.includes(details.last_name) || !text.includes(details.notes)) checks.push(fail(tellCheck, 'the message lacks the name or what care is wanted', 'gigi'));
  else if (outcome === 'created' ? !text.includes(`patient ${String(first.body.patient_id)}`) : !text.includes('NOT in WellSky')) checks.push(fail(tellCheck, `the message does not say ${outcome === 'created' ? 'which patient was created' : 'that WellSky does not have it'}`, 'gigi'));
  else checks.push(pass(tellCheck));

  const sentBefore = world.notifier.sent.length;
  const seq = (await journalSince(adminUrl, Number.MAX_SAFE_INTEGER)).lastSeq;
  const again = await call.invoke(PROSPECT_FUNCTION, details);
  const more = (await journalSince(adminUrl, seq)).entries.filter((e) => e.operationId === 'createPatient').length;
  checks.push(
    again.body.outcome === first.body.outcome && world.notifier.sent.length === sentBefore && more === 0
      ? pass("Retell's retry of the same call repeats nothing")
      : fail("Retell's retry of the same call repeats nothing", `${more} more patient(s), ${world.notifier.sent.length - sentBefore} more message(s)`, 'gigi'),
  );
  return checks;
}
