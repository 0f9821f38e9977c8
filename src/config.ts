// The one reader of process.env. Everything Gigi's side can be told from outside
// is listed here with its default and meaning, checked at start-up, and handed
// to the rest as a plain object. A bad or missing value is one line naming the
// variable and the fix; all of them are reported at once.

import { existsSync } from 'node:fs';
import { parsePhone } from './wellsky/phone.ts';

export const MODES = ['mock', 'live', 'prism'] as const;
export type Mode = (typeof MODES)[number];

export interface WellSkySettings {
  /** The host, e.g. https://connect.clearcareonline.com; the client adds /oauth/accesstoken and /v1/. Live mode only. */
  baseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  agencyId?: string;
  allowWrites: boolean;
  timeoutMs: number;
  maxAttempts: number;
  retryBudgetMs: number;
  rateLimitPerSecond: number;
  maxConcurrent: number;
  tokenRefreshMarginSeconds: number;
}

/** A number Gigi knows without asking WellSky: the owner, the on-call manager. */
export interface KnownContact {
  e164: string;
  name: string;
  role: string;
}

export interface Coordinator {
  name: string;
  email: string;
}

/** Who hears complaints and leads: one for every client without their own. */
export interface Coordinators {
  default?: Coordinator;
  byClient: Record<string, Coordinator>;
}

export interface Config {
  mode: Mode;
  wellsky: WellSkySettings;
  /** The agency's time zone: shifts and "today" are local to it. */
  timeZone: string;
  /** The embedded simulated WellSky (mode mock); what is unset comes from the scenario, else the simulator's defaults. */
  mock: { scenario?: string; seed?: number; size?: string };
  /** PostgreSQL for the cache; unset means pg-mem, in memory, gone at exit. */
  databaseUrl?: string;
  callerId: {
    /** The most caller ID may spend before it answers "unknown" (the greeting cannot wait). */
    budgetMs: number;
    /** How long a caregiver's answer may wait for their shift (from WellSky, inside the budget); 0: never asked. */
    shiftWaitMs: number;
    knownContacts: KnownContact[];
  };
  coordinators: Coordinators;
  /** Per client id: the caregiver gender the client prefers. */
  clientPreferences: Record<string, { caregiverGender: 'female' | 'male' }>;
  /** Retell's API key: it signs the voice platform's webhooks. */
  retellApiKey?: string;
  /** `gigi-harness serve`'s port. */
  port: number;
  /** `serve` syncs incrementally this often (and fully once a day); 0: only at start. */
  syncEveryMinutes: number;
  /** `serve` runs the clock-in watch this often; 0: never. */
  clockInWatchMinutes: number;
  /** The https address WellSky can reach this server at, for change notifications; unset means none are registered (mock mode uses the local address). */
  publicUrl?: string;
}

interface Variable {
  name: string;
  default: string;
  meaning: string;
  secret?: boolean;
}

