// The Retell inbound webhook through supertest: signed by retell-sdk itself,
// on a fake clock. A refused request never reaches caller ID.
import { sign } from 'retell-sdk';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CallerAnswer, IdentifyCaller } from '../../src/callerid/answer.ts';
import { DYNAMIC_VARIABLE_KEYS } from '../../src/webhook/dynamic-variables.ts';
import { createGigiApp } from '../../src/webhook/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { AMBIGUOUS, API_KEY, CAREGIVER, OTHER_KEY, UNKNOWN, answer, fakeIdentify, inboundBody, signAt } from './support.ts';

const PATH = '/webhooks/retell/inbound';

function setup(identify: IdentifyCaller = fakeIdentify(answer(CAREGIVER)).identify, clock = new FakeClock()) {
  const logs: string[] = [];
  const { app } = createGigiApp({ retellApiKey: API_KEY, identifyCaller: identify, clock, log: (l) => logs.push(l) });
  return { app, clock, logs };
}

function post(app: Parameters<typeof request>[0], body: string, signature?: string) {
  const req = request(app).post(PATH).set('content-type', 'application/json');
  if (signature !== undefined) req.set('x-retell-signature', signature);
  return req.send(body);
}

function expectAllStringVariables(body: { call_inbound: { dynamic_variables: Record<string, unknown> } }) {
  const vars = body.call_inbound.dynamic_variables;
  expect(Object.keys(vars).sort()).toEqual([...DYNAMIC_VARIABLE_KEYS].sort());
  for (const key of DYNAMIC_VARIABLE_KEYS) expect(typeof vars[key], key).toBe('string');
}

