// Fuzzing the simulated WellSky: requests drawn from the spec, valid and broken
// on purpose (test/mock-server/fuzz/), through the transport-free core and
// through the real HTTP door. Whatever is sent: the simulator does not crash,
// answers no 5xx (no fault rule is loaded), answers JSON where it says JSON,
// every error body is one the spec's schema accepts for that operation and
// status, and memory stays flat. A fixed seed by default; a long run with
// `npm run fuzz -- --requests 500000 [--seed n]` (docs in mock-server/README.md).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRK_NAMES } from '../../mock-server/core/quirks.ts';
import { createSimulator, type Simulator } from '../../mock-server/core/simulator.ts';
import type { SimRequest } from '../../mock-server/core/types.ts';
import { listOperations, loadSpec } from '../../mock-server/core/spec-document.ts';
import { startMockServer, type RunningMockServer } from '../../mock-server/http.ts';
import { fuzzSettings } from './fuzz/fuzz-settings.ts';
import { settledHeapBytes } from './fuzz/heap.ts';
import { knownIdsOf } from './fuzz/known-ids.ts';
import { createHttpSender, type HttpSender } from './fuzz/http-sender.ts';
import { toSimRequest, toWireRequest } from './fuzz/placing.ts';
import { requestArbitrary, type FuzzRequest } from './fuzz/request-arbitrary.ts';
import { createOracle, type Answer } from './fuzz/response-oracle.ts';

const settings = fuzzSettings();
const coreRequests = settings.requests - settings.httpRequests;
const WARM_UP = Math.min(1_000, Math.floor(coreRequests / 4));
/** Requests between resets: the store grows with every create, and that is data, not a leak. */
const RESET_EVERY = 5_000;
/** Generous, for a long run on a slow machine; nothing asserts how long it took. */
const timeout = 60_000 + settings.requests * 5;

