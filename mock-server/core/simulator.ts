// The simulated WellSky: route → (fault) → gateway → auth → validate → behaviour,
// on plain requests. The express and MSW adapters are thin doors onto `handle`.
import { performance } from 'node:perf_hooks';
import { handleAdmin } from './admin.ts';
import { compileSpec, type CompiledSpec } from './compiled-spec.ts';
import { createClock, type Clock } from './clock.ts';
import { createDeliveries, type Deliveries } from './deliveries.ts';
import { createFaultEngine, type FaultDecision, type FaultEngine } from './faults.ts';
import { CHECKS } from './handlers/checks.ts';
import { localDate } from './search/calendar.ts';
import { HANDLERS } from './handlers/index.ts';
import { invalidClient } from './handlers/token.ts';
import type { HandlerContext } from './handlers/context.ts';
import { createJournal, type Journal } from './journal.ts';
import { allowLiveForm, type QuirkContext } from './by-the-docs.ts';
import { PRECHECKS } from './handlers/prechecks.ts';
import { isQuirkName, QUIRK_NAMES, quirksForProfile, type QuirkName, type QuirkSettings } from './quirks.ts';
import { fingerprintAuthorization, redactBody, redactQuery } from './redact.ts';
import { journalVocabulary } from './journal-vocabulary.ts';
import { parseBody, refuseLargeBody } from './request-body.ts';
import { searchCacheKey } from './json-cache.ts';
import { gatewayError, HttpError, wellSkyError } from './responses.ts';
import type { ValidatedInput } from './request-validator.ts';
import type { Router } from './router.ts';
import { listOperations, resolveRef, type OpenApiDocument, type OperationEntry } from './spec-document.ts';
import { exampleResponse } from './spec-examples.ts';
import { loadScenario, type Scenario } from './scenario.ts';
import { seedData } from './seed-cache.ts';
import { checkOptions, DEFAULT_CREDENTIALS, definedOnly, scenarioOptions, type SimulatorOptions } from './simulator-options.ts';
import { createStore, type Store } from './store.ts';
import { createTokenService, type TokenService } from './token-service.ts';
import { unknownRouteResponse } from './gateway.ts';
import type { SimRequest, SimResponse } from './types.ts';

export { DEFAULT_CREDENTIALS, type SimulatorOptions } from './simulator-options.ts';

export interface SimulatorState {
  options: Required<Pick<SimulatorOptions, 'seed' | 'size' | 'profile' | 'tokenLifetimeSeconds' | 'tokenShape' | 'timeZone'>> & SimulatorOptions;
  quirks: QuirkSettings;
  store: Store;
  tokens: TokenService;
  faults: FaultEngine;
  clock: Clock;
  journal: Journal;
  /** Subscriptions' change notifications: pending, sent, failed. */
  deliveries: Deliveries;
  /** Search answers by request, valid while the store's revision is unchanged. */
  responseCache: Map<string, { revision: number; response: SimResponse; rule?: string }>;
  scenario?: Scenario;
}

export interface Simulator {
  handle(request: SimRequest): Promise<SimResponse>;
  state(): SimulatorState;
  /**
   * Rebuilds from the start-up options plus these (what /__admin/load uses): what
   * is left out takes its start-up value, and no scenario or fault rules carry over.
   */
  reload(options: SimulatorOptions): void;
  /**
   * Switches to a scenario. What the scenario sets wins; what it leaves out keeps
   * the value the simulator was started with (say, --today), not a default. Quirk
   * switches given at start are dropped: the scenario's profile and quirks decide.
   */
  switchScenario(name: string): void;
  /** Back to how it was last loaded: fresh data, no tokens, an empty journal, no pending deliveries, the clock at now. */
  reset(): void;
  /**
   * Subscriptions' change notifications. A test creates a patient, then
   * `await simulator.deliveries.idle()` before it looks at what its receiver got.
   */
  readonly deliveries: Deliveries;
  readonly spec: CompiledSpec;
}

/** Reads whose answer depends only on the request and the data (not on the clock). */
const cacheable = (operationId: string) => /^(search|list)/.test(operationId);

/** `quirk:a+b` for the journal, naming each quirk that shaped the answer once. */
function quirkRule(applied: QuirkName[]): string | undefined {
  return applied.length ? `quirk:${[...new Set(applied)].join('+')}` : undefined;
}

