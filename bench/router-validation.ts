// Routing and request validation, measured before picking: our spec-compiled
// router + Ajv validators against openapi-backend, on the same requests in one
// process. Not part of `npm test`. Run: npm run bench:router
import { performance } from 'node:perf_hooks';
import { OpenAPIBackend } from 'openapi-backend';
import { createSchemaRegistry } from '../mock-server/core/schema-registry.ts';
import { compileValidator } from '../mock-server/core/request-validator.ts';
import { createRouter } from '../mock-server/core/router.ts';
import { DEFAULT_SPEC_PATH, listOperations, loadSpec } from '../mock-server/core/spec-document.ts';

const doc = loadSpec();
interface BenchRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

const requests: BenchRequest[] = [
  { method: 'get', path: '/v1/practitioners/', query: { _count: '20', last_name: 'Quill', mobile_phone: '3035550101' } },
  { method: 'get', path: '/v1/practitioners/2001/', query: {} },
  { method: 'get', path: '/v1/appointment/', query: { caregiverId: '2001', startDate: '20261126', additionalDays: '3' } },
  { method: 'post', path: '/v1/patients/', query: {}, body: { name: [{ family: 'Fenwick', given: ['Rosalind'] }], telecom: [{ system: 'phone', value: '3035550141', use: 'home' }] } },
  { method: 'put', path: '/v1/encounter/9001/task/51/', query: {}, body: { status: 'COMPLETE' } },
];
const ROUNDS = 20_000;

function time(label: string, fn: () => void): number {
  for (let i = 0; i < 2000; i++) fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) fn();
  const perRound = ((performance.now() - start) / ROUNDS) * 1000;
  console.log(`${label.padEnd(44)} ${perRound.toFixed(1).padStart(7)} µs per round of ${requests.length} requests`);
  return perRound;
}

// Ours: compiled at start-up from the spec.
const startOurs = performance.now();
const registry = createSchemaRegistry(doc);
const operations = listOperations(doc);
const router = createRouter(operations);
const validators = new Map(operations.map((op) => [op, compileValidator(doc, registry, op)]));
const oursStartup = performance.now() - startOurs;
const ours = time('spec router + Ajv validators (this mock)', () => {
  for (const r of requests) {
    const match = router.match(r.method, r.path)!;
    validators.get(match.operation)!.validate(match.pathParams, { ...r.query }, r.body);
  }
});

// openapi-backend: the same spec, quick start off so validators are built up front.
const startBackend = performance.now();
// Trailing slashes matter here (`/v1/practitioners` is not a route live), so openapi-backend must not ignore them.
const api = new OpenAPIBackend({ definition: DEFAULT_SPEC_PATH, quick: false, validate: true, strict: false, ignoreTrailingSlashes: false });
await api.init();
const backendStartup = performance.now() - startBackend;
const backend = time('openapi-backend matchOperation + validateRequest', () => {
  for (const r of requests) {
    const req = { method: r.method, path: r.path, query: r.query, body: r.body, headers: { 'content-type': 'application/json', authorization: 'Bearer x' } };
    const op = api.matchOperation(req)!;
    const result = api.validateRequest(req, op);
    if (!result.valid) throw new Error(`openapi-backend rejected a valid request: ${JSON.stringify(result.errors)}`);
  }
});

console.log(`\nstart-up: ours ${oursStartup.toFixed(0)} ms, openapi-backend ${backendStartup.toFixed(0)} ms`);
console.log(`openapi-backend / ours per request: ${(backend / ours).toFixed(2)}x the time`);
