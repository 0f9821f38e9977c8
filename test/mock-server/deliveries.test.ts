// Subscriptions deliver: a change the subscription watches reaches a real local
// receiver as {resourceType, id} with the subscription's headers — through both
// doors, with retries waited out on an injected sleep, and no secret in the journal.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../mock-server/core/deliveries.ts';
import { createSimulator } from '../../mock-server/core/simulator.ts';
import type { SimRequest } from '../../mock-server/core/types.ts';
import { fetchDelivery } from '../../mock-server/fetch-delivery.ts';
import { bearer, DOOR_KINDS, entries, MOCK_CREDENTIALS, openDoor, token, type Door } from '../support/doors.ts';
import { freePort } from '../support/free-port.ts';
import { startHookReceiver, type HookReceiver } from '../support/hook-receiver.ts';

const SECRET = 'canary-hook-secret-7f3a';
const HOOK_KEY = 'canary-hook-key-51c2';
const QUERY_KEY = 'canary-query-key-90de';

describe.each(DOOR_KINDS)('subscriptions deliver through %s', (kind) => {
  let door: Door;
  let auth: Record<string, string>;
  let receiver: HookReceiver;
  const sleeps: number[] = [];
  const admin = (path: string, method = 'GET') => door.request(`/__admin/${path}`, { method });
  const settled = () => door.simulator.deliveries.idle();

  async function subscribe(criteria: string, extra: Record<string, unknown> = {}, endpoint = `${receiver.url}/hooks/wellsky?key=${QUERY_KEY}`): Promise<string> {
    const res = await door.request('/v1/subscriptions/', {
      method: 'POST',
      headers: auth,
      body: {
        resourceType: 'Subscription',
        status: 'active',
        criteria,
        reason: 'Tell the test',
        channel: { type: 'rest-hook', endpoint, payload: 'application/fhir+json', header: [`Authorization: Bearer ${SECRET}`, `X-Hook-Key: ${HOOK_KEY}`] },
        ...extra,
      },
    });
    expect(res.status, res.text).toBe(201);
    return res.json().id;
  }

  const createPatient = async () => {
    const res = await door.request('/v1/patients/', { method: 'POST', headers: auth, body: { name: [{ family: 'Hookfield', given: ['Ida'] }], telecom: [{ system: 'phone', value: '7205550131', use: 'mobile' }] } });
    expect(res.status, res.text).toBe(201);
    return res.json().id as string;
  };
  const deliveries = async () => (await admin('deliveries')).json();
  const callbacks = async () => (await admin('journal')).json().entries.filter((e: any) => e.transport === 'callback');

  beforeAll(async () => {
    receiver = await startHookReceiver();
    door = await openDoor(kind, { seed: 6, size: 'tiny', today: '2026-11-26', sleep: async (ms) => void sleeps.push(ms) });
  });
  afterAll(async () => {
    await door.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await admin('reset', 'POST');
    auth = bearer(await token(door));
    receiver.clear();
    receiver.release();
    sleeps.length = 0;
  });

  it('a new patient reaches the receiver as {resourceType, id}, with the subscription\'s headers', async () => {
    const sid = await subscribe('patient.created');
    await subscribe('practitioner.created');
    const id = await createPatient();
    await settled();
    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook!.method).toBe('POST');
    expect(hook!.path).toBe(`/hooks/wellsky?key=${QUERY_KEY}`);
    expect(hook!.json()).toEqual({ resourceType: 'Patient', id });
    expect(hook!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(hook!.headers['x-hook-key']).toBe(HOOK_KEY);
    expect(hook!.headers['content-type']).toBe('application/fhir+json');
    const seen = await deliveries();
    expect(seen.pending).toBe(0);
    expect(seen.deliveries).toHaveLength(1);
    expect(seen.deliveries[0]).toMatchObject({ subscriptionId: sid, criteria: 'patient.created', body: { resourceType: 'Patient', id }, state: 'delivered', attempts: [{ attempt: 1, status: 200 }] });
  });

  it('practitioner.telecom.changed fires on a phone change only; practitioner.changed on any change', async () => {
    await subscribe('practitioner.telecom.changed');
    await subscribe('practitioner.changed');
    const practitioner = entries((await door.request('/v1/practitioners/?_count=1', { headers: auth })).json())[0];
    const put = async (body: unknown) => expect((await door.request(`/v1/practitioners/${practitioner.id}/`, { method: 'PUT', headers: auth, body })).status).toBe(200);
    const fired = async () => {
      await settled();
      return (await deliveries()).deliveries.map((d: any) => d.criteria);
    };

    const phone = (value: string) => ({ telecom: [{ system: 'phone', value, use: 'mobile' }] });
    await put(phone('7205550144'));
    expect(await fired()).toEqual(['practitioner.telecom.changed', 'practitioner.changed']);
    await put(phone('7205550144')); // the same phone again: nothing changed
    expect(await fired()).toHaveLength(2);
    await put({ name: [{ family: 'Renamedson', given: ['Tova'] }] });
    expect(await fired()).toEqual(['practitioner.telecom.changed', 'practitioner.changed', 'practitioner.changed']);
    await put(phone('7205550145'));
    expect(await fired()).toHaveLength(5);
    expect(receiver.received.map((r) => r.json())).toEqual(Array(5).fill({ resourceType: 'Practitioner', id: practitioner.id }));
  });

  it('a clock-out fires encounter.clockout.changed once (the idempotent repeat sends nothing)', async () => {
    await subscribe('encounter.clockout.changed');
    const practitioner = entries((await door.request('/v1/practitioners/?_count=1', { headers: auth })).json())[0];
    const patient = entries((await door.request('/v1/patients/?_count=1&_page=0', { headers: auth })).json())[0];
    const shift = await door.request('/v1/appointment/', {
      method: 'POST',
      headers: auth,
      body: { caregiver: { id: practitioner.id }, client: { id: patient.id }, start: '2026-11-26T15:00:00+00:00', end: '2026-11-26T19:00:00+00:00' },
    });
    expect(shift.status, shift.text).toBe(201);
    const clockIn = await door.request(`/v1/encounter/${shift.json().id}/clockin/`, { method: 'POST', headers: auth, body: { period: { start: '2026-11-26T15:03:00' } } });
    expect(clockIn.status, clockIn.text).toBe(200);
    const encounterId = clockIn.json().id;
    await settled();
    expect(receiver.received).toHaveLength(0);
    for (let i = 0; i < 2; i++) {
      const out = await door.request(`/v1/encounter/${encounterId}/clockout/`, { method: 'PUT', headers: auth, body: { period: { end: '2026-11-26T19:02:00' } } });
      expect(out.status, out.text).toBe(200);
    }
    await settled();
    expect(receiver.received.map((r) => r.json())).toEqual([{ resourceType: 'Encounter', id: encounterId }]);
  });

  it('a subscription that is off gets nothing', async () => {
    await subscribe('patient.created', { status: 'off' });
    const turnedOff = await subscribe('patient.created');
    expect((await door.request(`/v1/subscriptions/${turnedOff}/`, { method: 'PUT', headers: auth, body: { status: 'off' } })).status).toBe(200);
    await createPatient();
    await settled();
    expect(receiver.received).toHaveLength(0);
    expect((await deliveries()).deliveries).toEqual([]);
  });

  it('500, 500, then 200: three attempts, backoff on the injected sleep, every attempt journalled without the secret', async () => {
    receiver.answer(500, 500, 200);
    const sid = await subscribe('patient.created');
    const id = await createPatient();
    await settled();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.map((r) => r.json())).toEqual(Array(3).fill({ resourceType: 'Patient', id }));
    expect(sleeps).toEqual([1000, 4000]);

    const journalled = await callbacks();
    expect(journalled.map((e: any) => [e.status, e.delivery.attempt, e.delivery.outcome])).toEqual([
      [500, 1, 'retrying'],
      [500, 2, 'retrying'],
      [200, 3, 'delivered'],
    ]);
    for (const e of journalled) {
      expect(e).toMatchObject({ method: 'POST', operationId: 'receiveSubscriptionNotification', rule: `subscription:${sid}`, requestBody: { resourceType: 'Patient', id } });
      expect(e.path).toBe(`${receiver.url}/hooks/wellsky`);
      expect(e.query).toBe(`key=%5B${QUERY_KEY.length}+chars%5D`);
      expect(e.auth).toMatch(/^Bearer #[0-9a-f]{8}$/);
      expect(e.delivery.headers).toEqual({ Authorization: e.auth, 'X-Hook-Key': expect.stringMatching(/^#[0-9a-f]{8}$/) });
    }
    const seen = await deliveries();
    expect(seen.deliveries[0].attempts.map((a: any) => a.status)).toEqual([500, 500, 200]);
    const everything = JSON.stringify(journalled) + JSON.stringify((await admin('journal')).json()) + JSON.stringify(seen);
    for (const secret of [SECRET, HOOK_KEY, QUERY_KEY]) expect(everything).not.toContain(secret);
  });

  it('gives up after four attempts; no answer at all counts as a failure', async () => {
    receiver.answer(503, 503, 503, 503, 503);
    await subscribe('patient.created');
    await subscribe('patient.created', {}, `http://127.0.0.1:${await freePort()}/nobody-home`);
    await createPatient();
    await settled();
    expect(receiver.received).toHaveLength(4);
    const [answered, refused] = (await deliveries()).deliveries;
    expect(answered.state).toBe('failed');
    expect(answered.attempts.map((a: any) => a.status)).toEqual([503, 503, 503, 503]);
    expect(refused.state).toBe('failed');
    expect(refused.attempts).toHaveLength(4);
    for (const attempt of refused.attempts) {
      expect(attempt.status).toBe(0);
      expect(attempt.error).toMatch(/\S/);
    }
    expect(sleeps.sort((a, b) => a - b)).toEqual([1000, 1000, 4000, 4000, 16000, 16000]);
    expect((await callbacks()).at(-1).delivery.outcome).toBe('failed');
  });

  it('a stuck receiver never holds up the API; a reset drops the pending delivery', async () => {
    receiver.hold();
    await subscribe('patient.created');
    await createPatient(); // answered 201 while the receiver holds the delivery
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1));
    const during = await deliveries();
    expect(during.pending).toBe(1);
    expect(during.deliveries[0].state).toBe('pending');
    expect((await admin('status')).json().counts.pendingDeliveries).toBe(1);

    await admin('reset', 'POST');
    await settled(); // resolves at once: nothing is pending any more
    expect(await deliveries()).toMatchObject({ pending: 0, deliveries: [] });
    receiver.release();
    expect(await callbacks()).toEqual([]);
  });

  it('GET /__admin/deliveries?wait= answers once nothing is pending, and lists the criteria that fire', async () => {
    receiver.answer(500);
    await subscribe('patient.created');
    await createPatient();
    const res = await admin('deliveries?wait=5');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.pending).toBe(0);
    expect(body.deliveries[0]).toMatchObject({ state: 'delivered', attempts: [{ status: 500 }, { status: 200 }] });
    expect(body.criteria.map((c: any) => c.name)).toEqual(expect.arrayContaining(['patient.created', 'practitioner.telecom.changed', 'encounter.clockout.changed']));
    expect((await admin('deliveries?wait=soon')).status).toBe(400);
    expect((await admin('deliveries', 'DELETE')).json()).toEqual({ cleared: true });
    expect((await deliveries()).deliveries).toEqual([]);
  });
});

