// What a handler gets: the validated input and the simulator's state. Handlers
// return plain responses or throw HttpError; they never see a transport.
import type { QuirkName, QuirkSettings } from '../quirks.ts';
import type { Store } from '../store.ts';
import type { TokenService, Credentials } from '../token-service.ts';
import type { SimRequest, SimResponse } from '../types.ts';

export type TokenShape = 'live' | 'docs' | 'both' | 'none';

export interface HandlerContext {
  request: SimRequest;
  operationId: string;
  params: Record<string, unknown>;
  body: unknown;
  store: Store;
  quirks: QuirkSettings;
  /**
   * The simulated now: the clock moved by whole days onto the day the agency was
   * built around (`today`), so "the nearest shift" and "created now" agree with
   * the seeded schedule whatever the real date is.
   */
  now(): number;
  tokens: TokenService;
  credentials: Credentials;
  tokenShape: TokenShape;
  timeZone: string;
  /** Marks the journal entry with the quirk that shaped this answer. */
  applied(quirk: QuirkName): void;
}

export type Handler = (ctx: HandlerContext) => SimResponse | Promise<SimResponse>;

/** `2026-11-26T14:00:00+00:00`: the live API's UTC date-time format. */
export function utcTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}
