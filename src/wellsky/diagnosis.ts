// For each kind of failure: whose side owns it, what it means, and what to do.
// In January 2026 a gateway 403 was read as "credentials not provisioned" and a
// ticket was drafted to WellSky; the fix was two lines in the client. These
// words are what doctor and the repro pack say instead.
import type { FailureKind } from './failures.ts';

export type Owner = 'agency-client' | 'agency-account' | 'wellsky';

export const OWNERS: Record<Owner, string> = {
  'agency-client': "the agency's client (Gigi's code or its configuration)",
  'agency-account': "the agency's WellSky account (what WellSky has issued or enabled for these credentials)",
  wellsky: 'WellSky (its API, or the network in front of it)',
};

export interface Diagnosis {
  owner: Owner;
  meaning: string;
  fix: string;
}

export type Finding = FailureKind | 'configuration';

export const DIAGNOSES: Record<Finding, Diagnosis> = {
  configuration: {
    owner: 'agency-client',
    meaning: 'A setting is missing or wrong, so no call was made with it.',
    fix: 'Fix the variables named above (.env.example lists them all), then run doctor again.',
  },
  'unknown-route': {
    owner: 'agency-client',
    meaning: 'The API gateway answered for a method and path that is not a route. WellSky never saw the request, so this says nothing about the credentials.',
    fix: 'Correct the path: lower-case routes (practitioners/, patients/, appointment/, encounter/), a trailing slash, one /v1/ prefix (spec/routes.md lists them). Do not open a WellSky ticket for this: it was the January 2026 mistake.',
  },
  'auth-scheme': {
    owner: 'agency-client',
    meaning: 'A real route refused the Authorization header itself: the scheme word, or the header missing.',
    fix: 'Send "Authorization: Bearer <access_token>". The word is Bearer even though the token answer says token_type "BearerToken".',
  },
  'token-rejected': {
    owner: 'agency-client',
    meaning: 'A real route did not recognise the access token, even after fetching a new one.',
    fix: 'Send the token exactly as the token call gave it, to the same environment (a sandbox token is refused in production and the other way round).',
  },
  'token-expired': {
    owner: 'agency-client',
    meaning: 'The access token had expired, and a fresh one expired too.',
    fix: "Check this machine's clock; the client renews tokens ahead of expires_in and once after a 401.",
  },
  'bad-credentials': {
    owner: 'agency-account',
    meaning: 'The token call refused the client id and secret.',
    fix: "Check WELLSKY_CLIENT_ID and WELLSKY_CLIENT_SECRET against what WellSky issued for this environment; if they were rotated, get the new ones from the agency's WellSky administrator.",
  },
  'token-response-unusable': {
    owner: 'wellsky',
    meaning: 'The token call succeeded but its answer held no token (neither access_token nor auth_token).',
    fix: 'Send WellSky support the field names the answer held and the time (the repro pack does both); nothing on the agency side can fix it.',
  },
  'not-provisioned': {
    owner: 'agency-account',
    meaning: "A real route answered 403 with WellSky's own error: the credentials work, but this resource is not enabled for them.",
    fix: 'Ask WellSky support to enable Connect API access to this resource for the agency, quoting the route and the request id.',
  },
  'not-found': {
    owner: 'agency-client',
    meaning: 'The record asked for does not exist, or not for this agency.',
    fix: 'Check the id: it should come from a search of the same agency.',
  },
  validation: {
    owner: 'agency-client',
    meaning: 'WellSky refused a field of the request.',
    fix: 'Correct the field the error names; spec/swagger.yaml says what the API takes.',
  },
  'rate-limited': {
    owner: 'wellsky',
    meaning: 'WellSky kept answering 429 (too many requests) after waiting as it asked, past the retry budget.',
    fix: 'Gigi sends at most WELLSKY_RATE_LIMIT_PER_SECOND calls a second, under the documented 100: ask WellSky why it throttles; meanwhile a lower rate may help.',
  },
  'upstream-down': {
    owner: 'wellsky',
    meaning: 'WellSky answered with a server error (5xx) or could not be reached, after the retries allowed.',
    fix: 'Try again later; if it lasts, open a WellSky ticket with the route, time and request id.',
  },
  timeout: {
    owner: 'wellsky',
    meaning: 'No answer came within WELLSKY_TIMEOUT_MS.',
    fix: "Try again later; if it lasts, send WellSky the route, time and request id. Raise WELLSKY_TIMEOUT_MS only if WellSky's normal answers are slower than it.",
  },
  'connection-reset': {
    owner: 'wellsky',
    meaning: 'The connection closed without an answer, after the retries allowed.',
    fix: 'Try again later; if it lasts, check the network path to WellSky, then send WellSky the route, time and request id.',
  },
  'host-not-found': {
    owner: 'agency-client',
    meaning: 'The host name in WELLSKY_BASE_URL does not resolve: no call reached anyone.',
    fix: 'Check the spelling of WELLSKY_BASE_URL (production https://connect.clearcareonline.com, sandbox https://api-sandbox.clearcareonline.com) and this machine\'s DNS.',
  },
  'malformed-response': {
    owner: 'wellsky',
    meaning: 'WellSky said success but the body is not the JSON the API answers (empty, cut short, or an HTML page).',
    fix: 'Send WellSky the route, time, request id and the body (the repro pack records it).',
  },
  'writes-disabled': {
    owner: 'agency-client',
    meaning: 'A write was refused before anything was sent: live mode is read-only unless writes are enabled.',
    fix: 'Set WELLSKY_ALLOW_WRITES=true once Gigi may change WellSky records.',
  },
};
