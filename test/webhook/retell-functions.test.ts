// Retell's custom-function calls through supertest, signed by retell-sdk: a
// refused request runs nothing; bad arguments name the field; a repeat of the
// same call (Retell retries after a failure or a timeout) gets the first answer
// and runs the function once, even while the first is still running.
import { sign } from 'retell-sdk';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/cache/database.ts';
import { migrate } from '../../src/cache/migrate.ts';
import { ArgumentError, type RetellFunction } from '../../src/webhook/retell-functions.ts';
import { createGigiApp } from '../../src/webhook/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { API_KEY, fakeIdentify, answer, CAREGIVER, OTHER_KEY } from './support.ts';

const PATH = '/webhooks/retell/functions/take_note';

describe('POST /webhooks/retell/functions/<name>', () => {
  let db: Database;
  let runs: { text: string }[];
  let release: () => void;
  let gate: Promise<void>;
  beforeEach(async () => {
    db = await openDatabase({});
    await migrate(db, new FakeClock());
    runs = [];
    gate = Promise.resolve();
  });
  afterEach(async () => {
    await db.close();
  });

  function app(clock = new FakeClock(Date.now())) {
    const takeNote: RetellFunction<{ text: string }> = {
      name: 'take_note',
      description: 'a test function that records its runs',
      parse(raw) {
        const args = raw as Record<string, unknown>;
        if (typeof args.text !== 'string') throw new ArgumentError('text', 'text must be the note, as text');
        return { text: args.text };
      },
      async run(args) {
        runs.push(args);
        await gate;
        return { noted: args.text, run: runs.length };
      },
    };
    return createGigiApp({ retellApiKey: API_KEY, identifyCaller: fakeIdentify(answer(CAREGIVER)).identify, clock, functions: { db, list: [takeNote as RetellFunction<never>] }, log: () => {} }).app;
  }

  const body = (args: unknown, callId = 'call_1', name = 'take_note') => JSON.stringify({ name, call: { call_id: callId, from_number: '+13035550101' }, args });
  const post = async (server: ReturnType<typeof app>, text: string, key = API_KEY, path = PATH) =>
    request(server).post(path).set('content-type', 'application/json').set('x-retell-signature', await sign(text, key)).send(text);

  it('runs the function and answers its result', async () => {
    const res = await post(app(), body({ text: 'late by 10 minutes' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ noted: 'late by 10 minutes', run: 1 });
  });

  it('refuses a request signed with another key, a tampered body and a missing signature, running nothing', async () => {
    const server = app();
    expect((await post(server, body({ text: 'a' }), OTHER_KEY)).status).toBe(401);
    const signed = await sign(body({ text: 'a' }), API_KEY);
    const tampered = await request(server).post(PATH).set('content-type', 'application/json').set('x-retell-signature', signed).send(body({ text: 'b' }));
    expect(tampered.status).toBe(401);
    const unsigned = await request(server).post(PATH).set('content-type', 'application/json').send(body({ text: 'a' }));
    expect(unsigned.status).toBe(401);
    expect(runs).toEqual([]);
  });

  it('names the field of a bad argument, and the function a wrong URL or name points at', async () => {
    const server = app();
    const bad = await post(server, body({ text: 42 }));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'text must be the note, as text', field: 'args.text' });
    const unknown = await post(server, body({ text: 'a' }, 'call_1', 'nope'), API_KEY, '/webhooks/retell/functions/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.functions).toEqual(['take_note']);
    const mismatch = await post(server, body({ text: 'a' }, 'call_1', 'other_name'));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.field).toBe('name');
    const noCall = await post(server, JSON.stringify({ name: 'take_note', args: { text: 'a' } }));
    expect(noCall.body.field).toBe('call.call_id');
    expect(runs).toEqual([]);
  });

  it("answers Retell's retry of the same call with the first answer, running the function once", async () => {
    const server = app();
    const first = await post(server, body({ text: 'sick' }));
    const again = await post(server, body({ text: 'sick' }));
    expect(again.body).toEqual(first.body);
    expect(runs).toHaveLength(1);
    // Another call, or other arguments, are another run.
    await post(server, body({ text: 'sick' }, 'call_2'));
    await post(server, body({ text: 'sick today' }));
    expect(runs).toHaveLength(3);
  });

  it('a retry that arrives while the first call still runs waits for it instead of running again', async () => {
    gate = new Promise((resolve) => (release = resolve));
    const server = app();
    const first = post(server, body({ text: 'slow' }));
    const second = post(server, body({ text: 'slow' }));
    // Both requests are in: the function has started once and waits on the gate.
    while (runs.length === 0) await new Promise((r) => setImmediate(r));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.body).toEqual(b.body);
    expect(runs).toHaveLength(1);
  });

  it('keeps answers in the cache, so a restarted server still answers a retry without running again', async () => {
    await post(app(), body({ text: 'kept' }));
    const restarted = app();
    const again = await post(restarted, body({ text: 'kept' }));
    expect(again.body).toEqual({ noted: 'kept', run: 1 });
    expect(runs).toHaveLength(1);
  });
});
