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
  /** How many tokens are remembered (live, or expired less than a day ago). */
  size(): number;
}

/** At most this many tokens are remembered; issuing one more forgets the oldest. */
export const MAX_TOKENS = 10_000;
/** An expired token is remembered this long (answering "expired", not "not recognised"), then forgotten. */
export const EXPIRED_MEMORY_MS = 24 * 3600 * 1000;

export function createTokenService(options: { clock: Clock; lifetimeSeconds: number; seed: number; maxTokens?: number }): TokenService {
  // In issue order, and every token lives as long: the oldest expires first.
  const tokens = new Map<string, IssuedToken>();
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  let counter = 0;
  let nextSweepAt = -Infinity;
  /**
   * Forgets tokens expired for over a day, and the oldest beyond the bound
   * (leaving `room` for ones about to be issued). Amortised O(1): it stops at the first keeper.
   */
  function sweep(now: number, room: number): void {
    for (const [token, issued] of tokens) {
      if (tokens.size + room <= maxTokens && issued.expiresAtMs + EXPIRED_MEMORY_MS > now) break;
      tokens.delete(token);
    }
  }
  return {
    issue(clientId) {
      // Deterministic for a seed, so two runs of a scenario journal the same exchanges.
      const token = createHash('sha256').update(`${options.seed}:${++counter}:${clientId}`).digest('hex').slice(0, 32);
      const issuedAtMs = options.clock.now();
      sweep(issuedAtMs, 1);
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
      const now = options.clock.now();
      // At most once a second: what it drops has been expired for a day, a second more changes nothing.
      if (now >= nextSweepAt) {
        sweep(now, 0);
        nextSweepAt = now + 1000;
      }
      const issued = tokens.get(token);
      if (!issued) return { ok: false, reason: 'unknown-token', detail: 'The access token is not recognised' };
      if (now >= issued.expiresAtMs) {
        return { ok: false, reason: 'expired', detail: 'The access token expired; fetch a new one' };
      }
      return { ok: true, clientId: issued.clientId };
    },
    revokeAll() {
      tokens.clear();
    },
    size: () => tokens.size,
  };
}