/** Every variable, in the order `.env.example` and `gigi-harness config` list them. */
export const VARIABLES: readonly Variable[] = [
  { name: 'WELLSKY_MODE', default: 'mock', meaning: 'mock: the embedded simulated WellSky over real HTTP · prism: a `prism mock` of spec/swagger.yaml · live: the real API' },
  { name: 'WELLSKY_BASE_URL', default: '(required in live mode)', meaning: 'the host only, e.g. https://connect.clearcareonline.com; the client adds /oauth/accesstoken and /v1/' },
  { name: 'WELLSKY_CLIENT_ID', default: '(required in live mode)', meaning: 'OAuth client id from WellSky', secret: true },
  { name: 'WELLSKY_CLIENT_SECRET', default: '(required in live mode)', meaning: 'OAuth client secret from WellSky; never logged, never written to a file', secret: true },
  { name: 'WELLSKY_AGENCY_ID', default: '(required in live mode)', meaning: "the agency's numeric id in WellSky", secret: true },
  { name: 'WELLSKY_ALLOW_WRITES', default: 'false in live mode, true otherwise', meaning: 'true lets Gigi create and change records; in live mode a write is refused before any byte leaves unless this is true' },
  { name: 'WELLSKY_TIMEOUT_MS', default: '10000', meaning: 'how long one HTTP call may take before it is a timeout (100 to 120000)' },
  { name: 'WELLSKY_MAX_ATTEMPTS', default: '5', meaning: 'tries per read on 429, 502, 503, 504 and dropped connections, the first included (1 to 10); writes are never retried' },
  { name: 'WELLSKY_RETRY_BUDGET_MS', default: '30000', meaning: 'the most a read may spend waiting between its tries, Retry-After included (0 to 600000)' },
  { name: 'WELLSKY_RATE_LIMIT_PER_SECOND', default: '20', meaning: 'calls per second at most, under the documented 100 (1 to 100)' },
  { name: 'WELLSKY_MAX_CONCURRENT', default: '4', meaning: 'calls in flight at once at most (1 to 32)' },
  { name: 'WELLSKY_TOKEN_REFRESH_MARGIN_SECONDS', default: '60', meaning: 'fetch a new token this long before the old one expires (0 to 1800)' },
  { name: 'AGENCY_TIME_ZONE', default: 'America/Denver', meaning: "the agency's IANA time zone: what \"today\" and a shift's day mean" },
  { name: 'WELLSKY_MOCK_SCENARIO', default: '(none: a live-like agency where nothing fails)', meaning: 'mock mode: a scenario from scenarios/, e.g. rate-limited, or the path of a scenario file (a recording)' },
  { name: 'WELLSKY_MOCK_SEED', default: "the scenario's, else 1", meaning: 'mock mode: seed of the synthetic agency' },
  { name: 'WELLSKY_MOCK_SIZE', default: "the scenario's, else small", meaning: 'mock mode: tiny | small | medium | large, or a number of people up to 50000' },
  { name: 'DATABASE_URL', default: '(unset: pg-mem, an in-memory PostgreSQL, emptied at exit)', meaning: 'the cache: postgres://user@host:5432/db', secret: true },
  { name: 'CALLERID_BUDGET_MS', default: '800', meaning: 'the most caller ID may take, counted from when the call arrived: cache, then WellSky on a miss; past it the answer is "unknown, lookup timed out" (50 to 5000)' },
  { name: 'CALLERID_SHIFT_WAIT_MS', default: '250', meaning: "how long a caregiver's greeting may wait for their shift now or next from WellSky, inside the budget; 0 leaves the shift out (0 to 5000)" },
  { name: 'GIGI_KNOWN_CONTACTS', default: '(none)', meaning: 'numbers known without WellSky: number|Name|role entries separated by ";", e.g. 303-555-0100|Dana Reyes|owner;303-555-0111|Sam Ortiz|on-call manager' },
  { name: 'GIGI_COORDINATORS', default: '(none: complaints and leads go to the on-call manager)', meaning: 'who hears a client complaint or a new lead, by email: default|Name|email, then clientId|Name|email for clients with their own coordinator, separated by ";", e.g. default|Lee Park|lee@example.org;50126|Ana Ruiz|ana@example.org' },
  { name: 'GIGI_CLIENT_PREFERENCES', default: '(none)', meaning: "what WellSky does not hold about a client's care: clientId|caregiver gender (female or male) entries separated by \";\", e.g. 50126|female; a call-out offers such a client's shifts to those caregivers first" },
  { name: 'RETELL_API_KEY', default: '(required by serve)', meaning: "Retell's API key, which signs its webhooks (x-retell-signature); never logged", secret: true },
  { name: 'GIGI_PORT', default: '8080', meaning: 'the port `gigi-harness serve` listens on (0 picks a free one)' },
  { name: 'GIGI_SYNC_EVERY_MINUTES', default: '15', meaning: '`serve` syncs the cache incrementally this often, and fully once a day (removing what WellSky deleted); 0: only at start (0 to 1440)' },
  { name: 'GIGI_CLOCK_IN_WATCH_MINUTES', default: '5', meaning: '`serve` runs the clock-in watch this often: a text an hour before each shift, and a page to the on-call manager when a shift is 15 minutes in without a clock-in; 0 turns it off (0 to 60)' },
  { name: 'GIGI_PUBLIC_URL', default: '(unset: no change notifications in live mode; the local address in mock mode)', meaning: 'https address WellSky can reach `serve` at; WellSky change notifications are registered to <it>/webhooks/wellsky/notifications' },
];

