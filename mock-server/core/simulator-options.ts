// The simulator's options: what each means, its default, and the checks that
// refuse a bad value at start with a message naming it.
import { resolveSize, type SeedOptions } from '../seed/agency.ts';
import type { Deliver } from './deliveries.ts';
import type { FaultRule } from './faults.ts';
import type { TokenShape } from './handlers/context.ts';
import { PROFILES, type Profile, type QuirkName } from './quirks.ts';
import type { Scenario } from './scenario.ts';
import type { Credentials } from './token-service.ts';

export const DEFAULT_CREDENTIALS: Credentials = { clientId: 'gigi-mock-client', clientSecret: 'gigi-mock-secret' };

export interface SimulatorOptions {
  /**
   * A scenario from the catalogue (`token-without-auth-token`) or a path to a
   * scenario file; its settings are the base, other options here override them.
   */
  scenario?: string;
  /** Seed of the synthetic agency and of every random draw (default 1). */
  seed?: number;
  /** People in the agency: a number or tiny | small | medium | large (default small). */
  size?: SeedOptions['size'];
  /** The day the schedule is built around, YYYY-MM-DD (default today). */
  today?: string;
  timeZone?: string;
  profile?: Profile;
  quirks?: Partial<Record<QuirkName, boolean>>;
  credentials?: Credentials;
  tokenLifetimeSeconds?: number;
  tokenShape?: TokenShape;
  /** Every token request fails with 401, as with wrong credentials. */
  rejectCredentials?: boolean;
  faults?: FaultRule[];
  specPath?: string;
  /** The wall clock (tests may pass their own). */
  now?: () => number;
  /**
   * How a fault rule's delay is waited out (default: real time). A test passes
   * its fake clock's sleep, so a 4-second answer costs no real seconds.
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Sends a subscription's change notification (one attempt). The doors supply
   * one that POSTs with fetch; without one the core only lists what it would
   * have sent (`not-sent` in /__admin/deliveries).
   */
  deliver?: Deliver;
  /**
   * Waits before each retry of a failed delivery, waited out through `sleep`;
   * as many retries as entries (default [1000, 4000, 16000]: four attempts).
   */
  deliveryBackoffMs?: number[];
  journalCapacity?: number;
  /**
   * Reuse a search's answer until the data changes (default on). Validation,
   * auth, faults and the journal still run for every request.
   */
  responseCache?: boolean;
}

export const TOKEN_SHAPES: readonly TokenShape[] = ['live', 'docs', 'both', 'none'];

/** The longest token lifetime the CLI, /__admin/load and scenarios accept: 30 days. */
export const MAX_TOKEN_LIFETIME_SECONDS = 30 * 86400;

export function checkOptions(options: SimulatorOptions): void {
  if (options.seed !== undefined && (!Number.isInteger(options.seed) || options.seed < 0)) {
    throw new Error(`seed: must be a whole number of 0 or more (got ${options.seed})`);
  }
  if (options.profile !== undefined && !PROFILES.includes(options.profile)) {
    throw new Error(`profile: must be one of ${PROFILES.join(', ')} (got ${options.profile})`);
  }
  const lifetime = options.tokenLifetimeSeconds;
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime > 0 && lifetime <= MAX_TOKEN_LIFETIME_SECONDS)) {
    throw new Error(`tokenLifetimeSeconds: must be a whole number of seconds above 0, at most ${MAX_TOKEN_LIFETIME_SECONDS} (30 days) (got ${lifetime})`);
  }
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
    throw new Error(`today: must be a date as YYYY-MM-DD (got ${options.today})`);
  }
  if (options.tokenShape !== undefined && !TOKEN_SHAPES.includes(options.tokenShape)) {
    throw new Error(`tokenShape: must be one of ${TOKEN_SHAPES.join(', ')} (got ${options.tokenShape})`);
  }
  if (options.credentials !== undefined && !(options.credentials.clientId && options.credentials.clientSecret)) {
    throw new Error('credentials: give both clientId and clientSecret');
  }
  if (options.rejectCredentials !== undefined && typeof options.rejectCredentials !== 'boolean') {
    throw new Error(`rejectCredentials: must be true or false (got ${JSON.stringify(options.rejectCredentials)})`);
  }
  if (options.quirks !== undefined && (options.quirks === null || typeof options.quirks !== 'object' || Array.isArray(options.quirks))) {
    throw new Error('quirks: must be an object of quirk names to true or false, e.g. {"status-none": false}');
  }
  if (options.size !== undefined) resolveSize(options.size);
  if (options.sleep !== undefined && typeof options.sleep !== 'function') throw new Error('sleep: must be a function (ms) => Promise<void>');
  if (options.deliver !== undefined && typeof options.deliver !== 'function') throw new Error('deliver: must be a function (delivery, signal) => Promise<{status}>');
  if (options.deliveryBackoffMs !== undefined && !(Array.isArray(options.deliveryBackoffMs) && options.deliveryBackoffMs.length <= 10 && options.deliveryBackoffMs.every((ms) => Number.isFinite(ms) && ms >= 0))) {
    throw new Error(`deliveryBackoffMs: must be a list of at most 10 waits in milliseconds, each 0 or more (got ${JSON.stringify(options.deliveryBackoffMs)})`);
  }
}

/** What a scenario file sets, as simulator options. */
export function scenarioOptions(scenario: Scenario): SimulatorOptions {
  return definedOnly({
    seed: scenario.seed,
    size: scenario.size,
    today: scenario.today,
    profile: scenario.profile,
    quirks: scenario.quirks,
    tokenShape: scenario.token?.shape,
    tokenLifetimeSeconds: scenario.token?.lifetimeSeconds,
    rejectCredentials: scenario.token?.rejectCredentials,
    faults: scenario.faults,
  });
}

export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

