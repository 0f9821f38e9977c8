// Sends the live client's request shapes (live-requests.yaml) to a simulated
// WellSky and checks each answer against what live answered. The transport is
// a parameter, so the same replay runs through express, MSW and Prism's proxy.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { QUIRK_NAMES } from '../../mock-server/core/quirks.ts';

export interface Step {
  id: string;
  what: string;
  send: string;
  media?: string;
  body?: unknown;
  form?: Record<string, string>;
  auth?: 'none';
  quirks?: Record<string, boolean>;
  expect: { status: number; body?: unknown; type?: string; bundle?: BundleExpectation };
  docs?: string[];
  save?: Record<string, string>;
  evidence: string;
}

interface BundleExpectation {
  entries?: 'some' | 'none' | number;
  count?: 'total' | 'totalRecords' | 'none';
  first?: unknown;
  every?: unknown;
  some?: unknown;
}

export interface ReplayFile {
  options: { seed: number; size: string; today: string };
  setup: Step[];
  steps: Step[];
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** One HTTP exchange: the door the replay goes through. */
export type Send = (method: string, path: string, headers: Record<string, string>, body?: string) => Promise<Answer>;

export const REPLAY: ReplayFile = parse(readFileSync(new URL('./live-requests.yaml', import.meta.url), 'utf8'));

/** Steps whose shape live accepted (or nothing says it refused): the simulator must accept them. */
export const accepted = (step: Step) => !step.evidence.startsWith('failed');

// ---- values saved along the way -------------------------------------------------

export type Saved = Record<string, string>;

function fill(value: unknown, saved: Saved): unknown {
  if (typeof value === 'string') {
    const whole = value.match(/^\$\{(\w+):int\}$/);
    if (whole) return Number(lookup(saved, whole[1]!));
    return value.replace(/\$\{(\w+)\}/g, (_, name: string) => lookup(saved, name));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, saved));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, saved)]));
  return value;
}

function lookup(saved: Saved, name: string): string {
  if (saved[name] === undefined) throw new Error(`\${${name}} is used before a step saved it`);
  return saved[name]!;
}

const entriesOf = (body: any): any[] => (Array.isArray(body?.entry) ? body.entry.map((e: any) => (e && typeof e === 'object' && 'resource' in e ? e.resource : e)) : []);

/** `id`, `first.id`, `meta.tag[code=agencyId].display`, `entry[0].id`. */
export function valueAt(body: unknown, path: string): unknown {
  let current: any = body;
  for (const part of path.split('.')) {
    const m = part.match(/^([^[]+)(?:\[(?:(\d+)|(\w+)=([^\]]+))\])?$/);
    if (!m) return undefined;
    const [, key, index, field, wanted] = m;
    current = key === 'first' && current?.resourceType === 'Bundle' ? entriesOf(current)[0] : current?.[key!];
    if (index !== undefined) current = current?.[Number(index)];
    if (field !== undefined) current = Array.isArray(current) ? current.find((x) => x?.[field] === wanted) : undefined;
  }
  return current;
}

// ---- matching an answer against what live answered -----------------------------