const KNOWN = new Set(VARIABLES.map((v) => v.name));

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The process's environment with some settings given on the command line instead (a copy: the process's own is not changed). */
export function environmentWith(overrides: Env): Env {
  return { ...process.env, ...overrides };
}

/** Reads and checks the environment; throws a ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: ConfigProblem[] = [];
  const problem = (variable: string, message: string) => problems.push({ variable, message });
  const raw = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  for (const name of Object.keys(env)) {
    if (/^(WELLSKY|GIGI|CALLERID)_/.test(name) && !KNOWN.has(name)) {
      const near = [...KNOWN].find((k) => similar(k, name));
      problem(name, `not a setting${near ? `; did you mean ${near}?` : ''} (known: ${[...KNOWN].join(', ')})`);
    }
  }

  const modeText = raw('WELLSKY_MODE') ?? 'mock';
  const mode = (MODES as readonly string[]).includes(modeText) ? (modeText as Mode) : undefined;
  if (!mode) problem('WELLSKY_MODE', `must be mock, live or prism (got "${modeText}"); leave it unset for the embedded simulated WellSky`);
  const live = mode === 'live';

  const baseUrl = parseBaseUrl(raw('WELLSKY_BASE_URL'), live, problem);
  const clientId = raw('WELLSKY_CLIENT_ID');
  const clientSecret = raw('WELLSKY_CLIENT_SECRET');
  const agencyId = raw('WELLSKY_AGENCY_ID');
  if (live) {
    if (!clientId) problem('WELLSKY_CLIENT_ID', 'required in live mode: the OAuth client id WellSky issued to the agency');
    if (!clientSecret) problem('WELLSKY_CLIENT_SECRET', 'required in live mode: the OAuth client secret WellSky issued (keep it in the environment, never in a file)');
    if (!agencyId) problem('WELLSKY_AGENCY_ID', "required in live mode: the agency's numeric id in WellSky");
  }
  for (const [name, value] of [['WELLSKY_CLIENT_ID', clientId], ['WELLSKY_CLIENT_SECRET', clientSecret]] as const) {
    if (value !== undefined && /\s/.test(value)) problem(name, 'contains whitespace; copy the value again without spaces or line breaks');
  }
  if (agencyId !== undefined && !/^\d+$/.test(agencyId)) problem('WELLSKY_AGENCY_ID', 'must be digits only (WellSky ids are numeric)');

  const allowWritesText = raw('WELLSKY_ALLOW_WRITES');
  let allowWrites = !live;
  if (allowWritesText !== undefined) {
    if (allowWritesText === 'true' || allowWritesText === 'false') allowWrites = allowWritesText === 'true';
    else problem('WELLSKY_ALLOW_WRITES', `must be true or false (got "${allowWritesText}")`);
  }

  const int = (name: string, fallback: number, min: number, max: number, hint = '') => {
    const text = raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      problem(name, `must be a whole number from ${min} to ${max} (got "${text}")${hint}`);
      return fallback;
    }
    return value;
  };

  const wellsky: WellSkySettings = {
    ...(baseUrl ? { baseUrl } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(agencyId ? { agencyId } : {}),
    allowWrites,
    timeoutMs: int('WELLSKY_TIMEOUT_MS', 10_000, 100, 120_000),
    maxAttempts: int('WELLSKY_MAX_ATTEMPTS', 5, 1, 10),
    retryBudgetMs: int('WELLSKY_RETRY_BUDGET_MS', 30_000, 0, 600_000),
    rateLimitPerSecond: int('WELLSKY_RATE_LIMIT_PER_SECOND', 20, 1, 100, '; WellSky documents 100 per second as its limit'),
    maxConcurrent: int('WELLSKY_MAX_CONCURRENT', 4, 1, 32),
    tokenRefreshMarginSeconds: int('WELLSKY_TOKEN_REFRESH_MARGIN_SECONDS', 60, 0, 1800),
  };

  const timeZone = raw('AGENCY_TIME_ZONE') ?? 'America/Denver';
  if (!validTimeZone(timeZone)) problem('AGENCY_TIME_ZONE', `"${timeZone}" is not an IANA time zone; use a name such as America/Denver or America/Chicago`);

  const scenario = raw('WELLSKY_MOCK_SCENARIO');
  // A name from scenarios/, or a scenario file elsewhere (what `gigi-harness record` writes).
  if (scenario !== undefined && /\.ya?ml$/.test(scenario)) {
    if (!existsSync(scenario)) problem('WELLSKY_MOCK_SCENARIO', `no scenario file at ${scenario} (give a path to a .yaml file, or a name from scenarios/)`);
  } else if (scenario !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(scenario)) {
    problem('WELLSKY_MOCK_SCENARIO', `"${scenario}" is not a scenario name (lower-case letters, digits and dashes; see scenarios/) or a path to a .yaml file`);
  }
  const size = raw('WELLSKY_MOCK_SIZE');
  if (size !== undefined && !['tiny', 'small', 'medium', 'large'].includes(size) && !(/^\d+$/.test(size) && Number(size) >= 1 && Number(size) <= 50_000)) {
    problem('WELLSKY_MOCK_SIZE', `must be tiny, small, medium, large or a number of people from 1 to 50000 (got "${size}")`);
  }
  const seed = raw('WELLSKY_MOCK_SEED') === undefined ? undefined : int('WELLSKY_MOCK_SEED', 1, 0, 2 ** 31 - 1);
  const mock = { ...(scenario ? { scenario } : {}), ...(seed !== undefined ? { seed } : {}), ...(size ? { size } : {}) };

  const databaseUrl = raw('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    problem('DATABASE_URL', 'must be a postgres:// or postgresql:// URL, e.g. postgres://postgres@127.0.0.1:5432/gigi; unset it to use pg-mem in memory');
  }
  const callerId = {
    budgetMs: int('CALLERID_BUDGET_MS', 800, 50, 5000, '; the voice platform waits at most 10 s for the whole answer'),
    shiftWaitMs: int('CALLERID_SHIFT_WAIT_MS', 250, 0, 5000),
    knownContacts: parseKnownContacts(raw('GIGI_KNOWN_CONTACTS'), problem),
  };
  const coordinators = parseCoordinators(raw('GIGI_COORDINATORS'), problem);
  const clientPreferences = parseClientPreferences(raw('GIGI_CLIENT_PREFERENCES'), problem);
  const retellApiKey = raw('RETELL_API_KEY');
  const port = int('GIGI_PORT', 8080, 0, 65535);
  const syncEveryMinutes = int('GIGI_SYNC_EVERY_MINUTES', 15, 0, 1440);
  const clockInWatchMinutes = int('GIGI_CLOCK_IN_WATCH_MINUTES', 5, 0, 60);
  const publicUrl = parsePublicUrl(raw('GIGI_PUBLIC_URL'), problem);

  if (problems.length) throw new ConfigError(problems);
  return {
    mode: mode!,
    wellsky,
    timeZone,
    mock,
    ...(databaseUrl ? { databaseUrl } : {}),
    callerId,
    coordinators,
    clientPreferences,
    ...(retellApiKey ? { retellApiKey } : {}),
    port,
    syncEveryMinutes,
    clockInWatchMinutes,
    ...(publicUrl ? { publicUrl } : {}),
  };
}

/** `number|Name|role;…`: each number must be a valid North American number, each name and role non-empty. */
function parseKnownContacts(text: string | undefined, problem: (v: string, m: string) => void): KnownContact[] {
  if (text === undefined) return [];
  const contacts: KnownContact[] = [];
  text.split(';').forEach((entry, index) => {
    if (entry.trim() === '') return;
    const [number = '', name = '', role = '', ...extra] = entry.split('|').map((part) => part.trim());
    const phone = parsePhone(number);
    const where = `entry ${index + 1}`;
    if (extra.length || !name || !role) {
      problem('GIGI_KNOWN_CONTACTS', `${where} must be number|Name|role (got ${extra.length ? 'too many' : 'too few'} parts); e.g. 303-555-0100|Dana Reyes|owner`);
    } else if (!phone) {
      problem('GIGI_KNOWN_CONTACTS', `${where}: "${number}" is not a North American phone number; write it as e.g. 303-555-0100`);
    } else if (contacts.some((c) => c.e164 === phone.e164)) {
      problem('GIGI_KNOWN_CONTACTS', `${where}: ${phone.e164} is listed twice; keep one entry per number`);
    } else {
      contacts.push({ e164: phone.e164, name, role });
    }
  });
  return contacts;
}

