// Caller ID as a caller meets it: the signed call_inbound webhook, the number
// written one of the ways phones report it, and the agent's variables back.
import type { CheckResult } from '../results.ts';
import { numberFormats, simulatedCall } from '../retell-caller.ts';
import type { ScenarioWorld } from '../run-suite.ts';
import { fail, pass } from './outcome.ts';

/** Each scenario calls with another of the formats, so the suite covers them all. */
export function formatFor(world: ScenarioWorld, e164: string, salt = 0): string {
  const formats = numberFormats(e164);
  let hash = salt;
  for (const ch of world.plan.name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return formats[hash % formats.length]!;
}

export async function checkCallerId(world: ScenarioWorld): Promise<CheckResult[]> {
  const expected = world.plan.expect['caller-id'];
  if (!expected) return [fail('the scenario says what caller ID must do', `scenarios/${world.plan.name}.yaml has no suite.caller-id entry: add one (e.g. source: cache)`, 'scenario')];
  const caller = world.callers.withShift;
  if (!caller) return [fail('a caregiver to call as', world.callers.why ?? 'no caregiver found', 'gigi')];
  const from = formatFor(world, caller.e164);
  const answer = await simulatedCall(world.gigiUrl, world.retellApiKey, from, world.clock).inbound();
  const inbound = (answer.body.call_inbound ?? {}) as Record<string, unknown>;
  const vars = (inbound.dynamic_variables ?? {}) as Record<string, unknown>;
  const note = String((inbound.metadata as Record<string, unknown> | undefined)?.note ?? '');
  const checks: CheckResult[] = [];
  const nonString = Object.entries(vars).filter(([, v]) => typeof v !== 'string').map(([k]) => k);
  checks.push(
    answer.status === 200 && Object.keys(vars).length > 0 && nonString.length === 0
      ? pass('answers the signed call_inbound webhook with string variables')
      : fail('answers the signed call_inbound webhook with string variables', answer.status !== 200 ? `HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 160)}` : `not strings: ${nonString.join(', ') || 'no dynamic_variables'}`, 'gigi'),
  );
  checks.push(
    vars.caller_name === caller.name
      ? pass(`greets the caregiver by name (called from "${from}")`)
      : fail(`greets the caregiver by name (called from "${from}")`, `caller_name was "${String(vars.caller_name ?? '')}", expected "${caller.name}" (kind ${String(vars.caller_kind ?? '?')}${note ? `; ${note}` : ''})`.slice(0, 240), 'gigi'),
  );
  checks.push(
    vars.caller_source === expected.source
      ? pass(`answers from the ${expected.source}`)
      : fail(`answers from the ${expected.source}`, `the answer came from "${String(vars.caller_source ?? '')}"${note ? ` (${note})` : ''}`, 'gigi'),
  );
  // A number two caregivers share: named as ambiguous, nobody's name guessed.
  const shared = world.callers.shared;
  if (shared) {
    const reply = await simulatedCall(world.gigiUrl, world.retellApiKey, formatFor(world, shared.e164, 2), world.clock).inbound();
    const got = ((reply.body.call_inbound as Record<string, unknown> | undefined)?.dynamic_variables ?? {}) as Record<string, unknown>;
    checks.push(
      got.caller_kind === 'ambiguous' && got.caller_name === ''
        ? pass('says a number two caregivers share is ambiguous, guessing no name')
        : fail('says a number two caregivers share is ambiguous, guessing no name', `caller_kind "${String(got.caller_kind ?? '')}", caller_name "${String(got.caller_name ?? '')}" for ${shared.e164}, held by caregivers ${shared.ids.join(' and ')}`, 'gigi'),
    );
  }
  return checks;
}