describe('POST /webhooks/retell/inbound', () => {
  it('answers a request signed by retell-sdk sign() (real Date.now) with every variable a string', async () => {
    // The SDK's top-level sign() stamps Date.now(); a fake clock started at that moment accepts it.
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER, { shiftSummary: 'today 9:00–13:00 with Walter E.' }));
    const { app, logs } = setup(identify, new FakeClock(Date.now()));
    const body = inboundBody();
    const signature = await sign(body, API_KEY);
    const res = await post(app, body, signature);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expectAllStringVariables(res.body);
    expect(res.body.call_inbound.dynamic_variables).toMatchObject({
      caller_name: 'Marisol Testa',
      first_name: 'Marisol',
      caller_role: 'caregiver',
      caller_known: 'true',
      caller_source: 'cache',
      shift_summary: 'today 9:00–13:00 with Walter E.',
    });
    expect(res.body.call_inbound.dynamic_variables.greeting).toContain('Marisol');
    expect(res.body.call_inbound.metadata).toMatchObject({ gigi_match: 'caregiver', person_id: 'P-1001', e164: '+13035550101', cache_age_seconds: 42 });
    expect(numbers).toEqual(['+13035550101']);
    expect(JSON.stringify(res.body)).not.toContain(API_KEY);
    expect(logs.join('\n')).not.toContain(API_KEY);
  });

  it('answers a request signed at the fake clock\'s now, days from the real date', async () => {
    const clock = new FakeClock(Date.parse('2026-01-15T03:00:00Z'));
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app } = setup(identify, clock);
    const body = inboundBody();
    const res = await post(app, body, await signAt(body, clock.now()));
    expect(res.status).toBe(200);
    expect(numbers).toHaveLength(1);
  });

  it('hands caller ID the moment the request arrived, so its budget includes reading and verifying', async () => {
    const clock = new FakeClock(Date.parse('2026-01-15T03:00:00Z'));
    const seen: (number | undefined)[] = [];
    const identify: IdentifyCaller = async (_n, timing) => {
      seen.push(timing?.startedAt);
      return answer(CAREGIVER);
    };
    const { app } = setup(identify, clock);
    const body = inboundBody();
    expect((await post(app, body, await signAt(body, clock.now()))).status).toBe(200);
    expect(seen).toEqual([Date.parse('2026-01-15T03:00:00Z')]);
  });

  it('refuses a tampered body (401 bad signature) and never asks caller ID', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const signature = await signAt(inboundBody('+13035550101'), clock.now());
    const res = await post(app, inboundBody('+13035550102'), signature);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: expect.stringMatching(/^bad signature/), reason: 'bad-signature' });
    expect(numbers).toEqual([]);
  });

  it('refuses a missing header (401) and never asks caller ID', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app } = setup(identify);
    const res = await post(app, inboundBody());
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe('missing-signature');
    expect(res.body.error).toMatch(/missing x-retell-signature/);
    expect(numbers).toEqual([]);
  });

  it.each([
    ['no d=', 'v=1764169200000'],
    ['short digest', 'v=1764169200000,d=abc123'],
    ['not hex', `v=1764169200000,d=${'z'.repeat(64)}`],
    ['no timestamp', `d=${'a'.repeat(64)}`],
    ['junk', 'sha256=deadbeef'],
  ])('refuses a malformed header (%s) with 401', async (_label, header) => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app } = setup(identify);
    const res = await post(app, inboundBody(), header);
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe('malformed-signature');
    expect(numbers).toEqual([]);
  });

  it('refuses a signature gone stale: the fake clock moved 6 minutes (401), but 4 minutes is fine', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const body = inboundBody();
    const signature = await signAt(body, clock.now());
    await clock.advance(4 * 60_000);
    expect((await post(app, body, signature)).status).toBe(200);
    await clock.advance(2 * 60_000);
    const res = await post(app, body, signature);
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe('stale-signature');
    expect(res.body.error).toMatch(/6 min ago/);
    expect(numbers).toHaveLength(1);
  });

  it('refuses a signature stamped more than 5 minutes in the future (401 stale)', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const body = inboundBody();
    const res = await post(app, body, await signAt(body, clock.now() + 6 * 60_000));
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe('stale-signature');
    expect(res.body.error).toMatch(/in the future/);
    expect(numbers).toEqual([]);
  });

  it('refuses the same JSON re-serialised (other whitespace, other key order): the signature is over the raw bytes', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const signed = inboundBody();
    const signature = await signAt(signed, clock.now());
    const pretty = JSON.stringify(JSON.parse(signed), null, 2);
    const reordered = JSON.stringify({ call_inbound: { agent_id: 'agent_test_1', to_number: '+13035550199', from_number: '+13035550101' }, event: 'call_inbound' });
    expect(JSON.parse(pretty)).toEqual(JSON.parse(signed));
    expect(JSON.parse(reordered)).toEqual(JSON.parse(signed));
    for (const body of [pretty, reordered]) {
      const res = await post(app, body, signature);
      expect(res.status).toBe(401);
      expect(res.body.reason).toBe('bad-signature');
    }
    expect((await post(app, signed, signature)).status).toBe(200);
    expect(numbers).toHaveLength(1);
  });

  it('refuses a request signed with another API key (401)', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const body = inboundBody();
    const res = await post(app, body, await signAt(body, clock.now(), OTHER_KEY));
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe('bad-signature');
    expect(numbers).toEqual([]);
  });

  it.each([
    ['not JSON', '{"event":"call_inbound",', 'body', /not JSON/],
    ['an array', '[1,2]', 'body', /JSON object/],
    ['another event', inboundBody('+13035550101', 'call_started'), 'event', /event must be "call_inbound" \(got "call_started"\)/],
    ['no event', JSON.stringify({ call_inbound: { from_number: '+13035550101' } }), 'event', /got nothing/],
    ['no call_inbound', JSON.stringify({ event: 'call_inbound' }), 'call_inbound', /call_inbound is missing/],
    ['a numeric from_number', JSON.stringify({ event: 'call_inbound', call_inbound: { from_number: 3035550101 } }), 'call_inbound.from_number', /as a string/],
  ])('answers a signed body that is %s with 400 naming the field', async (_label, body, field, message) => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const res = await post(app, body, await signAt(body, clock.now()));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ field, error: expect.stringMatching(message) });
    expect(numbers).toEqual([]);
  });

  it('a withheld number (no from_number) is a 200 that greets an unknown caller: the call goes on', async () => {
    const { identify, numbers } = fakeIdentify(answer({ kind: 'unknown', reason: 'the number could not be read' }, { number: { reported: '' } }));
    const { app, clock } = setup(identify);
    const body = JSON.stringify({ event: 'call_inbound', call_inbound: { to_number: '+13035550199' } });
    const res = await post(app, body, await signAt(body, clock.now()));
    expect(res.status).toBe(200);
    expect(numbers).toEqual(['']);
    expect(res.body.call_inbound.dynamic_variables.caller_known).toBe('false');
  });

  it('checks the signature before the JSON: an unsigned bad body is 401, not 400', async () => {
    const { app } = setup();
    const res = await post(app, 'not json at all');
    expect(res.status).toBe(401);
  });

  it('answers 200 "unknown" when caller ID throws, and logs neither the key nor the signature', async () => {
    const { identify, numbers } = fakeIdentify(async () => {
      throw new Error(`WellSky exploded while holding ${API_KEY}`);
    });
    const { app, clock, logs } = setup(identify);
    const body = inboundBody();
    const signature = await signAt(body, clock.now());
    const res = await post(app, body, signature);
    expect(res.status).toBe(200);
    expectAllStringVariables(res.body);
    expect(res.body.call_inbound.dynamic_variables).toMatchObject({ caller_role: 'unknown', caller_kind: 'unknown', caller_known: 'false', caller_name: '', first_name: '', caller_source: 'none' });
    expect(res.body.call_inbound.metadata).toMatchObject({ gigi_match: 'unknown', note: 'caller ID failed (Error)' });
    expect(numbers).toHaveLength(1);
    const logged = logs.join('\n');
    expect(logged).toMatch(/caller ID failed/);
    expect(logged).not.toContain(API_KEY);
    expect(logged).not.toContain(signature.split('d=')[1]);
    expect(JSON.stringify(res.body)).not.toContain(API_KEY);
  });

  it('answers 200 "unknown" when caller ID hangs past the deadline (8 s on the fake clock, no real waiting)', async () => {
    let called!: () => void;
    const calledPromise = new Promise<void>((resolve) => (called = resolve));
    const hang: IdentifyCaller = () => {
      called();
      return new Promise<CallerAnswer>(() => {});
    };
    const { app, clock } = setup(hang);
    const body = inboundBody();
    const pending = post(app, body, await signAt(body, clock.now())).then((r) => r);
    await calledPromise;
    await clock.advance(7999);
    expect(clock.waiting()).toBe(1);
    await clock.advance(1);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.call_inbound.dynamic_variables.caller_role).toBe('unknown');
    expect(res.body.call_inbound.metadata.note).toMatch(/took more than 8000 ms/);
    expect(clock.waiting()).toBe(0);
  });

  it('cancels the deadline timer when caller ID answers', async () => {
    const { app, clock } = setup(fakeIdentify(answer(UNKNOWN)).identify);
    const body = inboundBody();
    expect((await post(app, body, await signAt(body, clock.now()))).status).toBe(200);
    expect(clock.waiting()).toBe(0);
  });

  it('never greets an ambiguous caller by name, anywhere in the answer', async () => {
    const { app, clock } = setup(fakeIdentify(answer(AMBIGUOUS)).identify);
    const body = inboundBody();
    const res = await post(app, body, await signAt(body, clock.now()));
    expect(res.status).toBe(200);
    expectAllStringVariables(res.body);
    const text = JSON.stringify(res.body);
    for (const name of ['Robin', 'Avery', 'Sample']) expect(text).not.toContain(name);
    expect(res.body.call_inbound.dynamic_variables.caller_role).toBe('ambiguous');
  });

  it('answers GET on the webhook path with 405', async () => {
    const { app } = setup();
    const res = await request(app).get(PATH);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it('refuses an oversized body with 413 JSON and never asks caller ID', async () => {
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    const { app, clock } = setup(identify);
    const body = JSON.stringify({ event: 'call_inbound', call_inbound: { from_number: '+13035550101', pad: 'x'.repeat(70_000) } });
    const res = await post(app, body, await signAt(body, clock.now()));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/too large/);
    expect(numbers).toEqual([]);
  });

  it('refuses to start without an API key', () => {
    expect(() => createGigiApp({ retellApiKey: '', identifyCaller: fakeIdentify(answer(CAREGIVER)).identify, clock: new FakeClock() })).toThrow(/RETELL_API_KEY/);
  });
});