const doc = loadSpec();
const operations = listOperations(doc);
// Success bodies too: a fuzzed create must not store what a later read answers against the spec.
const oracle = createOracle(doc, true);
const credentials = { grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' };
const OPTIONS = { seed: 3, size: 'tiny' as const, today: '2026-11-26', sleep: async () => {} };

/** A token for the simulator's current state (a reset forgets tokens). */
async function issueToken(simulator: Simulator): Promise<string> {
  const res = await simulator.handle({ method: 'POST', path: '/oauth/accesstoken', query: {}, queryString: '', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  const issued = JSON.parse(res.body) as { access_token?: string; auth_token?: string };
  const token = issued.access_token ?? issued.auth_token;
  if (!token) throw new Error(`fuzz: no token (${res.status} ${res.body})`);
  return token;
}

interface Target {
  simulator: Simulator;
  token: string;
}

/** Why a SimRequest a door built is malformed, or undefined. */
function doorRequestProblem(request: SimRequest): string | undefined {
  if (Object.getPrototypeOf(request.query) !== Object.prototype) return 'the query object has another prototype';
  for (const [key, value] of Object.entries(request.query)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string')) return `query ${JSON.stringify(key)} holds a non-string`;
  }
  for (const [key, value] of Object.entries(request.headers)) if (value !== undefined && typeof value !== 'string') return `header ${key} is not a string`;
  return undefined;
}

/** `400 ×1234 on 15 operations (getPatient, …)`, by status. */
function undocumentedSummary(counts: Map<string, number>): string {
  const byStatus = new Map<string, { n: number; ops: string[] }>();
  for (const [key, n] of counts) {
    const [operationId, status] = key.split(' ') as [string, string];
    const entry = byStatus.get(status) ?? { n: 0, ops: [] };
    entry.n += n;
    entry.ops.push(operationId);
    byStatus.set(status, entry);
  }
  return [...byStatus].sort().map(([status, { n, ops }]) => `${status} ×${n} on ${ops.length} operations (${ops.sort().slice(0, 4).join(', ')}${ops.length > 4 ? ', …' : ''})`).join('; ');
}

function describeProblem(request: FuzzRequest, answer: Answer, problems: string[]): string {
  const shown = { ...request, body: request.body && request.body.length > 300 ? `${request.body.slice(0, 300)}… (${request.body.length} chars)` : request.body };
  return `${problems.join('; ')}\nrequest: ${JSON.stringify(shown).slice(0, 1500)}\nstatus: ${answer.status}`;
}

describe(`fuzz: ${settings.requests} requests from seed ${settings.seed}`, () => {
  const liveLike: Target = { simulator: createSimulator(OPTIONS), token: '' };
  const byTheDocs: Target = { simulator: createSimulator({ ...OPTIONS, profile: 'by-the-docs' }), token: '' };
  // Every other quirk on: combinations neither profile has. `document-writes-fail` stays off (its 500 is asked for).
  const mixedQuirks = Object.fromEntries(QUIRK_NAMES.map((name, i) => [name, name !== 'document-writes-fail' && i % 2 === 0]));
  const mixed: Target = { simulator: createSimulator({ ...OPTIONS, quirks: mixedQuirks }), token: '' };
  const targets = { 'live-like': liveLike, 'by-the-docs': byTheDocs, 'mixed quirks': mixed };
  const knownIds = knownIdsOf(liveLike.simulator);
  // The simulator by name, so a counterexample prints a word rather than the whole simulator.
  const arbitrary = fc.tuple(
    requestArbitrary({ doc, operations, knownIds }),
    fc.oneof({ weight: 4, arbitrary: fc.constant('live-like' as const) }, { weight: 2, arbitrary: fc.constant('by-the-docs' as const) }, { weight: 1, arbitrary: fc.constant('mixed quirks' as const) }),
  );
  let sent = 0;
  let heapAfterWarmUp = 0;
  const statuses = new Map<number, number>();
  const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  async function resetAll(): Promise<void> {
    for (const target of Object.values(targets)) {
      target.simulator.reset();
      target.token = await issueToken(target.simulator);
    }
    knownIds.reset();
  }

  async function throughCore(request: FuzzRequest, target: Target): Promise<void> {
    if (++sent % RESET_EVERY === 0) await resetAll();
    const answer = await target.simulator.handle(toSimRequest(request, target.token));
    tally(answer.status);
    const operation = target.simulator.spec.router.match(request.method, request.path)?.operation;
    const problems = oracle.judge(operation, answer);
    if (answer.status === 201 && operation && target === liveLike) knownIds.remember(operation.path, JSON.parse(answer.body));
    if (answer.transport.kind !== 'respond') problems.push(`transport ${answer.transport.kind} with no fault rule loaded`);
    if (problems.length) throw new Error(describeProblem(request, answer, problems));
  }

  const run = (numRuns: number, seed: number) => fc.assert(fc.asyncProperty(arbitrary, ([request, target]) => throughCore(request, targets[target])), { numRuns, seed, endOnFailure: true });

  beforeAll(async () => {
    await resetAll();
    // Warm-up: compile what compiles lazily, fill the bounded caches; then measure.
    await run(WARM_UP, settings.seed - 1);
    await resetAll();
    heapAfterWarmUp = settledHeapBytes();
  }, timeout);

  it(`through the core: ${coreRequests - WARM_UP} more requests, no crash, no 5xx, bodies as the spec says`, async () => {
    statuses.clear();
    await run(coreRequests - WARM_UP, settings.seed);
    console.info(`fuzz (core): statuses ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status} ×${n}`).join(', ')}`);
    // The fuzz must keep reaching the behaviour, not only the gateway and the validator.
    const succeeded = [...statuses].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0);
    expect(succeeded / (coreRequests - WARM_UP)).toBeGreaterThan(0.1);
  }, timeout);

  it('the oracle is not blind: it refuses a 5xx, a body that is not JSON, and bodies the spec does not allow', async () => {
    const simulator = createSimulator({ ...OPTIONS, faults: [
      { name: 'boom', when: { operationId: 'getPractitioner' }, then: { status: 500 } },
      { name: 'odd-body', when: { operationId: 'searchPractitioners' }, then: { status: 404, body: { detail: 'not a WellSky body' } } },
    ] });
    const token = await issueToken(simulator);
    const oracle = createOracle(doc, true);
    const op = (id: string) => operations.find((o) => o.operationId === id);
    const get = (path: string) => simulator.handle({ method: 'GET', path, query: {}, queryString: '', headers: { authorization: `Bearer ${token}` } });
    expect(oracle.judge(op('getPractitioner'), await get('/v1/practitioners/2001/'))).toEqual([expect.stringMatching(/^a 500 no fault rule asked for/)]);
    expect(oracle.judge(op('searchPractitioners'), await get('/v1/practitioners/'))).toEqual([expect.stringMatching(/^a 404 body the spec refuses/)]);
    expect(oracle.judge(op('getPractitioner'), { status: 400, headers: { 'content-type': 'text/html' }, body: '<html>' })).toEqual([expect.stringMatching(/^a 400 whose body is not JSON/)]);
    expect(oracle.judge(op('getPractitioner'), { status: 200, headers: { 'content-type': 'application/json' }, body: '{"resourceType":"Practitioner","id":42}' })).toEqual([expect.stringMatching(/^a 200 body the spec refuses/)]);
  });

  describe('through the HTTP door (keep-alive)', () => {
    let mock: RunningMockServer;
    let sender: HttpSender;
    let token = '';
    beforeAll(async () => {
      mock = await startMockServer({ ...OPTIONS, simulator: liveLike.simulator });
      sender = createHttpSender(mock.port);
    });
    afterAll(async () => {
      sender?.close();
      await mock?.close();
    });

    it(`${settings.httpRequests} requests over one connection: every one answered, no 5xx, bodies as the spec says, the core handed well-formed requests`, async () => {
      await resetAll();
      token = liveLike.token;
      let count = 0;
      // What the door hands the core: a plain query of strings (no prototype games), string headers.
      const malformed: string[] = [];
      const handle = liveLike.simulator.handle.bind(liveLike.simulator);
      liveLike.simulator.handle = (request) => {
        const problem = doorRequestProblem(request);
        if (problem) malformed.push(`${problem} in ${request.method} ${request.path.slice(0, 200)}`);
        return handle(request);
      };
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ doc, operations, knownIds }), fc.boolean(), async (request, chunked) => {
          if (++count % RESET_EVERY === 0) {
            await resetAll();
            token = liveLike.token;
          }
          const answer = await sender.send({ ...toWireRequest(request, token), chunked });
          const operation = liveLike.simulator.spec.router.match(request.method, request.path)?.operation;
          // HEAD answers carry no body on the wire.
          const problems = request.method === 'HEAD' ? (answer.status >= 500 ? [`a ${answer.status}`] : []) : oracle.judge(operation, answer);
          if (answer.status === 201 && operation && problems.length === 0) knownIds.remember(operation.path, JSON.parse(answer.body));
          problems.push(...malformed.splice(0));
          if (problems.length) throw new Error(describeProblem(request, answer, problems));
        }),
        { numRuns: settings.httpRequests, seed: settings.seed + 1, endOnFailure: true },
      ).finally(() => {
        liveLike.simulator.handle = handle;
      });
      // Keep-alive held: a handful of sockets for thousands of requests (a 431 for an over-long head closes its own).
      expect(sender.socketsOpened).toBeLessThan(settings.httpRequests / 10);
    }, timeout);
  });

  it('memory is flat: after the run (and a reset), the heap is within 32 MB of where it was after the warm-up', async () => {
    await resetAll();
    const after = settledHeapBytes();
    const grown = after - heapAfterWarmUp;
    if (oracle.undocumented.size) console.info(`fuzz: statuses answered that the operation does not document: ${undocumentedSummary(oracle.undocumented)}`);
    expect(grown, `heap grew from ${(heapAfterWarmUp / 2 ** 20).toFixed(1)} MB to ${(after / 2 ** 20).toFixed(1)} MB`).toBeLessThan(32 * 2 ** 20);
  });
});
