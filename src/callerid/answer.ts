// What caller ID says about a number: who (or that nobody or several people
// hold it), where the answer came from, and how fresh it is. The voice
// webhook and `gigi-harness callerid` both render this one shape.

/** Where the answer came from: configuration, the local cache, WellSky itself, or nowhere. */
export type CallerSource = 'known-contact' | 'cache' | 'api' | 'none';

export type PersonKind = 'caregiver' | 'client' | 'family';

/** One person a number belongs to. */
export interface Person {
  kind: PersonKind;
  /** WellSky's id (Practitioner, Patient or RelatedPerson). */
  id: string;
  /** Display name, "First Last". */
  name: string;
  firstName: string;
  /** For a family contact: the client they are a contact of. */
  clientOf?: { id: string; name: string };
  /** For a family contact: the relationship as WellSky names it (e.g. "Daughter"). */
  relationship?: string;
  /** Set when the person is not current: an applicant or former caregiver, an inactive client. */
  inactive?: true;
}

export type CallerMatch =
  | { kind: 'caregiver' | 'client' | 'family'; person: Person }
  | { kind: 'known-contact'; name: string; firstName: string; role: string }
  /** Several people hold this number: the answer names them all and picks none. */
  | { kind: 'ambiguous'; people: Person[] }
  | { kind: 'unknown'; reason: string };

export interface CallerAnswer {
  /** The number as reported, and read into E.164 when it could be. */
  number: { reported: string; e164?: string; extension?: string };
  source: CallerSource;
  match: CallerMatch;
  /** How old the cached row was (cache answers only), in whole seconds. */
  cacheAgeSeconds?: number;
  /** A caregiver's shift now or next, in plain words, when it was known within the budget. */
  shiftSummary?: string;
  /** What a person should know about how the answer was reached (e.g. "WellSky lookup timed out after 800 ms"). */
  note?: string;
  /** Time spent answering, by the clock caller ID was given. */
  tookMs: number;
}

export interface IdentifyOptions {
  /** When the caller started waiting (epoch ms by the same clock): the budget counts from here. Default: now. */
  startedAt?: number;
}

/** The one function the voice webhook and the CLI need. */
export type IdentifyCaller = (reportedNumber: string, options?: IdentifyOptions) => Promise<CallerAnswer>;