/** Where `actual` departs from the partial expectation, as readable lines. */
export function mismatches(actual: unknown, expected: unknown, where = 'body'): string[] {
  if (expected === '<any>') return actual === undefined ? [`${where}: missing`] : [];
  if (typeof expected === 'string' && expected.length > 2 && expected.startsWith('/') && expected.lastIndexOf('/') > 0) {
    const last = expected.lastIndexOf('/');
    const re = new RegExp(expected.slice(1, last), expected.slice(last + 1));
    return typeof actual === 'string' && re.test(actual) ? [] : [`${where}: ${JSON.stringify(actual)} does not match ${expected}`];
  }
  if (expected === null || typeof expected !== 'object') {
    return actual === expected ? [] : [`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected) !== Array.isArray(actual) || actual === null || typeof actual !== 'object') {
    return [`${where}: expected ${Array.isArray(expected) ? 'a list' : 'an object'}, got ${JSON.stringify(actual)?.slice(0, 120)}`];
  }
  return Object.entries(expected).flatMap(([key, value]) => mismatches((actual as Record<string, unknown>)[key], value, Array.isArray(expected) ? `${where}[${key}]` : `${where}.${key}`));
}

function checkBundle(body: any, b: BundleExpectation): string[] {
  if (body?.resourceType !== 'Bundle') return [`not a Bundle: ${JSON.stringify(body)?.slice(0, 160)}`];
  const entries = entriesOf(body);
  const problems: string[] = [];
  if (b.entries === 'some' && entries.length === 0) problems.push('bundle: no entries');
  if (b.entries === 'none' && entries.length > 0) problems.push(`bundle: ${entries.length} entries, expected none`);
  if (typeof b.entries === 'number' && entries.length !== b.entries) problems.push(`bundle: ${entries.length} entries, expected ${b.entries}`);
  if (b.count === 'total' && typeof body.total !== 'number') problems.push(`bundle: no "total" count (keys: ${Object.keys(body).join(', ')})`);
  if (b.count === 'totalRecords' && typeof body.totalRecords !== 'number') problems.push(`bundle: no "totalRecords" count (keys: ${Object.keys(body).join(', ')})`);
  if (b.first !== undefined) problems.push(...mismatches(entries[0], b.first, 'entry[0]'));
  if (b.every !== undefined) entries.forEach((e, i) => problems.push(...mismatches(e, b.every, `entry[${i}]`)));
  if (b.some !== undefined && !entries.some((e) => mismatches(e, b.some).length === 0)) {
    problems.push(`bundle: no entry matches ${JSON.stringify(b.some)} among ${entries.length}`);
  }
  return problems;
}

/** What is wrong with this answer, given what live answered; empty when it agrees. */
export function judge(step: Step, answer: Answer, saved: Saved): string[] {
  const want = fill(step.expect, saved) as Step['expect'];
  if (answer.status !== want.status) return [`status ${answer.status}, live answered ${want.status}: ${answer.text.slice(0, 300)}`];
  if (want.type && !(answer.headers['content-type'] ?? '').startsWith(want.type)) return [`content-type ${answer.headers['content-type']}, expected ${want.type}`];
  if (!want.body && !want.bundle) return [];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [`not JSON: ${answer.text.slice(0, 200)}`];
  }
  return [...(want.body ? mismatches(body, want.body) : []), ...(want.bundle ? checkBundle(body, want.bundle) : [])];
}

// ---- sending ---------------------------------------------------------------------

export function requestOf(step: Step, saved: Saved, token: string | undefined): { method: string; path: string; headers: Record<string, string>; body?: string } {
  const [method, rawPath] = step.send.split(' ') as [string, string];
  const path = fill(rawPath, saved) as string;
  const headers: Record<string, string> = {};
  if (step.auth !== 'none' && token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (step.form) {
    body = new URLSearchParams(fill(step.form, saved) as Record<string, string>).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (step.body !== undefined) {
    body = JSON.stringify(fill(step.body, saved));
    headers['content-type'] = step.media ?? 'application/json';
  } else if (step.media) {
    headers['content-type'] = step.media;
  }
  return { method, path, headers, body };
}

export async function sendStep(send: Send, step: Step, saved: Saved, token: string | undefined): Promise<Answer> {
  const r = requestOf(step, saved, token);
  return send(r.method, r.path, r.headers, r.body);
}

/** Keeps what a step says to save from an accepted answer. */
export function keep(step: Step, answer: Answer, saved: Saved): void {
  if (!step.save || answer.status >= 300) return;
  const body = JSON.parse(answer.text);
  for (const [name, path] of Object.entries(step.save)) {
    const value = valueAt(body, path);
    if (value === undefined) throw new Error(`step ${step.id}: nothing at "${path}" to save as ${name} in ${answer.text.slice(0, 200)}`);
    saved[name] = String(value);
  }
}

export async function fetchToken(send: Send): Promise<string> {
  const answer = await send('POST', '/oauth/accesstoken', { 'content-type': 'application/json' }, JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' }));
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${answer.text}`);
  const body = JSON.parse(answer.text);
  return body.access_token ?? body.auth_token;
}

/** Runs the setup steps (documented shapes only), which must all succeed. */
export async function runSetup(send: Send, token: string): Promise<Saved> {
  const saved: Saved = {};
  for (const step of REPLAY.setup) {
    const answer = await sendStep(send, step, saved, token);
    if (answer.status >= 300) throw new Error(`setup ${step.send}: ${answer.status} ${answer.text}`);
    keep(step, answer, saved);
  }
  return saved;
}

export const ALL_QUIRKS_OFF = Object.fromEntries(QUIRK_NAMES.map((q) => [q, false]));
