// The control API under /__admin/: reset, load a seed/size/profile, read the
// journal, add and clear fault rules, switch quirks, move the clock, see
// subscriptions' deliveries.
import { validateFaultRuleValue, InvalidInputError } from './scenario-schema.ts';
import { QUIRKS, QUIRK_NAMES, quirksForProfile } from './quirks.ts';
import { CRITERIA } from './notifications.ts';
import { jsonResponse, textResponse } from './responses.ts';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './request-body.ts';
import { listScenarios, loadScenario } from './scenario.ts';
import type { Simulator, SimulatorOptions } from './simulator.ts';
import type { FaultRule } from './faults.ts';
import type { SimRequest, SimResponse } from './types.ts';
import { inspectorPage } from './inspector-page.ts';

const LOAD_KEYS = ['seed', 'size', 'today', 'profile', 'quirks', 'tokenLifetimeSeconds', 'tokenShape', 'rejectCredentials'] as const;

const ENDPOINTS = [
  'GET    /__admin/                 the inspector page',
  'GET    /__admin/status           scenario, profile, seed, size, quirks, counts',
  'GET    /__admin/scenarios        the scenario catalogue',
  'POST   /__admin/scenario         {"name": "<scenario>"}: load one',
  'POST   /__admin/reset            fresh data, no tokens, empty journal, no pending deliveries',
  `POST   /__admin/load             {${LOAD_KEYS.join(', ')}}`,
  'GET    /__admin/journal          ?since=<seq>&limit=<n>',
  'DELETE /__admin/journal',
  'GET    /__admin/faults',
  'POST   /__admin/faults           a fault rule (scenarios/schema.json#/definitions/faultRule); answers {fault, count}',
  'DELETE /__admin/faults           all rules; /__admin/faults/<name> one',
  'GET    /__admin/quirks',
  'PUT    /__admin/quirks           {"<quirk>": true|false}',
  'POST   /__admin/clock            {"advanceSeconds": n}',
  'GET    /__admin/deliveries       ?wait=<seconds>: subscriptions\' notifications (waits until none is pending)',
  'DELETE /__admin/deliveries       drop pending deliveries, forget the list',
];

/** The longest `GET /__admin/deliveries?wait=` may hold the request. */
const MAX_WAIT_SECONDS = 60;

const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600;

const bad = (message: string) => jsonResponse(400, { error: message });

/**
 * Every control write (any method but GET and HEAD) must say `Content-Type:
 * application/json`, with or without a body. A web page cannot send that to
 * another origin without a CORS preflight, which the mock never grants; a
 * `text/plain` or form POST (a "simple request") or a body-less no-cors POST
 * is therefore refused here, whatever the door.
 */
function refuseNonJsonWrite(request: SimRequest): SimResponse | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return undefined;
  return jsonResponse(415, {
    error: `${request.method} ${request.path}: control writes need "Content-Type: application/json", with or without a body (got ${type ? `"${type}"` : 'none'}); a web page cannot send that cross-site`,
  });
}

/** The inspector may not be framed (clickjacking), nor leak its URL (a control token may be in it). */
const PAGE_HEADERS = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

