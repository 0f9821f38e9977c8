// What the doctor finds in each scenario of the catalogue: the doctor's tests
// and the repro pack's (whose README must say the same) read it.
export type DoctorExpected = 'works' | Record<string, `${string}/${'agency-client' | 'agency-account' | 'wellsky'}`>;

/** Scenario → for each failing step, its kind and owner; every other step worked or had nothing to read. */
export const DOCTOR_EXPECTED: Record<string, DoctorExpected> = {
  'appointment-search-empty': 'works',
  'bad-credentials': { token: 'bad-credentials/agency-account' },
  'bearertoken-scheme': 'works', // Gigi sends Bearer whatever token_type says
  'by-the-docs-agency': 'works',
  'connection-failures': { practitioners: 'timeout/wellsky', patients: 'connection-reset/wellsky' },
  'credentials-not-provisioned': { practitioners: 'not-provisioned/agency-account', patients: 'not-provisioned/agency-account' },
  'document-upload-fails': 'works', // doctor is read-only
  'happy-path': 'works',
  'large-agency': 'works',
  'malformed-responses': { practitioners: 'malformed-response/wellsky', patients: 'upstream-down/wellsky' },
  'rate-limited': 'works', // waited out as Retry-After asked
  'rate-limited-random': 'works',
  'slow-api': 'works',
  'slow-api-worst-case': 'works', // 4 s answers, inside the 10 s timeout
  'token-both-names': 'works',
  'token-expiry-mid-callout': 'works',
  'token-only-auth-token': 'works',
  'token-without-any-token': { token: 'token-response-unusable/wellsky' },
  'token-without-auth-token': 'works',
  'wellsky-down': { token: 'upstream-down/wellsky' },
  'wrong-path-january': 'works', // Gigi's paths are the spec's
};