describe('the deliver port', () => {
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): SimRequest => ({
    method,
    path,
    query: {},
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  it('gets {subscriptionId, endpoint, headers, contentType, body}; without a port nothing is sent', async () => {
    const sent: Delivery[] = [];
    const withPort = createSimulator({ size: 'tiny', deliver: async (delivery) => (sent.push(delivery), { status: 204 }) });
    const withoutPort = createSimulator({ size: 'tiny' });
    for (const simulator of [withPort, withoutPort]) {
      const accessToken = JSON.parse((await simulator.handle(request('POST', '/oauth/accesstoken', MOCK_CREDENTIALS))).body).access_token;
      const auth = { authorization: `Bearer ${accessToken}` };
      const channel = { type: 'rest-hook', endpoint: 'https://gigi.example.org/hooks', payload: 'application/json', header: ['X-Hook-Key: k1', 'X-Hook-Key: k2'] };
      const sub = JSON.parse((await simulator.handle(request('POST', '/v1/subscriptions/', { criteria: 'patient.created', channel }, auth))).body);
      const patient = JSON.parse((await simulator.handle(request('POST', '/v1/patients/', { name: [{ family: 'Portman' }] }, auth))).body);
      await simulator.deliveries.idle();
      expect(simulator.deliveries.list()).toHaveLength(1);
      if (simulator === withPort) {
        expect(sent).toEqual([
          { id: 1, subscriptionId: sub.id, criteria: 'patient.created', endpoint: 'https://gigi.example.org/hooks', headers: { 'X-Hook-Key': 'k1, k2' }, contentType: 'application/json', body: { resourceType: 'Patient', id: patient.id }, attempt: 1 },
        ]);
        expect(simulator.deliveries.list()[0]!.state).toBe('delivered');
      } else {
        expect(simulator.deliveries.list()[0]!.state).toBe('not-sent');
      }
    }
  });

  it('the doors\' fetch delivery sends the payload\'s media type and gives up on a stuck receiver at its deadline', async () => {
    const receiver = await startHookReceiver();
    try {
      const deliver = fetchDelivery({ timeoutMs: 150 });
      const delivery: Delivery = { id: 1, subscriptionId: '401', criteria: 'patient.created', endpoint: `${receiver.url}/h`, headers: { 'X-Hook-Key': 'k' }, contentType: 'application/json', body: { resourceType: 'Patient', id: '9' }, attempt: 1 };
      expect(await deliver(delivery, new AbortController().signal)).toEqual({ status: 200 });
      expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
      receiver.hold();
      await expect(deliver(delivery, new AbortController().signal)).rejects.toThrow(/timeout/i);
    } finally {
      receiver.release();
      await receiver.close();
    }
  });
});
