// Shared by the webhook tests: a synthetic caller-ID answer of each kind, a
// signer that is retell-sdk's own, and a fake identifyCaller that counts calls.
import { symmetric } from 'retell-sdk/lib/webhook_auth';
import type { CallerAnswer, CallerMatch, IdentifyCaller } from '../../src/callerid/answer.ts';

export const API_KEY = 'key_test_0123456789abcdef';
export const OTHER_KEY = 'key_test_fedcba9876543210';

export const CAREGIVER: CallerMatch = {
  kind: 'caregiver',
  person: { kind: 'caregiver', id: 'P-1001', name: 'Marisol Testa', firstName: 'Marisol' },
};
export const CLIENT: CallerMatch = {
  kind: 'client',
  person: { kind: 'client', id: 'C-2002', name: 'Walter Examplar', firstName: 'Walter' },
};
export const FAMILY: CallerMatch = {
  kind: 'family',
  person: { kind: 'family', id: 'R-3003', name: 'June Examplar', firstName: 'June', relationship: 'Daughter', clientOf: { id: 'C-2002', name: 'Walter Examplar' } },
};
export const KNOWN: CallerMatch = { kind: 'known-contact', name: 'Dana Fictive', firstName: 'Dana', role: 'owner' };
export const AMBIGUOUS: CallerMatch = {
  kind: 'ambiguous',
  people: [
    { kind: 'caregiver', id: 'P-1004', name: 'Robin Sample', firstName: 'Robin' },
    { kind: 'client', id: 'C-2005', name: 'Avery Sample', firstName: 'Avery' },
  ],
};
export const UNKNOWN: CallerMatch = { kind: 'unknown', reason: 'no caregiver, client or contact has this number' };

export function answer(match: CallerMatch, extra: Partial<CallerAnswer> = {}): CallerAnswer {
  return {
    number: { reported: '+13035550101', e164: '+13035550101' },
    source: match.kind === 'known-contact' ? 'known-contact' : match.kind === 'unknown' ? 'none' : 'cache',
    match,
    ...(match.kind === 'unknown' || match.kind === 'known-contact' ? {} : { cacheAgeSeconds: 42 }),
    tookMs: 2,
    ...extra,
  };
}

export function inboundBody(from = '+13035550101', event = 'call_inbound'): string {
  return JSON.stringify({ event, call_inbound: { from_number: from, to_number: '+13035550199', agent_id: 'agent_test_1' } });
}

/** retell-sdk's own signature, made at `at` (the fake clock's now). */
export function signAt(body: string, at: number, key = API_KEY): Promise<string> {
  return symmetric.sign(body, key, at);
}

export function fakeIdentify(result: CallerAnswer | ((n: string) => Promise<CallerAnswer>)) {
  const numbers: string[] = [];
  const identify: IdentifyCaller = async (n) => {
    numbers.push(n);
    return typeof result === 'function' ? result(n) : result;
  };
  return { identify, numbers };
}
