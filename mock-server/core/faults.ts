// Fault rules: "on these requests, answer like this instead". The same rule
// shape is used at run time (POST /__admin/faults) and in scenario files.
import type { RE2JS } from 're2js';
import { jsonResponse, textResponse } from './responses.ts';
import { seededRandom, type Random } from './rng.ts';
import { compilePathPattern, InvalidInputError, MAX_DELAY_MS, MAX_FAULT_RULES, validateFaultRuleValue } from './scenario-schema.ts';
import type { SimResponse } from './types.ts';

export type Delay = number | { uniform: { minMs: number; maxMs: number } } | { lognormal: { medianMs: number; sigma: number } };

export const BEHAVIOURS = ['respond', 'pass', 'hang', 'reset', 'empty-body', 'malformed-json', 'truncated-json', 'html-error'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export interface FaultRule {
  name: string;
  description?: string;
  when?: {
    method?: string;
    /** A regular expression searched for in the request path, matched by RE2 (linear time). */
    path?: string;
    operationId?: string;
    /** Only the Nth matching call (1-based). */
    nth?: number;
    /** Only matching calls number `from` to `to` (inclusive, 1-based). */
    calls?: { from: number; to?: number };
    /** Only once this many seconds have passed since the rules were loaded. */
    afterSeconds?: number;
    /** Only until this many seconds have passed since the rules were loaded. */
    untilSeconds?: number;
    /** Fires with this probability, drawn from the scenario's seed. */
    probability?: number;
    /** Only requests that passed the gateway and auth (the rule answers as WellSky would). */
    authenticated?: boolean;
  };
  then: {
    status?: number;
    body?: unknown;
    headers?: Record<string, string>;
    delay?: Delay;
    /** Defaults to `respond` when a status or body is given, else `pass` (delay, then answer normally). */
    behaviour?: Behaviour;
  };
}

export interface FaultDecision {
  rule: string;
  delayMs: number;
  behaviour: Behaviour;
  /** The response to send for `respond`, `empty-body`, `malformed-json`, `html-error`. */
  response?: SimResponse;
  /** For `pass` and `truncated-json`: a status and headers laid over the normal answer. */
  status?: number;
  headers?: Record<string, string>;
}

interface ArmedRule {
  rule: FaultRule;
  pathPattern?: RE2JS;
  calls: number;
  random: Random;
}

export interface FaultEngine {
  /**
   * The first rule that fires for this request at this stage: `gateway` rules see
   * every request once it is routed (so a rule can name an operationId) but before
   * the gateway's own 403s and auth; `authenticated` rules see only requests that
   * reached a real route with a valid token and passed validation.
   */
  decide(request: { method: string; path: string; operationId?: string }, stage: 'gateway' | 'authenticated'): FaultDecision | undefined;
  rules(): (FaultRule & { matchedCalls: number })[];
  add(rule: FaultRule): void;
  remove(name: string): boolean;
  clear(): void;
}

// The reason phrases of the statuses a load balancer's own error page shows.
// Kept here, not taken from node:http: the core knows nothing of a transport.
const REASONS = new Map<number, string>([
  [400, 'Bad Request'], [403, 'Forbidden'], [404, 'Not Found'], [408, 'Request Timeout'], [429, 'Too Many Requests'],
  [500, 'Internal Server Error'], [502, 'Bad Gateway'], [503, 'Service Unavailable'], [504, 'Gateway Timeout'],
]);

const HTML_PAGE = (status: number) => {
  const title = `${status} ${REASONS.get(status) ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>awselb/2.0</center></body></html>\n`;
};

export { MAX_DELAY_MS, MAX_FAULT_RULES };

/** A drawn delay as a timer can wait it: whole milliseconds from 0 to MAX_DELAY_MS (past 2^31-1 ms, Node would wait 1 ms). */
export function capDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(Math.round(ms), MAX_DELAY_MS);
}

