// The repro pack's canary. Credentials, the tokens WellSky issues, and every
// name, phone, email, address, birth date and note in WellSky's answers are
// unique marker strings; over every scenario a pack is built (and zipped and
// unzipped), a recording is made and the logs are kept; then every byte of every
// file is searched: zero markers. A control run that keeps health data finds
// them, so the search can fail.
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listScenarios } from '../../mock-server/core/scenario.ts';
import { createLogger } from '../../src/log.ts';
import { recordScenario } from '../../src/repro/recording.ts';
import { buildReproPack } from '../../src/repro/repro-pack.ts';
import { Redactor } from '../../src/repro/redaction.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { stallAdvancingFetch } from '../support/wellsky.ts';

const work = mkdtempSync(join(tmpdir(), 'repro-canary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CLIENT_ID = 'canary-client-QX7ID';
const CLIENT_SECRET = 'canary-secret-QX7SECRET';

/**
 * WellSky's side of the wire, below the recorder: passes each answer on with
 * every personal field replaced by a fresh marker, and notes each token issued
 * (and the gateway's hash of a header holding it) as markers too.
 */
function markingWellSky(markers: Set<string>, next: typeof fetch): typeof fetch {
  let n = 0;
  const mark = (kind: string) => {
    const m = `${kind}QX7${String(++n).padStart(4, '0')}`;
    markers.add(m);
    return m;
  };
  const phone = () => {
    // A phone as WellSky writes one; unique to this run.
    const m = `+1919555${String(1000 + (++n % 9000))}`;
    markers.add(m);
    return m;
  };
  const walk = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) {
        if (k === 'name' && Array.isArray(v)) out[k] = [{ use: 'official', family: mark('family'), given: [mark('given')] }];
        else if (k === 'telecom' && Array.isArray(v)) out[k] = [{ system: 'phone', value: phone(), use: 'mobile' }, { system: 'email', value: `${mark('mail')}@example.org`, use: 'home' }];
        else if (k === 'address' && Array.isArray(v)) out[k] = [{ use: 'home', line: [mark('street')], city: mark('city'), state: 'CO', postalCode: '80219' }];
        else if (k === 'birthDate') {
          const m = `19${String(10 + (++n % 80))}-0${1 + (n % 9)}-2${n % 9}`;
          markers.add(m);
          out[k] = m;
        } else if (['generalComment', 'comment', 'description', 'text', 'first_name', 'last_name'].includes(k) && typeof v === 'string') out[k] = mark(k);
        else if (['home_phone', 'mobile_phone', 'work_phone'].includes(k) && typeof v === 'string') out[k] = phone();
        // The agency's own words ride in tags too (a prospect's notes, who referred them).
        else if (k === 'tag' && Array.isArray(v)) out[k] = [...(walk(v, k) as unknown[]), { code: 'notes', display: mark('tagnote') }, { code: 'referralSource', display: mark('referrer') }];
        else out[k] = walk(v, k);
      }
      return out;
    }
    return value;
  };
  return async (input, init) => {
    const auth = new Headers(init?.headers).get('authorization');
    if (auth) markers.add(createHash('sha256').update(auth).digest('base64'));
    const res = await next(input, init);
    const text = await res.text();
    let body = text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (String(input).endsWith('/oauth/accesstoken')) {
        for (const f of ['access_token', 'auth_token', 'graphql_token', 'drf_token']) {
          const t = (parsed as Record<string, unknown>)[f];
          if (typeof t === 'string' && t) markers.add(t);
        }
      } else body = JSON.stringify(walk(parsed));
    } catch {
      // Not JSON: passed on as it came.
    }
    const noBody = res.status === 204 || res.status === 304;
    return new Response(noBody ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Every file under a folder, as text. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'latin1');
  }
  return out;
}

function leaks(texts: Record<string, string>, markers: Set<string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const m of markers) for (const form of new Set([m, encodeURIComponent(m), JSON.stringify(m).slice(1, -1)])) if (text.includes(form)) found.push(`${m} in ${where}`);
  }
  return found;
}

const env = (scenario: string) => ({ WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_RATE_LIMIT_PER_SECOND: '100', WELLSKY_CLIENT_ID: CLIENT_ID, WELLSKY_CLIENT_SECRET: CLIENT_SECRET, WELLSKY_MOCK_SCENARIO: scenario });

// One scenario at a time: connection-failures moves its fake clock on after a second of real waiting,
// which other runs' load could make a normal answer take.
describe('repro canary', () => {
  it.each(listScenarios().map((s) => s.name))('%s: no marker in the pack, its zip, the recording or the logs', async (scenario) => {
    const markers = new Set([CLIENT_ID, CLIENT_SECRET]);
    const logs: string[] = [];
    const clock = new FakeClock();
    const network = scenario === 'connection-failures' ? stallAdvancingFetch(clock, 10_000) : (input: Parameters<typeof fetch>[0], init?: RequestInit) => globalThis.fetch(input, init);
    const dir = join(work, `pack-${scenario}`);
    const log = createLogger({ destination: { write: (line: string) => void logs.push(line) }, redactor: new Redactor() });
    const pack = await buildReproPack({ outDir: dir, clock, env: env(scenario), fetch: markingWellSky(markers, network), mockOptions: { sleep: (ms: number) => clock.sleep(ms) }, log });
    const recordingClock = new FakeClock();
    const recordingNetwork = scenario === 'connection-failures' ? stallAdvancingFetch(recordingClock, 10_000) : network;
    const recording = await recordScenario({ out: join(work, `recorded-${scenario}.yaml`), clock: recordingClock, env: env(scenario), fetch: markingWellSky(markers, recordingNetwork), mockOptions: { sleep: (ms: number) => recordingClock.sleep(ms) } });
    // The logger is handed raw personal fields by mistake, too: it must redact them.
    log.info({ caller: { name: [...markers].find((m) => m.startsWith('given')) ?? 'givenQX7none', phone: [...markers].find((m) => m.startsWith('+1919')) ?? '' }, url: `http://x/v1/patients/?first_name=${[...markers].find((m) => m.startsWith('family')) ?? ''}` }, 'a careless line');

    const texts = filesUnder(dir);
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(pack.zipPath!)))) texts[`zip:${name}`] = strFromU8(bytes);
    texts[recording.file] = readFileSync(recording.file, 'latin1');
    texts.logs = logs.join('\n');
    expect(leaks(texts, markers)).toEqual([]);
    // The run really met the markers: tokens wherever a token was issued, names wherever a read worked.
    if (pack.report.steps.some((s) => s.name === 'practitioners' && s.outcome === 'worked' && /read \d+/.test(s.summary))) {
      expect([...markers].some((m) => m.startsWith('family'))).toBe(true);
    }
  });

  it('control: with health data kept, the same search finds the names and phones (so it can fail)', async () => {
    const markers = new Set<string>();
    const dir = join(work, 'pack-control');
    const pack = await buildReproPack({ outDir: dir, zip: false, redactHealthData: false, clock: new FakeClock(), env: env('happy-path'), fetch: markingWellSky(markers, (i, init) => globalThis.fetch(i, init)) });
    const found = leaks(filesUnder(pack.dir), markers);
    expect(found.some((f) => f.startsWith('family'))).toBe(true);
    expect(found.some((f) => f.startsWith('+1919'))).toBe(true);
    // Tokens and credentials are replaced even then.
    expect(found.filter((f) => /^[0-9a-f]{32} /.test(f) || f.startsWith('canary-'))).toEqual([]);
  });
});