function parseJson(request: SimRequest): Record<string, unknown> {
  if (!request.body) return {};
  // Whatever is stored here (a fault rule's body) is served and shown later: no deeper than a request body.
  if (nestsDeeperThan(request.body)) throw new InvalidInputError(`body: nested more than ${MAX_BODY_DEPTH} levels deep`);
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch (error) {
    throw new InvalidInputError(`body: not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError('body: must be a JSON object');
  return value as Record<string, unknown>;
}

export function statusOf(simulator: Simulator) {
  const s = simulator.state();
  return {
    scenario: s.scenario ? { name: s.scenario.name, description: s.scenario.description, expect: s.scenario.expect ?? [] } : null,
    agencyId: s.store.agencyId,
    profile: s.options.profile,
    seed: s.options.seed,
    size: s.options.size,
    today: s.options.today ?? null,
    tokenLifetimeSeconds: s.options.tokenLifetimeSeconds,
    tokenShape: s.options.tokenShape,
    clockOffsetSeconds: s.clock.offsetSeconds(),
    quirks: s.quirks,
    faults: s.faults.rules(),
    counts: {
      practitioners: s.store.practitioners.size(),
      patients: s.store.patients.size(),
      relatedPersons: s.store.relatedPersons.size(),
      appointments: s.store.appointments.size(),
      encounters: s.store.encounters.size(),
      journal: s.journal.size(),
      pendingDeliveries: s.deliveries.pending(),
    },
  };
}

/** Until `idle` settles or `ms` pass, whichever is first; the timer does not hold the process open. */
function waitForIdle(idle: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([idle, timeout]).finally(() => clearTimeout(timer));
}

export async function handleAdmin(simulator: Simulator, request: SimRequest): Promise<SimResponse> {
  const route = `${request.method} ${request.path.replace(/\/+$/, '') || '/__admin'}`;
  const state = simulator.state();
  const refused = refuseNonJsonWrite(request);
  if (refused) return refused;
  try {
    switch (route) {
      case 'GET /__admin':
        return textResponse(200, inspectorPage(), 'text/html; charset=utf-8', PAGE_HEADERS);
      case 'GET /__admin/status':
        return jsonResponse(200, statusOf(simulator));
      case 'POST /__admin/reset':
        simulator.reset();
        return jsonResponse(200, statusOf(simulator));
      case 'POST /__admin/load': {
        const body = parseJson(request);
        const unknown = Object.keys(body).filter((k) => !(LOAD_KEYS as readonly string[]).includes(k));
        if (unknown.length) return bad(`${unknown.join(', ')}: unknown field; /__admin/load takes ${LOAD_KEYS.join(', ')}`);
        try {
          simulator.reload(body as SimulatorOptions);
        } catch (error) {
          return bad((error as Error).message);
        }
        return jsonResponse(200, statusOf(simulator));
      }
      case 'GET /__admin/scenarios':
        // A broken file is listed with its error, so one bad file does not hide the rest.
        return jsonResponse(200, { scenarios: listScenarios().map(({ name, description, error }) => ({ name, description, ...(error ? { error } : {}) })) });
      case 'POST /__admin/scenario': {
        const { name, ...rest } = parseJson(request);
        if (Object.keys(rest).length) return bad(`${Object.keys(rest).join(', ')}: unknown field; send {"name": "<scenario>"}`);
        if (typeof name !== 'string' || name === '') return bad('name: required; send {"name": "<scenario>"} (GET /__admin/scenarios lists them)');
        // Over HTTP only catalogue names: the control API must not read arbitrary files.
        if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return bad(`name: "${name}" is not a catalogue name; GET /__admin/scenarios lists them`);
        // Load first: a bad name or file leaves the running scenario untouched.
        loadScenario(name);
        simulator.switchScenario(name);
        return jsonResponse(200, statusOf(simulator));
      }
      case 'GET /__admin/journal': {
        const since = request.query.since === undefined ? undefined : Number(request.query.since);
        const limit = Number(request.query.limit ?? 500);
        if (since !== undefined && (!Number.isInteger(since) || since < 0)) return bad('since: must be a journal sequence number (0 or more)');
        if (!Number.isInteger(limit) || limit < 1 || limit > 5000) return bad('limit: must be a whole number from 1 to 5000');
        // A page at most about 1 MB long, with `more` when there is more to read.
        return jsonResponse(200, state.journal.page({ since, limit }));
      }
      case 'DELETE /__admin/journal':
        state.journal.clear();
        return jsonResponse(200, { cleared: true });
      case 'GET /__admin/deliveries': {
        const wait = request.query.wait === undefined ? 0 : Number(request.query.wait);
        if (!Number.isFinite(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) return bad(`wait: must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}`);
        if (wait > 0) await waitForIdle(state.deliveries.idle(), wait * 1000);
        return jsonResponse(200, {
          pending: state.deliveries.pending(),
          criteria: CRITERIA.map(({ name, description }) => ({ name, description })),
          deliveries: state.deliveries.list(),
        });
      }
      case 'DELETE /__admin/deliveries':
        state.deliveries.clear();
        return jsonResponse(200, { cleared: true });
      case 'GET /__admin/faults':
        return jsonResponse(200, { faults: state.faults.rules() });
      case 'POST /__admin/faults': {
        const rule = parseJson(request);
        validateFaultRuleValue(rule, 'POST /__admin/faults');
        state.faults.add(rule as unknown as FaultRule);
        // The rule added, not the whole list (which may be long): GET /__admin/faults lists them.
        const all = state.faults.rules();
        return jsonResponse(201, { fault: all.find((r) => r.name === rule.name) ?? rule, count: all.length });
      }
      case 'DELETE /__admin/faults':
        state.faults.clear();
        return jsonResponse(200, { faults: [] });
      case 'GET /__admin/quirks':
        return jsonResponse(200, {
          profile: state.options.profile,
          quirks: QUIRK_NAMES.map((name) => {
            const { kind, description, byTheDocs, evidence } = QUIRKS[name];
            return { name, on: state.quirks[name], kind, description, byTheDocs, evidence };
          }),
        });
      case 'PUT /__admin/quirks': {
        const body = parseJson(request);
        try {
          const next = quirksForProfile(state.options.profile, { ...state.quirks, ...body });
          Object.assign(state.quirks, next);
          state.responseCache.clear();
        } catch (error) {
          return bad((error as Error).message);
        }
        return jsonResponse(200, { quirks: state.quirks });
      }
      case 'POST /__admin/clock': {
        const { advanceSeconds, ...rest } = parseJson(request);
        if (Object.keys(rest).length) return bad(`${Object.keys(rest).join(', ')}: unknown field; send {"advanceSeconds": <number>}`);
        if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0 || advanceSeconds > MAX_ADVANCE_SECONDS) {
          return bad(`advanceSeconds: must be a number of seconds from 0 to ${MAX_ADVANCE_SECONDS} (ten years; the clock only moves forward)`);
        }
        state.clock.advance(advanceSeconds);
        return jsonResponse(200, { clockOffsetSeconds: state.clock.offsetSeconds(), now: new Date(state.clock.now()).toISOString() });
      }
    }
    const faultName = request.path.match(/^\/__admin\/faults\/([^/]+)\/?$/)?.[1];
    if (request.method === 'DELETE' && faultName) {
      let name: string;
      try {
        name = decodeURIComponent(faultName);
      } catch {
        return bad(`fault name: "${faultName}" is not valid percent-encoding`);
      }
      return state.faults.remove(name) ? jsonResponse(200, { faults: state.faults.rules() }) : jsonResponse(404, { error: `fault rule "${name}" not found` });
    }
    return jsonResponse(404, { error: `${route}: no such control endpoint`, endpoints: ENDPOINTS });
  } catch (error) {
    if (error instanceof InvalidInputError) return bad(error.message);
    throw error;
  }
}

