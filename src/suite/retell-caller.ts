// The phone platform, played by the suite: a call comes in (the signed
// call_inbound webhook), then the agent calls Gigi's custom functions (signed
// the same way), over HTTP to the same routes production serves.
import { randomBytes } from 'node:crypto';
import { symmetric } from 'retell-sdk/lib/webhook_auth';
import type { Clock } from '../clock.ts';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface SimulatedCall {
  callId: string;
  from: string;
  /** The call_inbound webhook: what the agent is told about the caller. */
  inbound(): Promise<Answer>;
  /** A custom-function call, as the agent makes it mid-call. */
  invoke(name: string, args: Record<string, unknown>): Promise<Answer>;
}

async function post(url: string, body: string, apiKey: string, clock: Clock): Promise<Answer> {
  // Signed at Gigi's time (the suite's simulated day), as Retell signs at its own now.
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-retell-signature': await symmetric.sign(body, apiKey, clock.now()) }, body });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { unparsed: text.slice(0, 200) };
  }
  return { status: res.status, body: parsed };
}

/** A call from `from`, signed at `clock`'s now (Gigi refuses a signature more than 5 minutes from its own clock). */
export function simulatedCall(gigiUrl: string, apiKey: string, from: string, clock: Clock, to = '+17195550198'): SimulatedCall {
  const callId = `call_${randomBytes(8).toString('hex')}`;
  return {
    callId,
    from,
    inbound: () => post(`${gigiUrl}/webhooks/retell/inbound`, JSON.stringify({ event: 'call_inbound', call_inbound: { from_number: from, to_number: to } }), apiKey, clock),
    invoke: (name, args) =>
      post(`${gigiUrl}/webhooks/retell/functions/${name}`, JSON.stringify({ name, call: { call_id: callId, from_number: from, to_number: to, direction: 'inbound', call_status: 'ongoing' }, args }), apiKey, clock),
  };
}

/** The same E.164 number written the ways people and phone systems write it (mission.md). */
export function numberFormats(e164: string): string[] {
  const d = e164.replace(/^\+1/, '');
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return [`+1 (${a}) ${b}-${c}`, `${a}.${b}.${c} x12`, `${a}${b}${c}`, `(${a})${b}${c}`, e164];
}
