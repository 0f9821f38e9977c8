// gigi-harness repro-pack against the simulated WellSky: for every scenario in
// the catalogue the README names the same kind and owner the doctor finds; the
// happy path says all clear; the January client (doubled paths, the
// BearerToken scheme) is told "client-side path and scheme", never
// "credentials". The HAR passes har-validator, replay.sh is `bash -n` clean and
// replays the same statuses, violations.json shows what broke the contract,
// and bad options are refused before anything is written.
import { unzipSync, strFromU8 } from 'fflate';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
// har-validator has no types.
// @ts-expect-error no declaration file
import harValidator from 'har-validator/lib/promise.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock-server/http.ts';
import { runCli } from '../../src/cli.ts';
import { OWNERS } from '../../src/wellsky/diagnosis.ts';
import { ContractChecker } from '../../src/repro/contract-check.ts';
import { diagnose } from '../../src/repro/pack-readme.ts';
import type { RecordedExchange } from '../../src/repro/recorder.ts';
import { buildReplayScript } from '../../src/repro/replay-script.ts';
import { buildReproPack, type ReproPack } from '../../src/repro/repro-pack.ts';
import type { DoctorReport } from '../../src/doctor/doctor.ts';
import { DOCTOR_EXPECTED } from '../support/doctor-expectations.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { stallAdvancingFetch } from '../support/wellsky.ts';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'repro-pack-'));
let folders = 0;
const newDir = () => join(work, `pack-${++folders}`);

/** Fixed credentials, so replay.sh can be run against a second simulated WellSky that knows them. */
const CREDENTIALS = { clientId: 'pack-test-client', clientSecret: 'pack-test-secret-0123' };
const ENV = { WELLSKY_MOCK_SIZE: 'tiny', WELLSKY_MOCK_SEED: '5', WELLSKY_RATE_LIMIT_PER_SECOND: '100', WELLSKY_CLIENT_ID: CREDENTIALS.clientId, WELLSKY_CLIENT_SECRET: CREDENTIALS.clientSecret };

async function pack(env: Record<string, string>, wrap?: (clock: FakeClock) => typeof fetch, extra: { clientSide?: (recording: typeof fetch) => typeof fetch } = {}): Promise<ReproPack> {
  const clock = new FakeClock();
  return buildReproPack({
    outDir: newDir(),
    clock,
    ...(extra.clientSide ? { clientSide: extra.clientSide } : {}),
    env: { ...ENV, ...env },
    ...(wrap ? { fetch: wrap(clock) } : {}),
    mockOptions: { sleep: (ms: number) => clock.sleep(ms) },
  });
}

const file = (p: ReproPack, name: string) => readFileSync(join(p.dir, name), 'utf8');
const headline = (p: ReproPack) => /^\*\*Diagnosis: (.*)\*\*$/m.exec(file(p, 'README.md'))?.[1];

/** The January client, in front of the recorder: every path with /v1/ doubled, and token_type echoed as the scheme. */
const januaryClient =
  (next: typeof fetch): typeof fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    const auth = headers.get('authorization');
    if (auth) headers.set('authorization', auth.replace(/^Bearer /, 'BearerToken '));
    return next(String(input).replace('/v1/', '/v1/v1/'), { ...init, headers });
  };

