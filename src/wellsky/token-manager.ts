// The access token: fetched once however many callers wait for it, renewed
// ahead of expiry, dropped after a 401 so the next call fetches a fresh one.
// Live answered `access_token`; the vendor's prose says `auth_token`: either is
// used, and an answer with neither is an error that names what it did hold.
import type { Clock } from '../clock.ts';
import { classifyResponse, WellSkyError } from './failures.ts';
import type { Transport } from './transport.ts';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenInfo {
  /** Which field carried it. */
  field: 'access_token' | 'auth_token';
  /** Epoch ms when it stops working, by our clock. */
  expiresAt: number;
  /** The lifetime the answer gave, in seconds. */
  lifetimeSeconds: number;
  /** What the answer said its type was (live: "BearerToken"); the scheme sent is always Bearer. */
  tokenType?: string;
}

export const TOKEN_PATH = '/oauth/accesstoken';
// When an answer carries no usable lifetime: short, so a wrong guess costs little.
const FALLBACK_LIFETIME_SECONDS = 300;

export class TokenManager {
  private current: (TokenInfo & { value: string }) | undefined;
  private pending: Promise<TokenInfo & { value: string }> | undefined;
  /** Token calls made (a test can see that many waiters shared one). */
  fetched = 0;

  constructor(
    private readonly transport: Transport,
    private readonly credentials: Credentials,
    private readonly clock: Clock,
    private readonly refreshMarginSeconds: number,
  ) {}

  /** A token good for now; one token call at a time, shared by every caller waiting. */
  async token(): Promise<string> {
    const now = this.clock.now();
    const margin = Math.min(this.refreshMarginSeconds * 1000, ((this.current?.lifetimeSeconds ?? 0) * 1000) / 2);
    if (this.current && now < this.current.expiresAt - margin) return this.current.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return (await this.pending).value;
  }

  /** After a 401: forget this token (not a newer one another caller already fetched). */
  invalidate(value: string): void {
    if (this.current?.value === value) this.current = undefined;
  }

  info(): TokenInfo | undefined {
    if (!this.current) return undefined;
    const { value: _value, ...info } = this.current;
    return info;
  }

  private async fetchToken(): Promise<TokenInfo & { value: string }> {
    this.fetched++;
    const body = JSON.stringify({ grant_type: 'client_credentials', client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret });
    const res = await this.transport.send({ method: 'POST', path: TOKEN_PATH, headers: { 'content-type': 'application/json', accept: 'application/json' }, body, idempotent: true, tokenCall: true });
    const failure = classifyResponse({ status: res.status, headers: res.headers, body: res.body, tokenCall: true, now: this.clock.now() });
    if (failure) throw new WellSkyError({ ...failure, method: 'POST', path: TOKEN_PATH, status: res.status, requestId: res.requestId, attempts: res.attempts });
    const answer = JSON.parse(res.body) as Record<string, unknown>;
    const field = typeof answer.access_token === 'string' && answer.access_token ? 'access_token' : typeof answer.auth_token === 'string' && answer.auth_token ? 'auth_token' : undefined;
    if (!field) {
      throw new WellSkyError({
        kind: 'token-response-unusable',
        detail: `the token answer held neither access_token nor auth_token; it held: ${Object.keys(answer).join(', ') || 'nothing'}`,
        method: 'POST',
        path: TOKEN_PATH,
        status: res.status,
        requestId: res.requestId,
      });
    }
    // Live sent "3599" (a string); the prose shows a number. Either works.
    const given = Number(answer.expires_in);
    const lifetimeSeconds = Number.isFinite(given) && given > 0 ? given : FALLBACK_LIFETIME_SECONDS;
    this.current = {
      value: answer[field] as string,
      field,
      lifetimeSeconds,
      expiresAt: this.clock.now() + lifetimeSeconds * 1000,
      ...(typeof answer.token_type === 'string' ? { tokenType: answer.token_type } : {}),
    };
    return this.current;
  }
}