/** `default|Name|email;clientId|Name|email;…`: a plain email each, a client id in digits, each key once. */
function parseCoordinators(text: string | undefined, problem: (v: string, m: string) => void): Coordinators {
  const coordinators: Coordinators = { byClient: {} };
  if (text === undefined) return coordinators;
  text.split(';').map((e) => e.trim()).filter(Boolean).forEach((entry, index) => {
    const [key = '', name = '', email = '', ...extra] = entry.split('|').map((p) => p.trim());
    const where = `entry ${index + 1}`;
    if (extra.length || !key || !name || !email) return problem('GIGI_COORDINATORS', `${where} must be key|Name|email (key: default or a client id); e.g. default|Lee Park|lee@example.org`);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return problem('GIGI_COORDINATORS', `${where}: "${email}" is not an email address`);
    if (key !== 'default' && !/^\d+$/.test(key)) return problem('GIGI_COORDINATORS', `${where}: "${key}" must be "default" or a WellSky client id (digits)`);
    if (key === 'default' ? coordinators.default : coordinators.byClient[key]) return problem('GIGI_COORDINATORS', `${where}: ${key} is listed twice; keep one entry for it`);
    if (key === 'default') coordinators.default = { name, email };
    else coordinators.byClient[key] = { name, email };
  });
  return coordinators;
}