interface Outcome {
  response: SimResponse;
  /** The gateway, auth, fault or quirk rule that decided the answer. */
  rule?: string;
  /** The parsed request body, for the journal. */
  body?: unknown;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A value for inside an HTTP quoted-string (RFC 9110): backslash and quote escaped. */
const quotedString = (text: string) => text.replace(/[\\"]/g, '\\$&');

const FHIR_JSON = 'application/fhir+json';
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * A body in a media type the operation does not take (a form or text/plain on
 * a JSON route) is refused as a 415 rather than guessed at. fhir+json counts as
 * JSON here; whether it is accepted is the `fhir-json-media-type` quirk's call.
 * No Content-Type at all is read as JSON, as the gateway does.
 */
function refuseForeignMediaType(doc: OpenApiDocument, entry: OperationEntry, request: SimRequest): void {
  const type = mediaType(request.headers['content-type']);
  if (request.body === undefined || request.body === '' || type === '') return;
  const declared = entry.operation.requestBody ? resolveRef<{ content?: Record<string, unknown> }>(doc, entry.operation.requestBody as { content?: Record<string, unknown> }) : undefined;
  const accepted = Object.keys(declared?.content ?? { 'application/json': {} });
  const asJson = type === FHIR_JSON ? 'application/json' : type;
  if (accepted.includes(type) || accepted.includes(asJson)) return;
  throw new HttpError(415, `Content-Type: ${type} is not accepted here; send ${accepted.join(' or ')}`);
}

/** The quirk an operation marked `x-quirk` in the spec needs (a route live had, the reference lacks). */
function routeQuirk(entry: OperationEntry): QuirkName | undefined {
  const name = entry.operation['x-quirk'];
  return typeof name === 'string' && isQuirkName(name) ? name : undefined;
}

/** A spec naming a quirk that does not exist is a mistake in the spec: say so at start. */
function checkRouteQuirks(spec: CompiledSpec): void {
  for (const entry of listOperations(spec.doc)) {
    const name = entry.operation['x-quirk'];
    if (name !== undefined && (typeof name !== 'string' || !isQuirkName(name))) {
      throw new Error(`spec: ${entry.method.toUpperCase()} ${entry.path}: x-quirk ${JSON.stringify(name)} is not a quirk; known quirks are ${QUIRK_NAMES.join(', ')}`);
    }
  }
}

export function createSimulator(initial: SimulatorOptions = {}): Simulator {
  checkOptions(initial);
  const spec = compileSpec(initial.specPath);
  checkRouteQuirks(spec);
  // The names and codes the journal may show: those of this spec.
  const vocabulary = journalVocabulary(spec.doc);
  const clock = createClock(initial.now);
  const journal = createJournal(initial.journalCapacity);
  let state!: SimulatorState;
  // Lives as long as the simulator, like the journal; it reads the current store's subscriptions.
  const deliveries = createDeliveries({
    deliver: initial.deliver,
    sleep: initial.sleep,
    now: () => clock.now(),
    journal,
    backoffMs: initial.deliveryBackoffMs,
    subscriptions: () => state.store.subscriptions,
  });
  // What the simulator was last loaded with, so a reset replays the same scenario.
  let current: { explicit: SimulatorOptions; base: SimulatorOptions } = { explicit: initial, base: {} };
  // Whole days between the real local date and `today`, fixed when the agency is built.
  let dayShift = 0;

  function build(explicit: SimulatorOptions, base: SimulatorOptions = {}): void {
    const scenario = explicit.scenario ? loadScenario(explicit.scenario) : undefined;
    const fromScenario = scenario ? scenarioOptions(scenario) : {};
    const options = { ...definedOnly(base), ...fromScenario, ...definedOnly(explicit) };
    checkOptions(options);
    // Quirks merge switch by switch: `--quirk status-none=off` must not undo the scenario's other quirks.
    if (base.quirks || fromScenario.quirks || explicit.quirks) options.quirks = { ...base.quirks, ...fromScenario.quirks, ...explicit.quirks };
    const profile = options.profile ?? 'live-like';
    const full = {
      seed: 1,
      size: 'small' as const,
      tokenLifetimeSeconds: 3599,
      timeZone: 'America/Denver',
      ...options,
      profile,
      // By the docs, the token call answers the vendor's field names.
      tokenShape: options.tokenShape ?? (profile === 'by-the-docs' ? ('docs' as const) : ('live' as const)),
    };
    state = {
      options: full,
      quirks: quirksForProfile(full.profile, full.quirks),
      // Built around the agency's local today by the simulator's own clock.
      // Every write after the seed may fire a subscription.
      store: createStore(seedData({ ...full, today: full.today ?? localDate(clock.now(), full.timeZone) }), (change) => deliveries.queue(change)),
      tokens: createTokenService({ clock, lifetimeSeconds: full.tokenLifetimeSeconds, seed: full.seed }),
      faults: createFaultEngine({ seed: full.seed, now: () => clock.now(), rules: full.faults }),
      clock,
      journal,
      deliveries,
      responseCache: new Map(),
      scenario,
    };
    // Only once it is built: a refused load must not poison the next reset.
    current = { explicit, base };
    dayShift = full.today ? Date.parse(`${full.today}T00:00:00Z`) - Date.parse(`${localDate(clock.now(), full.timeZone)}T00:00:00Z`) : 0;
  }
  build(initial);

  /**
   * The clock moved by whole days so that "now" falls on `today` in the agency's
   * time zone: it keeps the time of day, follows /__admin/clock, never goes back.
   */
  function simulatedNow(): number {
    return clock.now() + dayShift;
  }

  /**
   * Builds afresh with the clock back at now. A build that throws (a refused load)
   * leaves everything as it was, the clock included: an expired token stays expired.
   */
  function rebuild(make: () => void): void {
    const offset = clock.offsetSeconds();
    clock.reset();
    try {
      make();
    } catch (error) {
      clock.advance(offset);
      throw error;
    }
    journal.clear();
    deliveries.clear();
  }

  /** What the simulator was started with, less what a load or a scenario replaces. */
  function startup(): SimulatorOptions {
    const { scenario: _scenario, faults: _faults, ...rest } = initial;
    return rest;
  }

  const simulator: Simulator = {
    spec,
    deliveries,
    state: () => state,
    reload(options) {
      rebuild(() => build(options, startup()));
    },
    switchScenario(name) {
      // The scenario's quirks replace the start-up switches (it says which it wants).
      const { quirks: _quirks, ...base } = startup();
      rebuild(() => build({ scenario: name }, base));
    },
    reset() {
      rebuild(() => build(current.explicit, current.base));
    },
    async handle(request) {
      // A body over the limit is refused before anything parses it (the gateway's 413).
      const tooLarge = refuseLargeBody(request.body);
      if (request.path === '/__admin' || request.path.startsWith('/__admin/')) return tooLarge ?? handleAdmin(simulator, request);
      const started = performance.now();
      const match = spec.router.match(request.method, request.path);
      const operationId = match?.operation.operationId;
      const target = { method: request.method, path: request.path, operationId };
      const early = tooLarge ? undefined : state.faults.decide(target, 'gateway');
      const { response, rule, body: parsedBody } = tooLarge ? { response: tooLarge, rule: 'gateway:body-too-large' } : early ? await applyFault(early, () => answer(request, match)) : await answer(request, match);

      state.journal.record({
        timeMs: clock.now(),
        method: request.method,
        path: request.path,
        query: redactQuery(request.queryString ?? new URLSearchParams(request.query as Record<string, string>).toString(), vocabulary),
        status: response.status,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        operationId,
        rule,
        auth: fingerprintAuthorization(request.headers.authorization),
        requestBody: parsedBody === undefined ? undefined : redactBody(parsedBody, vocabulary),
        transport: response.transport.kind,
      }, response.body, response.reused === true);
      return response;
    },
  };

  async function answer(request: SimRequest, match: ReturnType<Router['match']>): Promise<Outcome> {
    const authorization = request.headers.authorization;
    if (!match) return unknownRouteResponse(authorization);
    const entry = match.operation;
    // A route live had but the reference lacks: by the docs the gateway knows no such route.
    const gate = routeQuirk(entry);
    if (gate && !state.quirks[gate]) return { response: unknownRouteResponse(authorization).response, rule: `by-the-docs:${gate}` };

    const needsToken = entry.operation.security === undefined || entry.operation.security.length > 0;
    if (needsToken) {
      const check = state.tokens.check(authorization);
      if (!check.ok) {
        const error = check.reason === 'scheme' || check.reason === 'missing' ? 'invalid_request' : 'invalid_token';
        return {
          response: gatewayError(401, 'Unauthorized', { 'www-authenticate': `Bearer error="${error}", error_description="${quotedString(check.detail)}"` }),
          rule: `auth:${check.reason}`,
        };
      }
    }
    if (entry.operationId === 'getAccessToken' && state.options.rejectCredentials) {
      return { response: invalidClient(), rule: 'token:reject-credentials' };
    }
    return behave(request, match, needsToken);
  }

  /** Carries out a fault decision; `next` produces the normal answer for the behaviours that need it. */
  async function applyFault(decision: FaultDecision, next: () => Promise<Outcome>): Promise<Outcome> {
    if (decision.delayMs > 0) await (initial.sleep ?? realSleep)(decision.delayMs);
    if (decision.response) return { response: decision.response, rule: decision.rule };
    if (decision.behaviour === 'hang' || decision.behaviour === 'reset') {
      return { response: { status: 0, headers: {}, body: '', transport: { kind: decision.behaviour } }, rule: decision.rule };
    }
    const outcome = await next();
    let response = outcome.response;
    if (decision.behaviour === 'truncated-json') {
      response = { ...response, body: response.body.slice(0, Math.max(1, Math.floor(response.body.length / 2))) };
    }
    if (decision.status !== undefined || decision.headers) {
      response = { ...response, status: decision.status ?? response.status, headers: { ...response.headers, ...decision.headers } };
    }
    return { ...outcome, response, rule: decision.rule };
  }

  /** Validation and the operation's behaviour, for a request that passed the gateway and auth. */
  async function behave(request: SimRequest, match: NonNullable<ReturnType<Router['match']>>, authenticated: boolean): Promise<Outcome> {
    const entry = match.operation;
    let body: unknown;
    const applied: QuirkName[] = [];
    const gate = routeQuirk(entry);
    if (gate) applied.push(gate);
    const quirkContext: QuirkContext = { quirks: state.quirks, applied: (quirk) => applied.push(quirk) };
    try {
      refuseForeignMediaType(spec.doc, entry, request);
      body = parseBody(request.body, request.headers['content-type']);
      if (body !== undefined && mediaType(request.headers['content-type']) === FHIR_JSON) {
        allowLiveForm(quirkContext, 'fhir-json-media-type', 400, 'Content-Type', `${FHIR_JSON} is not accepted; send application/json`);
      }
      const query = capCount(request.query, quirkContext);
      if (body && typeof body === 'object' && typeof (body as { _count?: unknown })._count === 'number') {
        body = capCount(body as Record<string, string>, quirkContext);
      }
      // WellSky's own checks that answer before schema validation would (its words, its 500s).
      const early = PRECHECKS[entry.operationId]?.(body, quirkContext);
      if (early) return { response: early, body, rule: quirkRule(applied) };
      const input = spec.validators.get(entry)!.validate(match.pathParams, query, body);
      CHECKS[entry.operationId]?.(input.params, input.body, quirkContext);
      // Rules that answer as WellSky itself see only authorised, valid requests.
      const late = authenticated ? state.faults.decide({ method: request.method, path: request.path, operationId: entry.operationId }, 'authenticated') : undefined;
      if (late) return await applyFault(late, () => perform(request, entry, input, body, applied));
      return await perform(request, entry, input, body, applied);
    } catch (error) {
      if (error instanceof HttpError) return { response: error.toResponse(), body, rule: error.rule ?? quirkRule(applied) };
      // A bug in the mock must not look like WellSky's fault: say whose it is.
      return { response: wellSkyError(500, `mock-server bug: ${(error as Error).message}`), rule: 'mock:internal-error', body };
    }
  }

  /** The operation's behaviour (or the spec's example), through the search cache. */
  async function perform(request: SimRequest, entry: OperationEntry, input: ValidatedInput, body: unknown, applied: QuirkName[]): Promise<Outcome> {
    const handler = HANDLERS[entry.operationId];
    if (!handler) return { response: exampleResponse(spec.doc, entry), rule: 'spec-example', body };
    const cacheKey = state.options.responseCache !== false && cacheable(entry.operationId) ? searchCacheKey(entry.operationId, request.path, request.queryString ?? JSON.stringify(input.params), request.body) : undefined;
    const cached = cacheKey ? state.responseCache.get(cacheKey) : undefined;
    if (cached && cached.revision === state.store.revision.value) return { response: cached.response, rule: cached.rule, body };
    const ctx: HandlerContext = {
      request,
      operationId: entry.operationId,
      params: input.params,
      body: input.body,
      store: state.store,
      quirks: state.quirks,
      now: simulatedNow,
      tokens: state.tokens,
      credentials: state.options.credentials ?? DEFAULT_CREDENTIALS,
      tokenShape: state.options.tokenShape,
      timeZone: state.options.timeZone,
      applied: (quirk) => applied.push(quirk),
    };
    const response = await handler(ctx);
    const rule = quirkRule(applied);
    if (cacheKey && response.status === 200) {
      // Bounded: a long session of varied searches must not grow memory without end.
      if (state.responseCache.size >= 1000) state.responseCache.clear();
      response.reused = true;
      state.responseCache.set(cacheKey, { revision: state.store.revision.value, response, rule });
    }
    return { response, body, rule };
  }

  /** Live, `_count` above 100 was capped; by the docs it is a 400. */
  function capCount<T extends Record<string, unknown>>(fields: T, quirks: QuirkContext): T {
    // Only plain digits count: `0x65` or `1e3` is left for validation to refuse.
    const raw = fields._count;
    const count = typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw)) ? Number(raw) : NaN;
    if (!(count > 100)) return fields;
    allowLiveForm(quirks, 'count-capped-at-100', 400, '_count', `must be at most 100 (got ${count})`);
    return { ...fields, _count: typeof fields._count === 'number' ? 100 : '100' };
  }

  return simulator;
}
