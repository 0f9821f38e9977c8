// Every operation in the spec, called with a valid request, answers with a status
// the spec documents and a body its schema accepts — directly, and through Prism's
// validating proxy with zero violations.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../mock-server/core/schema-registry.ts';
import { listOperations, loadSpec, resolveRef } from '../../mock-server/core/spec-document.ts';
import { startMockServer, type RunningMockServer } from '../../mock-server/http.ts';
import { freePort } from '../support/free-port.ts';
import type { SimulatorOptions } from '../../mock-server/core/simulator.ts';
import { accepted, fetchToken, judge, keep, REPLAY, runSetup, sendStep, type Send } from '../replay/replay.ts';
import { SPEC_OPERATION_IDS, walk, type WalkStep } from './walk.ts';

const doc = loadSpec();
const registry = createSchemaRegistry(doc);
const operations = new Map(listOperations(doc).map((o) => [o.operationId, o]));
const credentials = { client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' };

function violations(step: WalkStep): string[] {
  const op = operations.get(step.operationId)!;
  const documented = op.operation.responses?.[String(step.status)];
  if (!documented) return [`${step.operationId}: status ${step.status} is not in the spec (${step.text.slice(0, 200)})`];
  if (!String(step.status).startsWith('2')) return [`${step.operationId}: a valid request got ${step.status}: ${step.text.slice(0, 200)}`];
  const response = resolveRef<{ content?: Record<string, { schema?: object }> }>(doc, documented as object);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [];
  const validate = registry.compile(schema);
  return validate(step.body) ? [] : [`${step.operationId}: ${JSON.stringify(validate.errors?.slice(0, 3))}`];
}

describe('contract walk', () => {
  let mock: RunningMockServer;
  beforeAll(async () => {
    mock = await startMockServer({ seed: 2, size: 'small', today: '2026-11-26' });
  });
  afterAll(() => mock.close());

  it('calls every operation in the spec', async () => {
    const steps = await walk(mock.url, credentials);
    expect([...new Set(steps.map((s) => s.operationId))].sort()).toEqual([...SPEC_OPERATION_IDS].sort());
  });

  it('every response matches the spec (live-like profile)', async () => {
    mock.simulator.reload({ seed: 2, size: 'small', today: '2026-11-26', profile: 'live-like' });
    const steps = await walk(mock.url, credentials);
    expect(steps.flatMap(violations)).toEqual([]);
  });

  it('every response matches the spec (by-the-docs profile); the live-only routes are the gateway 403', async () => {
    mock.simulator.reload({ seed: 2, size: 'small', today: '2026-11-26', profile: 'by-the-docs' });
    const steps = await walk(mock.url, credentials);
    const liveOnly = (s: WalkStep) => operations.get(s.operationId)!.operation['x-quirk'] !== undefined;
    expect(steps.filter((s) => !liveOnly(s)).flatMap(violations)).toEqual([]);
    const gated = steps.filter(liveOnly);
    expect(gated.length).toBeGreaterThan(0);
    for (const s of gated) expect([s.operationId, s.status, (s.body as { message?: string }).message]).toEqual([s.operationId, 403, expect.stringMatching(/^Invalid key=value pair/)]);
  });

  describe('through prism proxy --errors', () => {
    let prism: ChildProcess;
    let proxyUrl: string;
    let log = '';
    beforeAll(async () => {
      mock.simulator.reload({ seed: 2, size: 'small', today: '2026-11-26', profile: 'live-like' });
      const port = await freePort();
      proxyUrl = `http://127.0.0.1:${port}`;
      // The binary itself, not npx: killing npx would leave Prism running after the tests.
      prism = spawn('node_modules/.bin/prism', ['proxy', 'spec/swagger.yaml', mock.url, '--errors', '-h', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      prism.stdout!.on('data', (c) => (log += c));
      prism.stderr!.on('data', (c) => (log += c));
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (log.includes('Prism is listening')) return clearInterval(timer), resolve();
          if (prism.exitCode !== null) return clearInterval(timer), reject(new Error(log));
        }, 100);
      });
    });
    afterAll(() => {
      prism?.kill();
    });

    it('reports zero violations for the whole walk', async () => {
      const steps = await walk(proxyUrl, credentials);
      const flagged = steps.filter((s) => s.headers['sl-violations'] || s.status >= 400);
      expect(flagged.map((s) => `${s.operationId} ${s.status} ${s.headers['sl-violations'] ?? s.text.slice(0, 300)}`)).toEqual([]);
      expect(steps).toHaveLength(SPEC_OPERATION_IDS.length);
      expect(log).not.toMatch(/violation/i);
    });

    it('replays every request shape the live client sent (live-requests.yaml) with zero violations', async () => {
      mock.simulator.reload(REPLAY.options as SimulatorOptions);
      const send: Send = async (method, path, headers, body) => {
        const res = await fetch(`${proxyUrl}${path}`, { method, headers, body });
        const out: Record<string, string> = {};
        res.headers.forEach((v, k) => (out[k] = v));
        return { status: res.status, headers: out, text: await res.text() };
      };
      const token = await fetchToken(send);
      const saved = await runSetup(send, token);
      const problems: string[] = [];
      const replayed = REPLAY.steps.filter(accepted);
      for (const step of replayed) {
        const answer = await sendStep(send, step, saved, token);
        if (answer.headers['sl-violations']) problems.push(`${step.id}: ${answer.headers['sl-violations']}`);
        problems.push(...judge(step, answer, saved).map((p) => `${step.id}: ${p}`));
        keep(step, answer, saved);
      }
      expect(problems).toEqual([]);
      expect(replayed.length).toBeGreaterThan(70);
      expect(log).not.toMatch(/violation/i);
    });

    it('does flag a response that breaks the spec (so zero above means something)', async () => {
      mock.simulator.state().faults.add({ name: 'bad-shape', when: { operationId: 'getPractitioner' }, then: { status: 200, body: { resourceType: 'Practitioner', id: 42 } } });
      try {
        const t = await (await fetch(`${proxyUrl}/oauth/accesstoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', ...credentials }) })).json();
        const res = await fetch(`${proxyUrl}/v1/practitioners/2001/`, { headers: { authorization: `Bearer ${t.access_token}` } });
        const flagged = res.headers.get('sl-violations') ?? (await res.text());
        expect(res.status !== 200 || flagged.length > 0).toBe(true);
        expect(flagged).toMatch(/id|name/);
      } finally {
        mock.simulator.state().faults.remove('bad-shape');
      }
    });
  });
});