/** `clientId|female;clientId|male`: a client id in digits, once each. */
function parseClientPreferences(text: string | undefined, problem: (v: string, m: string) => void): Config['clientPreferences'] {
  const preferences: Config['clientPreferences'] = {};
  if (text === undefined) return preferences;
  text.split(';').map((e) => e.trim()).filter(Boolean).forEach((entry, index) => {
    const [id = '', gender = '', ...extra] = entry.split('|').map((p) => p.trim().toLowerCase());
    const where = `entry ${index + 1}`;
    if (extra.length || !/^\d+$/.test(id)) return problem('GIGI_CLIENT_PREFERENCES', `${where} must be clientId|female or clientId|male, the id in digits; e.g. 50126|female`);
    if (gender !== 'female' && gender !== 'male') return problem('GIGI_CLIENT_PREFERENCES', `${where}: "${gender}" must be female or male`);
    if (preferences[id]) return problem('GIGI_CLIENT_PREFERENCES', `${where}: client ${id} is listed twice; keep one entry`);
    preferences[id] = { caregiverGender: gender };
  });
  return preferences;
}

/** Where WellSky posts change notifications: https, or http to this machine (the simulated WellSky). */
function parsePublicUrl(text: string | undefined, problem: (v: string, m: string) => void): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problem('GIGI_PUBLIC_URL', `not a URL (got "${withoutLogin(text)}"); give the https address WellSky can reach, e.g. https://gigi.example.org`);
    return undefined;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    problem('GIGI_PUBLIC_URL', `must start with https:// (got ${url.protocol}//): WellSky sends the notification secret with each call`);
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    problem('GIGI_PUBLIC_URL', `must be an address with no query, fragment or login; use ${url.origin}${url.pathname.replace(/\/+$/, '')}`);
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function validTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The host, no path. A base URL ending in /v1 is refused with the reason: the
 * client adds /v1/ itself, and /v1/v1/… is the gateway's 403 that cost the
 * agency a week in January 2026.
 */
function parseBaseUrl(text: string | undefined, live: boolean, problem: (v: string, m: string) => void): string | undefined {
  if (text === undefined) {
    if (live) problem('WELLSKY_BASE_URL', 'required in live mode: the host, e.g. https://connect.clearcareonline.com (sandbox: https://api-sandbox.clearcareonline.com)');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problem('WELLSKY_BASE_URL', `not a URL (got "${withoutLogin(text)}"); give the host, e.g. https://connect.clearcareonline.com`);
    return undefined;
  }
  // The client secret crosses this connection: plain http only to this machine (a local simulator).
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    problem('WELLSKY_BASE_URL', `must start with https:// (got ${url.protocol}//); plain http is allowed only to localhost`);
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/^\/v1$/i.test(path)) {
    problem(
      'WELLSKY_BASE_URL',
      `ends in /v1; give the host only (${url.origin}). The client adds /v1/ to every path, so this would call /v1/v1/… and get the gateway's 403 "Invalid key=value pair" — the January 2026 failure`,
    );
    return undefined;
  }
  if (path !== '' || url.search || url.hash || url.username || url.password) {
    problem('WELLSKY_BASE_URL', `must be the host only, with no path, query or login (got "${withoutLogin(text)}"); use ${url.origin}`);
    return undefined;
  }
  return url.origin;
}

