// One scenario, two adapters, one behaviour: every catalogue entry runs the same
// short script through express (a real socket) and MSW, and the journals match.
// And one scenario, two runs, one answer: a seeded probabilistic fault repeats exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios } from '../../mock-server/core/scenario.ts';
import { MOCK_CREDENTIALS } from '../support/doors.ts';
import { agencyFacts, fetchJournal, FIXED_NOW, journalView, openFetchDoor, type FetchDoor } from './scenario-helpers.ts';

interface Step {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** The operation the path routes to (none for the unknown route). */
  operationId?: string;
  body?: unknown;
}

function script(facts: ReturnType<typeof agencyFacts>): Step[] {
  return [
    { name: 'token', method: 'POST', path: '/oauth/accesstoken', operationId: 'getAccessToken', body: MOCK_CREDENTIALS },
    { name: 'practitioner search', method: 'GET', path: '/v1/practitioners/?is_hired=true&_count=10', operationId: 'searchPractitioners' },
    { name: 'practitioner read', method: 'GET', path: `/v1/practitioners/${facts.practitionerId}/`, operationId: 'getPractitioner' },
    { name: 'patient read', method: 'GET', path: `/v1/patients/${facts.patientId}/`, operationId: 'getPatient' },
    { name: 'appointment search', method: 'GET', path: `/v1/appointment/?clientId=${facts.clientId}&startDate=${facts.startDate}`, operationId: 'searchAppointments' },
    { name: 'unknown route', method: 'GET', path: '/v1/Practitioner' },
  ];
}

/** Runs the script; a hung or dropped call becomes the error's name (the client's timeout ends a hang). */
async function run(door: FetchDoor, steps: Step[]): Promise<string[]> {
  let token = 'no-usable-token';
  const outcomes: string[] = [];
  for (const step of steps) {
    const headers: Record<string, string> = step.name === 'token' ? { 'content-type': 'application/json' } : { authorization: `Bearer ${token}` };
    try {
      const res = await fetch(`${door.base}${step.path}`, {
        method: step.method,
        headers,
        body: step.body === undefined ? undefined : JSON.stringify(step.body),
        signal: AbortSignal.timeout(500),
      });
      const text = await res.text();
      if (step.name === 'token' && res.status === 200) {
        const t = JSON.parse(text) as { access_token?: string; auth_token?: string };
        token = t.access_token ?? t.auth_token ?? token;
      }
      outcomes.push(`${step.name}: ${res.status}`);
    } catch (error) {
      outcomes.push(`${step.name}: ${(error as Error).name}`);
    }
  }
  return outcomes;
}

describe('every scenario behaves the same through express and MSW', () => {
  const catalogue = listScenarios();

  it.each(catalogue.map((s) => s.name))('%s', async (name) => {
    // Fault delays are not waited out: the journals, not the clock, are compared.
    const options = { scenario: name, now: () => FIXED_NOW, sleep: async () => {} };
    const express = await openFetchDoor('express', options);
    const msw = await openFetchDoor('msw', options);
    try {
      const steps = script(agencyFacts(express.simulator));
      expect(agencyFacts(msw.simulator)).toEqual(agencyFacts(express.simulator));
      // Independent simulators: run both at once, so a hang's timeouts overlap.
      const [viaExpress, viaMsw] = await Promise.all([run(express, steps), run(msw, steps)]);
      expect(viaMsw).toEqual(viaExpress);
      const [journalExpress, journalMsw] = await Promise.all([fetchJournal(express.base), fetchJournal(msw.base)]);
      expect(journalExpress).toHaveLength(steps.length);
      expect(journalView(journalMsw)).toEqual(journalView(journalExpress));
    } finally {
      await Promise.all([express.close(), msw.close()]);
    }
  });
});

describe('a scenario with a probabilistic fault repeats exactly for its seed', () => {
  let door: FetchDoor;
  let practitionerId: string;
  const NAME = 'rate-limited-random';

  beforeAll(async () => {
    door = await openFetchDoor('express', { scenario: NAME, now: () => FIXED_NOW });
    practitionerId = agencyFacts(door.simulator).practitionerId;
  });
  afterAll(() => door.close());

  async function session(target: FetchDoor) {
    const t = await fetch(`${target.base}/oauth/accesstoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MOCK_CREDENTIALS) });
    const auth = { authorization: `Bearer ${((await t.json()) as { access_token: string }).access_token}` };
    for (let i = 0; i < 30; i++) await (await fetch(`${target.base}/v1/practitioners/${practitionerId}/`, { headers: auth })).text();
    await (await fetch(`${target.base}/v1/patients/?_count=5`, { headers: auth })).text();
    return journalView(await fetchJournal(target.base));
  }
  const statuses = (journal: { status: number }[]) => journal.map((e) => e.status);

  it('a fresh run, a reset, a reload by name and another adapter journal the same exchanges', async () => {
    const first = await session(door);
    expect(statuses(first)).toContain(429);
    expect(statuses(first)).toContain(200);
    expect(first.filter((e) => e.rule === 'fault:throttled-sometimes').length).toBe(statuses(first).filter((s) => s === 429).length);

    await fetch(`${door.base}/__admin/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(await session(door)).toEqual(first);

    await fetch(`${door.base}/__admin/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: NAME }) });
    expect(await session(door)).toEqual(first);

    const msw = await openFetchDoor('msw', { scenario: NAME, now: () => FIXED_NOW });
    try {
      expect(await session(msw)).toEqual(first);
    } finally {
      await msw.close();
    }
  });

  it('another seed draws another pattern', async () => {
    const first = statuses(await (async () => {
      await fetch(`${door.base}/__admin/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      return session(door);
    })());
    const other = await openFetchDoor('express', { scenario: NAME, seed: 8, now: () => FIXED_NOW });
    try {
      const second = statuses(await session(other));
      expect(second).toContain(429);
      expect(second).not.toEqual(first);
    } finally {
      await other.close();
    }
  });
});
