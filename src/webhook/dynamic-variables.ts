// A caller-ID answer as Retell's dynamic variables: every key always present,
// every value a string ("" when unknown), so the agent's prompt can say
// {{first_name}} or {{caller_role}} without a missing-variable hole. The
// greeting names someone only when exactly one person holds the number.
import type { CallerAnswer, CallerMatch, Person } from '../callerid/answer.ts';

export const DYNAMIC_VARIABLE_KEYS = [
  /** "First Last", or "" when ambiguous or unknown. */
  'caller_name',
  'first_name',
  /** caregiver · client · family contact of <client> · <a known contact's role> · ambiguous · unknown */
  'caller_role',
  /** The same as a fixed word for the prompt's branches: caregiver · client · family · known-contact · ambiguous · unknown */
  'caller_kind',
  /** "true" when exactly one person (or a configured known contact) holds the number. */
  'caller_known',
  /** One short sentence to open with; never a name unless caller_known is "true". */
  'greeting',
  /** known-contact · cache · api · none */
  'caller_source',
  /** A caregiver's shift now or next, in plain words; "" when not known. */
  'shift_summary',
  /** For a family contact: the client's name; for a client: their own; otherwise "". */
  'client_name',
  /** For a family contact: the relationship as WellSky names it (e.g. "Daughter"); otherwise "". */
  'relationship',
  /** The number in E.164 when it could be read, else as reported. */
  'caller_number',
] as const;

export type DynamicVariableKey = (typeof DYNAMIC_VARIABLE_KEYS)[number];
export type DynamicVariables = Record<DynamicVariableKey, string>;

/** Retell stores this with the call; ids and how the answer was reached, no names and no secrets. */
export interface CallMetadata {
  gigi_match: CallerMatch['kind'];
  gigi_source: CallerAnswer['source'];
  e164?: string;
  extension?: string;
  /** The one person's WellSky id (caregiver, client or family contact). */
  person_id?: string;
  /** For a family contact: the client's WellSky id. */
  client_id?: string;
  /** For an ambiguous number: every holder's kind and id, e.g. "caregiver:P-1,client:C-7". */
  candidates?: string;
  cache_age_seconds?: number;
  note?: string;
  took_ms: number;
}

export interface RetellInboundAnswer {
  dynamic_variables: DynamicVariables;
  metadata: CallMetadata;
}

/** Names from WellSky can carry stray spaces or line breaks; a prompt wants one clean line. */
function clean(text: string | undefined): string {
  return typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
}

function firstNameOf(name: string, firstName: string | undefined): string {
  return clean(firstName) || clean(name).split(' ')[0] || '';
}

const NEUTRAL_GREETING = "Hello, this is Gigi. May I ask who's calling?";

function greetingFor(firstName: string): string {
  return firstName ? `Hi ${firstName}, this is Gigi. How can I help you today?` : NEUTRAL_GREETING;
}

function roleOf(person: Person): string {
  // Not current: an applicant or former caregiver, an inactive client; the agent should not treat them as staff or on service.
  if (person.kind === 'caregiver' && person.inactive) return 'caregiver (not active or not hired)';
  if (person.kind === 'client' && person.inactive) return 'client (inactive)';
  if (person.kind !== 'family') return person.kind;
  const client = clean(person.clientOf?.name);
  return client ? `family contact of ${client}` : 'family contact';
}

/** CallerAnswer → Retell's `call_inbound` answer. Pure: same answer in, same variables out. */
export function toRetellInbound(answer: CallerAnswer): RetellInboundAnswer {
  const { match } = answer;
  const vars: DynamicVariables = {
    caller_name: '',
    first_name: '',
    caller_role: 'unknown',
    caller_kind: match.kind,
    caller_known: 'false',
    greeting: NEUTRAL_GREETING,
    caller_source: answer.source,
    shift_summary: clean(answer.shiftSummary),
    client_name: '',
    relationship: '',
    caller_number: clean(answer.number.e164) || clean(answer.number.reported),
  };
  const metadata: CallMetadata = {
    gigi_match: match.kind,
    gigi_source: answer.source,
    ...(answer.number.e164 ? { e164: answer.number.e164 } : {}),
    ...(answer.number.extension ? { extension: answer.number.extension } : {}),
    ...(typeof answer.cacheAgeSeconds === 'number' ? { cache_age_seconds: answer.cacheAgeSeconds } : {}),
    ...(answer.note ? { note: answer.note } : {}),
    took_ms: answer.tookMs,
  };

  switch (match.kind) {
    case 'caregiver':
    case 'client':
    case 'family': {
      const { person } = match;
      const name = clean(person.name);
      const first = firstNameOf(person.name, person.firstName);
      vars.caller_name = name;
      vars.first_name = first;
      vars.caller_role = roleOf(person);
      vars.caller_known = 'true';
      vars.greeting = greetingFor(first);
      if (match.kind === 'client') vars.client_name = name;
      if (match.kind === 'family') {
        vars.client_name = clean(person.clientOf?.name);
        vars.relationship = clean(person.relationship);
        if (person.clientOf?.id) metadata.client_id = person.clientOf.id;
      }
      metadata.person_id = person.id;
      break;
    }
    case 'known-contact': {
      const first = firstNameOf(match.name, match.firstName);
      vars.caller_name = clean(match.name);
      vars.first_name = first;
      vars.caller_role = clean(match.role) || 'known contact';
      vars.caller_known = 'true';
      vars.greeting = greetingFor(first);
      break;
    }
    case 'ambiguous':
      // Several people hold the number: name none of them, anywhere the agent reads.
      vars.caller_role = 'ambiguous';
      vars.shift_summary = '';
      metadata.candidates = match.people.map((p) => `${p.kind}:${p.id}`).join(',');
      break;
    case 'unknown':
      vars.caller_role = 'unknown';
      vars.shift_summary = '';
      break;
  }
  return { dynamic_variables: vars, metadata };
}

/** The variables when caller ID could not answer at all (it threw or ran out of time): the call goes on. */
export function unknownCallerAnswer(reportedNumber: string, reason: string, tookMs: number): CallerAnswer {
  return {
    number: { reported: reportedNumber },
    source: 'none',
    match: { kind: 'unknown', reason },
    note: reason,
    tookMs,
  };
}