export function createFaultEngine(options: { seed: number; now: () => number; rules?: FaultRule[] }): FaultEngine {
  let armed: ArmedRule[] = [];
  let loadedAt = options.now();
  let added = 0;
  const initial = options.rules ?? [];
  // Rules handed over in code (tests, MSW) get the checks a scenario file or POST /__admin/faults gets.
  if (initial.length > MAX_FAULT_RULES) {
    throw new InvalidInputError(`faults: ${initial.length} fault rules; the simulator holds at most ${MAX_FAULT_RULES}: merge rules (one path pattern can cover many routes)`);
  }
  initial.forEach((rule, i) => validateFaultRuleValue(rule, `faults[${i}]`));
  const arm = (rule: FaultRule): ArmedRule => ({
    rule,
    // RE2: time linear in the path whatever the pattern; the same unanchored search as RegExp#test.
    pathPattern: rule.when?.path ? compilePathPattern(rule.when.path) : undefined,
    calls: 0,
    // Each rule draws from its own stream, so adding a rule does not change another's luck.
    random: seededRandom(options.seed * 7919 + ++added),
  });
  armed = initial.map(arm);

  function fires(a: ArmedRule, request: { method: string; path: string; operationId?: string }): boolean {
    const w = a.rule.when ?? {};
    if (w.method && w.method.toUpperCase() !== request.method.toUpperCase()) return false;
    if (w.operationId && w.operationId !== request.operationId) return false;
    if (a.pathPattern && !a.pathPattern.test(request.path)) return false;
    const elapsed = (options.now() - loadedAt) / 1000;
    if (w.afterSeconds !== undefined && elapsed < w.afterSeconds) return false;
    if (w.untilSeconds !== undefined && elapsed >= w.untilSeconds) return false;
    const call = ++a.calls;
    if (w.nth !== undefined && call !== w.nth) return false;
    if (w.calls && (call < w.calls.from || (w.calls.to !== undefined && call > w.calls.to))) return false;
    if (w.probability !== undefined && a.random() >= w.probability) return false;
    return true;
  }

  function delayOf(a: ArmedRule): number {
    const d = a.rule.then.delay;
    if (d === undefined) return 0;
    if (typeof d === 'number') return capDelay(d);
    if ('uniform' in d) return capDelay(d.uniform.minMs + a.random() * (d.uniform.maxMs - d.uniform.minMs));
    // Lognormal around a median: most calls near it, a long tail of slow ones, as measured live.
    // The tail is cut at MAX_DELAY_MS: a median of 10 minutes with sigma 3 would draw days.
    const z = Math.sqrt(-2 * Math.log(1 - a.random())) * Math.cos(2 * Math.PI * a.random());
    return capDelay(d.lognormal.medianMs * Math.exp(d.lognormal.sigma * z));
  }

  return {
    decide(request, stage) {
      for (const a of armed) {
        if ((a.rule.when?.authenticated === true) !== (stage === 'authenticated')) continue;
        if (!fires(a, request)) continue;
        const then = a.rule.then;
        const behaviour: Behaviour = then.behaviour ?? (then.status !== undefined || then.body !== undefined ? 'respond' : 'pass');
        const status = then.status ?? (behaviour === 'html-error' ? 502 : 200);
        // Lower-case names, so a rule's Content-Type replaces the default one instead of doubling it.
        const headers = lowerCaseNames(then.headers);
        let response: SimResponse | undefined;
        if (behaviour === 'respond' && then.body === undefined && (status === 204 || status === 304)) {
          // No content: a body would break the framing (validation refuses a 204 or 304 with one).
          response = { status, headers, body: '', transport: { kind: 'respond' } };
        } else if (behaviour === 'respond') {
          response = typeof then.body === 'string' ? textResponse(status, then.body, headers['content-type'] ?? 'text/plain', headers) : jsonResponse(status, then.body ?? {}, headers);
        } else if (behaviour === 'empty-body') {
          response = textResponse(status, '', 'application/json', headers);
        } else if (behaviour === 'malformed-json') {
          response = textResponse(status, '{"resourceType": "Bundle", "entry": [{"resourceType": "Practitioner", "id": }', 'application/json', headers);
        } else if (behaviour === 'html-error') {
          response = textResponse(status, HTML_PAGE(status), 'text/html', headers);
        }
        return { rule: `fault:${a.rule.name}`, delayMs: delayOf(a), behaviour, response, status: then.status, headers: then.headers ? headers : undefined };
      }
      return undefined;
    },
    rules: () => armed.map((a) => ({ ...a.rule, matchedCalls: a.calls })),
    add(rule) {
      validateFaultRuleValue(rule, 'fault rule');
      const others = armed.filter((a) => a.rule.name !== rule.name);
      if (others.length >= MAX_FAULT_RULES) {
        throw new InvalidInputError(`faults: already ${others.length} fault rules, the most the simulator holds; remove one (DELETE /__admin/faults/<name>) or all (DELETE /__admin/faults) before adding "${rule.name}"`);
      }
      armed = others.concat(arm(rule));
    },
    remove(name) {
      const before = armed.length;
      armed = armed.filter((a) => a.rule.name !== name);
      return armed.length < before;
    },
    clear() {
      armed = [];
      loadedAt = options.now();
    },
  };
}

function lowerCaseNames(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}
