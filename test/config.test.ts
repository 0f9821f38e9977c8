// src/config.ts: defaults, every bad value named with its fix, live mode's
// requirements and read-only default, and .env.example in step with the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, VARIABLES } from '../src/config.ts';

const LIVE = { WELLSKY_MODE: 'live', WELLSKY_BASE_URL: 'https://connect.clearcareonline.com', WELLSKY_CLIENT_ID: 'synthetic-id', WELLSKY_CLIENT_SECRET: 'synthetic-secret-0123456789abcdef', WELLSKY_AGENCY_ID: '3100' };

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('defaults to the embedded simulated WellSky with writes allowed', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'mock', timeZone: 'America/Denver', mock: {} });
    expect(config.wellsky).toMatchObject({ allowWrites: true, timeoutMs: 10_000, maxAttempts: 5, rateLimitPerSecond: 20, maxConcurrent: 4 });
  });

  it('live mode is read-only unless writes are enabled explicitly', () => {
    expect(loadConfig(LIVE).wellsky.allowWrites).toBe(false);
    expect(loadConfig({ ...LIVE, WELLSKY_ALLOW_WRITES: 'true' }).wellsky.allowWrites).toBe(true);
  });

  it('live mode needs the host, both credentials and the agency id, and says so for each', () => {
    expect(problems({ WELLSKY_MODE: 'live' }).map((p) => p.variable)).toEqual(['WELLSKY_BASE_URL', 'WELLSKY_CLIENT_ID', 'WELLSKY_CLIENT_SECRET', 'WELLSKY_AGENCY_ID']);
  });

  it.each([
    [{ WELLSKY_MODE: 'production' }, 'WELLSKY_MODE', /mock, live or prism/],
    [{ ...LIVE, WELLSKY_BASE_URL: 'https://connect.clearcareonline.com/v1' }, 'WELLSKY_BASE_URL', /ends in \/v1.*\/v1\/v1\/.*January 2026/],
    [{ ...LIVE, WELLSKY_BASE_URL: 'https://connect.clearcareonline.com/v1/' }, 'WELLSKY_BASE_URL', /ends in \/v1/],
    [{ ...LIVE, WELLSKY_BASE_URL: 'https://connect.clearcareonline.com/api' }, 'WELLSKY_BASE_URL', /host only.*use https:\/\/connect\.clearcareonline\.com/],
    [{ ...LIVE, WELLSKY_BASE_URL: 'connect.clearcareonline.com' }, 'WELLSKY_BASE_URL', /not a URL/],
    [{ ...LIVE, WELLSKY_BASE_URL: 'ftp://connect.clearcareonline.com' }, 'WELLSKY_BASE_URL', /https:\/\//],
    [{ ...LIVE, WELLSKY_BASE_URL: 'http://connect.clearcareonline.com' }, 'WELLSKY_BASE_URL', /must start with https:\/\/.*only to localhost/],
    [{ ...LIVE, WELLSKY_BASE_URL: 'https://agency:hunter2@connect.clearcareonline.com' }, 'WELLSKY_BASE_URL', /^(?!.*hunter2).*no path, query or login.*\[login\]/],
    [{ ...LIVE, WELLSKY_AGENCY_ID: 'agency-9' }, 'WELLSKY_AGENCY_ID', /digits only/],
    [{ ...LIVE, WELLSKY_CLIENT_SECRET: 'abc def' }, 'WELLSKY_CLIENT_SECRET', /whitespace/],
    [{ WELLSKY_ALLOW_WRITES: 'yes' }, 'WELLSKY_ALLOW_WRITES', /true or false/],
    [{ WELLSKY_TIMEOUT_MS: '10s' }, 'WELLSKY_TIMEOUT_MS', /whole number from 100 to 120000/],
    [{ WELLSKY_RATE_LIMIT_PER_SECOND: '150' }, 'WELLSKY_RATE_LIMIT_PER_SECOND', /documents 100 per second/],
    [{ WELLSKY_MAX_ATTEMPTS: '0' }, 'WELLSKY_MAX_ATTEMPTS', /1 to 10/],
    [{ AGENCY_TIME_ZONE: 'Mountain' }, 'AGENCY_TIME_ZONE', /IANA time zone/],
    [{ WELLSKY_MOCK_SIZE: 'huge' }, 'WELLSKY_MOCK_SIZE', /tiny, small, medium, large/],
    [{ WELLSKY_MOCK_SCENARIO: '../etc/passwd' }, 'WELLSKY_MOCK_SCENARIO', /not a scenario name/],
    [{ WELLSKY_MOCK_SCENARIO: '/nowhere/recorded-x.yaml' }, 'WELLSKY_MOCK_SCENARIO', /no scenario file at \/nowhere\/recorded-x\.yaml/],
    [{ WELLSKY_MODEL: 'mock' }, 'WELLSKY_MODEL', /not a setting; did you mean WELLSKY_MODE\?/],
  ])('refuses %j naming %s and the fix', (env, variable, message) => {
    const found = problems(env as Record<string, string>);
    expect(found.map((p) => p.variable)).toContain(variable);
    expect(found.find((p) => p.variable === variable)!.message).toMatch(message);
  });

  it('reports every problem at once', () => {
    expect(problems({ WELLSKY_MODE: 'live', WELLSKY_TIMEOUT_MS: 'x', WELLSKY_ALLOW_WRITES: 'maybe' }).length).toBe(6);
  });

  it('takes plain http only to this machine (a local simulator in live mode)', () => {
    expect(loadConfig({ ...LIVE, WELLSKY_BASE_URL: 'http://127.0.0.1:8089' }).wellsky.baseUrl).toBe('http://127.0.0.1:8089');
  });

  it('keeps the host and drops a trailing slash', () => {
    expect(loadConfig({ ...LIVE, WELLSKY_BASE_URL: 'https://api-sandbox.clearcareonline.com/' }).wellsky.baseUrl).toBe('https://api-sandbox.clearcareonline.com');
  });

  it('an error never repeats a secret it was given', () => {
    const secret = 'synthetic secret with spaces';
    const error = (() => {
      try {
        loadConfig({ ...LIVE, WELLSKY_CLIENT_SECRET: secret });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('WELLSKY_CLIENT_SECRET');
    expect(error?.message).not.toContain(secret);
  });
});

describe('describeConfig (gigi-harness config)', () => {
  it('shows secrets only as their length, and where each value came from', () => {
    const rows = describeConfig(loadConfig(LIVE), LIVE);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.WELLSKY_CLIENT_SECRET!.value).toBe(`set (${LIVE.WELLSKY_CLIENT_SECRET.length} chars)`);
    expect(byName.WELLSKY_CLIENT_ID!.value).toBe('set (12 chars)');
    expect(byName.WELLSKY_ALLOW_WRITES).toMatchObject({ value: 'false', source: 'default' });
    expect(byName.WELLSKY_MODE).toMatchObject({ value: 'live', source: 'environment' });
    expect(JSON.stringify(rows)).not.toContain(LIVE.WELLSKY_CLIENT_SECRET);
    expect(JSON.stringify(rows)).not.toContain(LIVE.WELLSKY_CLIENT_ID);
  });
});

describe('GIGI_COORDINATORS', () => {
  it('reads a default coordinator and per-client ones', () => {
    const config = loadConfig({ GIGI_COORDINATORS: 'default|Lee Park|lee@example.org; 50126|Ana Ruiz|ana@example.org' });
    expect(config.coordinators).toEqual({ default: { name: 'Lee Park', email: 'lee@example.org' }, byClient: { '50126': { name: 'Ana Ruiz', email: 'ana@example.org' } } });
    expect(loadConfig({}).coordinators).toEqual({ byClient: {} });
  });

  it('names the entry and the fix for each bad one', () => {
    const found = problems({ GIGI_COORDINATORS: 'default|Lee Park|lee-at-example;client7|Ana|ana@example.org;default|Kai|kai@example.org;50126|Ana' }).map((p) => p.message);
    expect(found).toEqual([
      'entry 1: "lee-at-example" is not an email address',
      'entry 2: "client7" must be "default" or a WellSky client id (digits)',
      expect.stringContaining('entry 4 must be key|Name|email'),
    ]);
    expect(problems({ GIGI_COORDINATORS: 'default|A|a@example.org;default|B|b@example.org' }).map((p) => p.message)).toEqual(['entry 2: default is listed twice; keep one entry for it']);
  });
});

describe('GIGI_CLIENT_PREFERENCES', () => {
  it('reads a caregiver gender per client, and names each bad entry', () => {
    expect(loadConfig({ GIGI_CLIENT_PREFERENCES: '50126|female; 50127|Male' }).clientPreferences).toEqual({ '50126': { caregiverGender: 'female' }, '50127': { caregiverGender: 'male' } });
    expect(problems({ GIGI_CLIENT_PREFERENCES: 'kara|female;50126|nonbinary;50126|female;50126|male' }).map((p) => p.message)).toEqual([
      'entry 1 must be clientId|female or clientId|male, the id in digits; e.g. 50126|female',
      'entry 2: "nonbinary" must be female or male',
      'entry 4: client 50126 is listed twice; keep one entry',
    ]);
  });
});

describe('.env.example', () => {
  const text = readFileSync('.env.example', 'utf8');
  it('lists every variable the code reads, with its default and meaning', () => {
    const listed = [...text.matchAll(/^# ([A-Z_]+)=$/gm)].map((m) => m[1]);
    expect(listed).toEqual(VARIABLES.map((v) => v.name));
    for (const v of VARIABLES) expect(text).toContain(`# ${v.meaning}. Default: ${v.default}.`);
  });

  it('holds no value', () => {
    expect(text).not.toMatch(/^[A-Z_]+=\S/m);
  });
});
