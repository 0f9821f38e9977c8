// Issues and checks access tokens the way the live OAuth endpoint does (an
// Apigee-style client-credentials grant): 32 lowercase hex characters, a string
// `expires_in`, `issued_at` in epoch seconds.
import { createHash } from 'node:crypto';
import type { Clock } from './clock.ts';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export type TokenCheck =
  | { ok: true; clientId: string }
  | { ok: false; reason: 'missing' | 'scheme' | 'unknown-token' | 'expired'; detail: string };

interface IssuedToken {
  clientId: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface TokenService {
  issue(clientId: string): { token: string; issuedAtSeconds: number; lifetimeSeconds: number };
  check(authorization: string | undefined): TokenCheck;
  revokeAll(): void;
}

export function createTokenService(options: { clock: Clock; lifetimeSeconds: number; seed: number }): TokenService {
  const tokens = new Map<string, IssuedToken>();
  let counter = 0;
  return {
    issue(clientId) {
      // Deterministic for a seed, so two runs of a scenario journal the same exchanges.
      const token = createHash('sha256').update(`${options.seed}:${++counter}:${clientId}`).digest('hex').slice(0, 32);
      const issuedAtMs = options.clock.now();
      tokens.set(token, { clientId, issuedAtMs, expiresAtMs: issuedAtMs + options.lifetimeSeconds * 1000 });
      return { token, issuedAtSeconds: Math.floor(issuedAtMs / 1000), lifetimeSeconds: options.lifetimeSeconds };
    },
    check(authorization) {
      if (authorization === undefined || authorization.trim() === '') {
        return { ok: false, reason: 'missing', detail: 'No Authorization header; send "Authorization: Bearer <access_token>"' };
      }
      const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
        return {
          ok: false,
          reason: 'scheme',
          detail: `The scheme must be "Bearer" (got "${scheme}"); token_type "BearerToken" is not the scheme word`,
        };
      }
      const issued = tokens.get(token);
      if (!issued) return { ok: false, reason: 'unknown-token', detail: 'The access token is not recognised' };
      if (options.clock.now() >= issued.expiresAtMs) {
        return { ok: false, reason: 'expired', detail: 'The access token expired; fetch a new one' };
      }
      return { ok: true, clientId: issued.clientId };
    },
    revokeAll() {
      tokens.clear();
    },
  };
}
