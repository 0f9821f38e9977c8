// `gigi-harness record`: the doctor probe against the chosen WellSky, read-only,
// recorded at the client's fetch boundary and written as a scenario the
// simulated WellSky loads: a live oddity becomes an offline test. The recorded
// answers, redacted with the pack's rules, are the scenario's data: each
// exchange becomes a fault rule that answers that method and path with the
// recorded status, headers and body, in the recorded order; successful token
// answers become the scenario's `token:` settings, so the simulator issues
// real tokens of the same shape and the replaying client still authenticates.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { environmentWith } from '../config.ts';
import type { DoctorReport } from '../doctor/doctor.ts';
import { PackOptionError, recordProbe, type ProbeRunOptions } from './recorded-probe.ts';
import type { RecordedExchange } from './recorder.ts';

export interface RecordOptions extends Omit<ProbeRunOptions, 'keepHealthData' | 'clientSide'> {
  /** scenarios/recorded-NAME.yaml: a new file; its name is the scenario's. */
  out: string;
}

export interface Recording {
  file: string;
  name: string;
  report: DoctorReport;
  /** What was recorded, redacted, in order. */
  exchanges: RecordedExchange[];
  scenario: Record<string, unknown>;
}

// The scenario format's published schema, which editors use to check the file.
const SCHEMA = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
// Headers a rule may set that tell the client something; the server frames the body itself.
const REPLAYED_HEADERS = new Set(['content-type', 'retry-after', 'x-amzn-errortype', 'www-authenticate', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);

export function checkRecordOut(out: string): string {
  const name = basename(out).replace(/\.ya?ml$/, '');
  if (!/\.ya?ml$/.test(out) || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new PackOptionError(`--out: ${out} must be a .yaml file named in lower-case words joined by dashes, e.g. scenarios/recorded-january.yaml (the file name is the scenario's name)`);
  }
  if (existsSync(resolve(out))) throw new PackOptionError(`--out: ${out} already exists; choose a new name (a recording never writes over a file)`);
  return name;
}

export async function recordScenario(options: RecordOptions): Promise<Recording> {
  const name = checkRecordOut(options.out);
  // Read-only whatever the environment says: a recording never changes WellSky.
  const env = options.env ? { ...options.env, WELLSKY_ALLOW_WRITES: 'false' } : environmentWith({ WELLSKY_ALLOW_WRITES: 'false' });
  const { report, exchanges, redactor } = await recordProbe({ ...options, env });
  const madeAt = new Date(options.clock.now()).toISOString();
  const scenario = scenarioFrom(name, exchanges, { madeAt, target: redactor.text(report.target ?? 'no target') });
  const file = resolve(options.out);
  const text = [
    `# yaml-language-server: $schema=${relative(dirname(file), SCHEMA) || 'schema.json'}`,
    `# Recorded by gigi-harness record, ${madeAt}: redacted (ids kept; names, phones, notes, credentials and tokens replaced).`,
    stringify(scenario, { lineWidth: 0 }),
  ].join('\n');
  if (redactor.holdsSecret(text)) throw new Error('record: the recording still held a credential or token; nothing was written');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return { file, name, report, exchanges, scenario };
}

type Phase = 'gateway' | 'authenticated' | 'natural';

export function scenarioFrom(name: string, exchanges: RecordedExchange[], context: { madeAt: string; target: string }): Record<string, unknown> {
  const token: Record<string, unknown> = {};
  const rules: Record<string, unknown>[] = [];
  // Per method and path, what answered each earlier call. Rules are tried in file order and the
  // first that fires answers; a rule's count moves only when it is tried. A rule answering as
  // WellSky (after auth) is tried only on calls that get that far and no earlier rule took, so it
  // is the 1st of its own; one answering as the gateway is also tried, without firing, on every
  // earlier call answered after the gateway.
  const history = new Map<string, Phase[]>();
  exchanges.forEach((x, i) => {
    const url = new URL(x.url);
    const key = `${x.method} ${url.pathname}`;
    const earlier = history.get(key) ?? [];
    history.set(key, earlier);
    if (!METHODS.has(x.method)) {
      earlier.push('natural');
      return;
    }
    if (x.tokenCall && x.status === 200) {
      Object.assign(token, tokenSettings(x.responseBody));
      earlier.push('natural');
      return;
    }
    const phase: Phase = !x.tokenCall && x.status !== undefined && x.status >= 200 && x.status < 300 ? 'authenticated' : 'gateway';
    const nth = phase === 'authenticated' ? 1 : 1 + earlier.filter((p) => p !== 'gateway').length;
    earlier.push(phase);
    rules.push({
      name: `recorded-${i + 1}`,
      description: `${x.method} ${url.pathname} answered ${x.status ?? `nothing (${x.error ?? 'no answer'})`}${x.requestId ? `, request id ${x.requestId}` : ''}`,
      when: { method: x.method, path: `^${url.pathname.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&')}$`, nth, ...(phase === 'authenticated' ? { authenticated: true } : {}) },
      then: answerOf(x),
    });
  });
  return {
    name,
    description: `Recorded ${context.madeAt} from ${context.target}: ${exchanges.length} exchanges, replayed in order with their statuses, headers and bodies (redacted). Other calls get the simulated agency.`,
    ...(Object.keys(token).length ? { token } : {}),
    ...(rules.length ? { faults: rules } : {}),
  };
}

function answerOf(x: RecordedExchange): Record<string, unknown> {
  if (x.status === undefined) return { behaviour: /timeout|abort|no answer within/i.test(x.error ?? '') ? 'hang' : 'reset' };
  const headers = Object.fromEntries(
    Object.entries(x.responseHeaders ?? {}).filter(([k, v]) => REPLAYED_HEADERS.has(k.toLowerCase()) && /^[\t\u0020-\u007e]*$/.test(v) && v.length <= 4096),
  );
  const status = Math.min(599, Math.max(200, x.status));
  if (status === 204 || status === 304) return { status, ...(Object.keys(headers).length ? { headers } : {}) };
  let body: unknown = x.responseBody ?? '';
  try {
    body = JSON.parse(x.responseBody ?? '');
  } catch {
    // Not JSON (an HTML page, a cut-off body): sent again as it is.
  }
  return { status, ...(Object.keys(headers).length ? { headers } : {}), body };
}

function tokenSettings(body: string | undefined): Record<string, unknown> {
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(body ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
  const access = typeof answer.access_token === 'string';
  const auth = typeof answer.auth_token === 'string';
  const lifetime = Number(answer.expires_in);
  return {
    shape: access && auth ? 'both' : access ? 'live' : auth ? 'docs' : 'none',
    ...(Number.isInteger(lifetime) && lifetime >= 1 && lifetime <= 2_592_000 ? { lifetimeSeconds: lifetime } : {}),
  };
}