/** A URL as it may be shown: a login in it is replaced. */
function withoutLogin(text: string): string {
  return text.replace(/\/\/[^/@]*@/, '//[login]@');
}

/** One letter changed, added or dropped. */
function similar(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/** What `gigi-harness config` prints: each setting's effective value and where it came from; secrets as their length. */
export function describeConfig(config: Config, env: Env = process.env): { name: string; value: string; source: 'environment' | 'default'; meaning: string }[] {
  const effective: Record<string, string | undefined> = {
    WELLSKY_MODE: config.mode,
    WELLSKY_BASE_URL: config.wellsky.baseUrl ?? (config.mode === 'live' ? undefined : '(chosen at start: the simulated WellSky on a free port)'),
    WELLSKY_CLIENT_ID: config.wellsky.clientId,
    WELLSKY_CLIENT_SECRET: config.wellsky.clientSecret,
    WELLSKY_AGENCY_ID: config.wellsky.agencyId,
    WELLSKY_ALLOW_WRITES: String(config.wellsky.allowWrites),
    WELLSKY_TIMEOUT_MS: String(config.wellsky.timeoutMs),
    WELLSKY_MAX_ATTEMPTS: String(config.wellsky.maxAttempts),
    WELLSKY_RETRY_BUDGET_MS: String(config.wellsky.retryBudgetMs),
    WELLSKY_RATE_LIMIT_PER_SECOND: String(config.wellsky.rateLimitPerSecond),
    WELLSKY_MAX_CONCURRENT: String(config.wellsky.maxConcurrent),
    WELLSKY_TOKEN_REFRESH_MARGIN_SECONDS: String(config.wellsky.tokenRefreshMarginSeconds),
    AGENCY_TIME_ZONE: config.timeZone,
    WELLSKY_MOCK_SCENARIO: config.mock.scenario,
    WELLSKY_MOCK_SEED: config.mock.seed === undefined ? undefined : String(config.mock.seed),
    WELLSKY_MOCK_SIZE: config.mock.size,
    DATABASE_URL: config.databaseUrl,
    CALLERID_BUDGET_MS: String(config.callerId.budgetMs),
    CALLERID_SHIFT_WAIT_MS: String(config.callerId.shiftWaitMs),
    GIGI_KNOWN_CONTACTS: config.callerId.knownContacts.length ? config.callerId.knownContacts.map((c) => `${c.e164}|${c.name}|${c.role}`).join(';') : undefined,
    GIGI_COORDINATORS: [...(config.coordinators.default ? [`default|${config.coordinators.default.name}|${config.coordinators.default.email}`] : []), ...Object.entries(config.coordinators.byClient).map(([id, c]) => `${id}|${c.name}|${c.email}`)].join(';') || undefined,
    GIGI_CLIENT_PREFERENCES: Object.entries(config.clientPreferences).map(([id, p]) => `${id}|${p.caregiverGender}`).join(';') || undefined,
    RETELL_API_KEY: config.retellApiKey,
    GIGI_PORT: String(config.port),
    GIGI_SYNC_EVERY_MINUTES: String(config.syncEveryMinutes),
    GIGI_CLOCK_IN_WATCH_MINUTES: String(config.clockInWatchMinutes),
    GIGI_PUBLIC_URL: config.publicUrl,
  };
  return VARIABLES.map((v) => {
    const value = effective[v.name];
    const shown = v.secret ? (value === undefined ? 'not set' : `set (${value.length} chars)`) : (value ?? 'not set');
    const fromEnv = env[v.name] !== undefined && env[v.name]!.trim() !== '';
    return { name: v.name, value: shown, source: fromEnv ? 'environment' : 'default', meaning: v.meaning };
  });
}

/** Whether a CI system runs this (its `CI` variable): progress bars and prompts stay quiet there. Not a setting of Gigi's. */
export function runningInCi(env: Env = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
