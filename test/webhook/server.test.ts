// The app around the webhook: route list, 404 naming the routes, errors as JSON
// without a stack, and one round trip over real HTTP with real fetch.
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createGigiApp, startGigiServer, type StartedGigiServer } from '../../src/webhook/server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { API_KEY, CAREGIVER, answer, fakeIdentify, inboundBody, signAt } from './support.ts';

describe('createGigiApp', () => {
  function app(extra = false) {
    const router = express.Router();
    router.get('/boom', () => {
      throw new Error('kaboom with a secret-ish detail');
    });
    router.get('/ok', (_req, res) => {
      res.json({ fine: true });
    });
    const logs: string[] = [];
    const built = createGigiApp({
      retellApiKey: API_KEY,
      identifyCaller: fakeIdentify(answer(CAREGIVER)).identify,
      clock: new FakeClock(),
      log: (l) => logs.push(l),
      ...(extra ? { routers: [{ path: '/webhooks/wellsky', router, describe: 'WellSky change notifications' }] } : {}),
    });
    return { ...built, logs };
  }

  it('lists its routes, method, path and a description, extra routers included', () => {
    expect(app().routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /webhooks/retell/inbound', 'GET /healthz']);
    const { routes } = app(true);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /webhooks/retell/inbound', 'GET /healthz', 'ALL /webhooks/wellsky']);
    for (const r of routes) expect(r.description.length).toBeGreaterThan(5);
  });

  it('answers an unknown route with 404 JSON naming the known routes', async () => {
    const res = await request(app(true).app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no route for GET \/nowhere/);
    expect(res.body.routes).toEqual(['POST /webhooks/retell/inbound', 'GET /healthz', 'ALL /webhooks/wellsky']);
  });

  it('mounts extra routers at their path', async () => {
    const res = await request(app(true).app).get('/webhooks/wellsky/ok');
    expect(res.body).toEqual({ fine: true });
  });

  it('turns a thrown error into 500 JSON with no stack trace and no message', async () => {
    const { app: a, logs } = app(true);
    const res = await request(a).get('/webhooks/wellsky/boom');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ error: expect.stringMatching(/internal error/) });
    expect(res.text).not.toMatch(/kaboom|\bat .*\.ts:\d+/);
    expect(logs).toEqual(['gigi server: GET /webhooks/wellsky/boom failed (Error)']);
  });

  it('answers the health check', async () => {
    expect((await request(app().app).get('/healthz')).body).toEqual({ ok: true });
  });
});

describe('startGigiServer over real HTTP', () => {
  let server: StartedGigiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('listens on a free port and answers a signed call_inbound through fetch', async () => {
    const clock = new FakeClock();
    const { identify, numbers } = fakeIdentify(answer(CAREGIVER));
    server = await startGigiServer({ retellApiKey: API_KEY, identifyCaller: identify, clock, port: 0, log: () => {} });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    expect(server.routes.map((r) => r.path)).toContain('/webhooks/retell/inbound');

    const body = inboundBody('+13035550107');
    const res = await fetch(`${server.url}/webhooks/retell/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retell-signature': await signAt(body, clock.now()) },
      body,
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { call_inbound: { dynamic_variables: Record<string, string> } };
    expect(json.call_inbound.dynamic_variables.first_name).toBe('Marisol');
    expect(numbers).toEqual(['+13035550107']);

    const unsigned = await fetch(`${server.url}/webhooks/retell/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(numbers).toHaveLength(1);

    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
  });

  it('close() stops it: the port no longer answers', async () => {
    const started = await startGigiServer({ retellApiKey: API_KEY, identifyCaller: fakeIdentify(answer(CAREGIVER)).identify, clock: new FakeClock(), port: 0, log: () => {} });
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    await started.close();
    await expect(fetch(`${started.url}/healthz`)).rejects.toThrow();
  });

  it('says which port is taken', async () => {
    server = await startGigiServer({ retellApiKey: API_KEY, identifyCaller: fakeIdentify(answer(CAREGIVER)).identify, clock: new FakeClock(), port: 0, log: () => {} });
    const port = Number(new URL(server.url).port);
    await expect(
      startGigiServer({ retellApiKey: API_KEY, identifyCaller: fakeIdentify(answer(CAREGIVER)).identify, clock: new FakeClock(), port }),
    ).rejects.toThrow(new RegExp(`port ${port} is in use`));
  });
});
