// POST /oauth/accesstoken: client credentials in a JSON or form body.
import { jsonResponse, wellSkyError } from '../responses.ts';
import type { SimResponse } from '../types.ts';
import type { Handler } from './context.ts';

/** Wrong client id or secret (or a scenario that refuses every token request). */
export function invalidClient(): SimResponse {
  return wellSkyError(401, 'invalid_client', { error_description: 'client_id or client_secret is not recognised' });
}

export const tokenHandler: Handler = (ctx) => {
  const body = ctx.body as { client_id: string; client_secret: string };
  if (body.client_id !== ctx.credentials.clientId || body.client_secret !== ctx.credentials.clientSecret) {
    return invalidClient();
  }
  const { token, issuedAtSeconds, lifetimeSeconds } = ctx.tokens.issue(body.client_id);
  const tokens =
    ctx.tokenShape === 'live'
      ? { access_token: token }
      : ctx.tokenShape === 'docs'
        ? { auth_token: token, graphql_token: `gql${token.slice(3)}`, drf_token: `drf${token.slice(3)}` }
        : ctx.tokenShape === 'both'
          ? { access_token: token, auth_token: token, graphql_token: `gql${token.slice(3)}`, drf_token: `drf${token.slice(3)}` }
          : {};
  return jsonResponse(200, {
    ...tokens,
    token_type: 'BearerToken',
    expires_in: String(lifetimeSeconds),
    issued_at: issuedAtSeconds,
    refresh_token_expires_in: '0',
    refresh_count: '0',
    scope: '',
    status: 'approved',
    client_id: body.client_id,
  });
};
