// The API gateway in front of WellSky. For a method+path that is not a route it
// answers 403 itself, and the wording depends only on the Authorization header.
// This is the message that was misread in January as "not provisioned".
import { createHash } from 'node:crypto';
import { gatewayError } from './responses.ts';
import type { SimResponse } from './types.ts';

export const MISSING_TOKEN_MESSAGE = 'Missing Authentication Token';

/** The live wording, including the base64 SHA-256 of the whole header value. */
export function invalidKeyValueMessage(authorization: string): string {
  const hash = createHash('sha256').update(authorization, 'utf8').digest('base64');
  return (
    "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '" +
    hash +
    "'."
  );
}

export function unknownRouteResponse(authorization: string | undefined): { response: SimResponse; rule: string } {
  if (authorization === undefined) {
    return { response: gatewayError(403, MISSING_TOKEN_MESSAGE, { 'x-amzn-errortype': 'MissingAuthenticationTokenException' }), rule: 'gateway:missing-authentication-token' };
  }
  return {
    response: gatewayError(403, invalidKeyValueMessage(authorization), { 'x-amzn-errortype': 'IncompleteSignatureException' }),
    rule: 'gateway:invalid-key-value-pair',
  };
}