/** Runs replay.sh against a fresh simulated WellSky playing `scenario` with the test's credentials. */
async function replay(p: ReproPack, scenario?: string): Promise<{ code: number; stdout: string }> {
  const mock = await startMockServer({ port: 0, seed: 5, size: 'tiny', credentials: CREDENTIALS, ...(scenario ? { scenario } : {}) });
  try {
    const env = { ...process.env, WELLSKY_BASE_URL: mock.url, WELLSKY_CLIENT_ID: CREDENTIALS.clientId, WELLSKY_CLIENT_SECRET: CREDENTIALS.clientSecret };
    const result = await run('bash', [join(p.dir, 'replay.sh')], { env }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    return result;
  } finally {
    await mock.close();
  }
}

afterAll(() => {
  // The folders are the test's own temporary ones; leave nothing behind.
  void run('rm', ['-rf', work]);
});

// One scenario at a time: connection-failures moves its fake clock on after a second of real waiting,
// which other runs' load could make a normal answer take.
describe('repro-pack over the catalogue', () => {
  it.each(Object.entries(DOCTOR_EXPECTED))('%s: the README names what the doctor finds', async (scenario, expected) => {
    const p = await pack({ WELLSKY_MOCK_SCENARIO: scenario }, scenario === 'connection-failures' ? (clock) => stallAdvancingFetch(clock, 10_000) : undefined);
    const readme = file(p, 'README.md');
    if (expected === 'works') {
      expect(headline(p), readme).toBe('All clear: every check worked, and nothing here needs WellSky.');
      expect(readme).toContain('## What the agency needs from WellSky\n\nNothing.');
    } else {
      for (const [step, kindOwner] of Object.entries(expected)) {
        const [kind, owner] = kindOwner.split('/') as [string, keyof typeof OWNERS];
        expect(readme, readme).toContain(`### ${step}: ${kind} — ${OWNERS[owner]}`);
        expect(headline(p)).not.toMatch(/^All clear/);
      }
      // Every failure carries its evidence: a request id that is in the HAR.
      for (const id of readme.matchAll(/request id `([0-9a-f-]{36})`/g)) expect(file(p, 'exchanges.har')).toContain(id[1]);
    }
    // har-validator resolves with the HAR when it is valid, and rejects naming each schema error.
    const har: unknown = JSON.parse(file(p, 'exchanges.har'));
    await expect(harValidator.har(har)).resolves.toEqual(har);
    await expect(run('bash', ['-n', join(p.dir, 'replay.sh')])).resolves.toBeDefined();
    // The zip holds the same four files, byte for byte.
    const zipped = unzipSync(readFileSync(p.zipPath!));
    expect(Object.keys(zipped).sort()).toEqual(p.files.map((f) => `${p.dir.split('/').pop()}/${f}`).sort());
    for (const f of p.files) expect(strFromU8(zipped[`${p.dir.split('/').pop()}/${f}`]!)).toBe(file(p, f));
  });
});

describe('repro-pack diagnoses', () => {
  it('the happy path: all clear, no contract findings, nothing asked of WellSky', async () => {
    const p = await pack({ WELLSKY_MOCK_SCENARIO: 'happy-path' });
    expect(p.diagnosis.asksWellSky).toBe(false);
    expect(JSON.parse(file(p, 'violations.json'))).toEqual([]);
    const readme = file(p, 'README.md');
    expect(readme).toMatch(/The question\.\*\* None: this pack records a run in which everything worked/);
    for (const row of ['| agency id | 3100 |', '| Node | v', '| spec | spec/swagger.yaml 2.0.0, sha256 ', '| tool | wellsky-connect-harness ']) expect(readme).toContain(row);
  });

  it('the January client: client-side path and scheme, not credentials, nothing asked of WellSky', async () => {
    let token = '';
    // WellSky's side of the wire: the test learns the token the simulator issued.
    const capture = (): typeof fetch => async (input, init) => {
      const res = await globalThis.fetch(input, init);
      if (String(input).endsWith('/oauth/accesstoken')) token = ((await res.clone().json()) as { access_token: string }).access_token;
      return res;
    };
    const p = await pack({ WELLSKY_MOCK_SCENARIO: 'happy-path' }, capture, { clientSide: januaryClient });
    expect(headline(p)).toBe("Client-side path and scheme: every failure is the agency client's own, so there is nothing to ask WellSky.");
    expect(p.report.steps.filter((s) => s.outcome === 'failed').map((s) => s.finding)).toEqual(['unknown-route', 'unknown-route']);
    const readme = file(p, 'README.md');
    expect(readme).not.toMatch(/bad-credentials|not-provisioned|credentials (are|were) (wrong|not provisioned)/);
    expect(readme).toContain('## What the agency needs from WellSky\n\nNothing.');
    // The contract check shows both mistakes on every data call.
    const violations = JSON.parse(file(p, 'violations.json')) as { check: string; path: string }[];
    expect(violations.filter((v) => v.check === 'route').map((v) => v.path)).toEqual(['/v1/v1/practitioners/', '/v1/v1/patients/']);
    // The gateway's 403 quotes a hash of the header; the pack quotes neither it nor the token.
    const hash = createHash('sha256').update(`BearerToken ${token}`).digest('base64');
    for (const f of p.files) {
      expect(file(p, f)).not.toContain(token);
      expect(file(p, f)).not.toContain(hash);
    }
    expect(file(p, 'exchanges.har')).toContain('[hash of the Authorization header]');
    // And replay.sh sends the same wrong paths and scheme, so the gateway answers the same.
    expect(file(p, 'replay.sh')).toContain('"authorization: BearerToken $WELLSKY_TOKEN"');
    const replayed = await replay(p, 'happy-path');
    expect(replayed.stdout, replayed.stdout).toContain('every status as recorded');
    expect(replayed.code).toBe(0);
  });

  it('a scenario that broke the contract: the 502 and the cut-off body are in violations.json', async () => {
    const p = await pack({ WELLSKY_MOCK_SCENARIO: 'malformed-responses' });
    const violations = JSON.parse(file(p, 'violations.json')) as { check: string; status: number; message: string }[];
    expect(violations.some((v) => v.check === 'response-body' && v.status === 200 && /not JSON/.test(v.message))).toBe(true);
    expect(violations.some((v) => v.check === 'status' && v.status === 502)).toBe(true);
    expect(headline(p)).toMatch(/^WellSky's side: malformed-response, upstream-down/);
    expect(file(p, 'README.md')).toMatch(/- Look into GET \/v1\/practitioners\/ \(malformed-response, HTTP 200\), request id `[0-9a-f-]{36}`/);
  });

  it('a call that needed retries is listed with each try, even when it worked in the end', async () => {
    const p = await pack({ WELLSKY_MOCK_SCENARIO: 'rate-limited' });
    expect(headline(p)).toMatch(/^All clear/);
    expect(file(p, 'README.md')).toMatch(/- `GET \/v1\/patients\/`: 429 → 429 → 429 → 429 → 200 \(request id `[0-9a-f-]{36}`\)/);
  });

  it.each(['happy-path', 'credentials-not-provisioned', 'bad-credentials'])('replay.sh replays %s with the same statuses', async (scenario) => {
    const p = await pack({ WELLSKY_MOCK_SCENARIO: scenario });
    const script = file(p, 'replay.sh');
    expect(script).not.toContain(CREDENTIALS.clientSecret);
    expect(script).toContain('"$WELLSKY_CLIENT_SECRET"');
    const replayed = await replay(p, scenario);
    expect(replayed.stdout, replayed.stdout).toContain('every status as recorded');
    expect(replayed.stdout.split('\n').filter((l) => / -> \d{3} \(as recorded\)$/.test(l))).toHaveLength(p.exchanges.length);
    expect(replayed.code).toBe(0);
  });

  it('replay.sh says so, and exits 1, when the API answers differently now', async () => {
    const p = await pack({ WELLSKY_MOCK_SCENARIO: 'credentials-not-provisioned' });
    const replayed = await replay(p, 'happy-path');
    expect(replayed.stdout).toMatch(/GET \/v1\/practitioners\/ -> 200 \(recorded 403\)/);
    expect(replayed.code).toBe(1);
  });
});

describe('repro-pack options', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  };

  it('--no-redact-phi is refused with a zip, and nothing is written', async () => {
    const dir = newDir();
    const t = io();
    expect(await runCli(['repro-pack', '--out', dir, '--no-redact-phi'], t.io)).toBe(2);
    expect(await runCli(['repro-pack', '--out', dir, '--zip', '--no-redact-phi'], t.io)).toBe(2);
    expect(t.err).toHaveLength(2);
    for (const line of t.err) expect(line).toMatch(/--no-redact-phi .* refused with a zip; add --no-zip/);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`${dir}.zip`)).toBe(false);
  });

  it('--no-redact-phi --no-zip keeps health data, still replaces credentials and tokens, and says so', async () => {
    const p = await buildReproPack({ outDir: newDir(), zip: false, redactHealthData: false, clock: new FakeClock(), env: { ...ENV, WELLSKY_MOCK_SCENARIO: 'happy-path' } });
    expect(p.zipPath).toBeUndefined();
    const readme = file(p, 'README.md');
    expect(readme).toContain('health data KEPT (--no-redact-phi)');
    const har = file(p, 'exchanges.har');
    expect(har).not.toContain(CREDENTIALS.clientSecret);
    expect(har).not.toContain('Caregiver-1');
    expect(har).toMatch(/"family\\":\\"(?!Example)/);
  });

  it('a folder that is not empty is refused, and its files are left alone', async () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const t = io();
    expect(await runCli(['repro-pack', '--out', dir], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/--out: .* exists and is not empty; name a new folder/);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('--scenario outside mock mode is refused, naming the variable', async () => {
    const t = io();
    const before = process.env.WELLSKY_MODE;
    process.env.WELLSKY_MODE = 'live';
    try {
      expect(await runCli(['repro-pack', '--out', newDir(), '--scenario', 'happy-path'], t.io)).toBe(2);
    } finally {
      if (before === undefined) delete process.env.WELLSKY_MODE;
      else process.env.WELLSKY_MODE = before;
    }
    expect(t.err.join('\n')).toMatch(/--scenario: .*WELLSKY_MODE is live/);
  });
});

describe('repro-pack: the review findings', () => {
  const exchange = (over: Partial<RecordedExchange>): RecordedExchange => ({ method: 'GET', url: 'https://h/v1/patients/', requestHeaders: { authorization: 'Bearer t' }, startedAt: 0, waitMs: 0, receiveMs: 0, tokenCall: false, status: 200, responseHeaders: { 'content-type': 'application/json' }, responseBody: '{"resourceType":"Bundle","entry":[]}', ...over });

  it('a bare token in Authorization is reported without quoting it', () => {
    const token = 'Zq4vR9tLm2XkP7wB3nY8cH5sJ1dF6gA0';
    const [v] = new ContractChecker().check([exchange({ requestHeaders: { authorization: token } })]);
    expect(v).toMatchObject({ check: 'auth-scheme', message: expect.stringContaining('no scheme word before the token') });
    expect(v!.message).not.toContain(token.slice(0, 8));
  });

  it('the route is found before the method: GET on a search route is the wrong method, not a read of id "_search"', () => {
    const found = new ContractChecker().check([exchange({ url: 'https://h/v1/patients/_search/' })]);
    expect(found.map((v) => v.message)).toEqual(['/v1/patients/_search/ takes POST, not GET']);
  });

  it('a body outside its schema is reported once per place, not once per allOf branch', () => {
    const found = new ContractChecker().check([exchange({ url: 'https://h/v1/patients/50001/', responseBody: '{"resourceType":"Patient","id":"50001","name":"x"}' })]);
    const messages = found.map((v) => v.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('the January client with a WellSky outage as well: the client side comes first, and WellSky is not asked about paths that are not routes', () => {
    const step = (name: string, finding: string, owner: 'agency-client' | 'wellsky', path: string) => ({ name, outcome: 'failed' as const, summary: finding, finding: finding as never, owner, evidence: { method: 'GET', path, status: owner === 'wellsky' ? 503 : 403, detail: '', requestId: 'r' } });
    const report: DoctorReport = { ok: false, steps: [step('practitioners', 'unknown-route', 'agency-client', '/v1/v1/practitioners/'), step('appointment', 'upstream-down', 'wellsky', '/v1/v1/appointment/')] };
    const violations = new ContractChecker().check([exchange({ url: 'https://h/v1/v1/practitioners/', requestHeaders: { authorization: 'BearerToken t' }, status: 403 }), exchange({ url: 'https://h/v1/v1/appointment/', requestHeaders: { authorization: 'BearerToken t' }, status: 503 })]);
    const d = diagnose(report, violations);
    expect(d.headline).toBe("Client-side path and scheme first; then WellSky's side: upstream-down (appointment).");
    expect(d.asksWellSky).toBe(false);
  });

  it("replay.sh's comments stay comments, whatever the target's description holds", async () => {
    const dir = newDir();
    mkdirSync(dir);
    const marker = join(dir, 'ran');
    const script = buildReplayScript([exchange({ error: 'reset\n$(touch /nowhere)', status: undefined })], { generatedAt: 'now', recordedAgainst: `https://h\n$(touch ${marker})` });
    writeFileSync(join(dir, 'replay.sh'), script);
    await run('bash', ['-n', join(dir, 'replay.sh')]);
    // Without the variables it stops at the first check; nothing before it may run.
    await run('bash', [join(dir, 'replay.sh')], { env: { PATH: process.env.PATH } }).catch(() => undefined);
    expect(existsSync(marker)).toBe(false);
  });
});
