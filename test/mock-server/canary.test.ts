// The canary (issue 8, "keep it that way"): unique marker strings planted as
// secrets, tokens, names, phones, cities, emails and notes, in bodies (every field
// of every write operation's schema, plus unknown fields), in queries (encoded
// every way) and in headers (Authorization in every shape, cookies, custom
// headers, a subscription's header lines), over every operation of the spec and
// every scenario of the catalogue. Then every journal entry (paged through
// /__admin/journal), /__admin/deliveries, the inspector's page and every JSON it
// reads, and what the process printed are searched: no marker may be there.
//
// What the API itself answers (a created patient read back with its name) is the
// API's job, not a leak; only what the simulator keeps and shows is searched.
// Everything goes through HTTP: startMockServer in this process (fault delays
// through an injected sleep, so no test waits real seconds), `npm run mock` as a
// child process (what a user runs and sees), and the MSW door.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mock-server/http.ts';
import { createMswMock, DEFAULT_BASE_URL } from '../../mock-server/msw.ts';
import { compileSpec } from '../../mock-server/core/compiled-spec.ts';
import { listOperations, resolveRef, type OperationEntry } from '../../mock-server/core/spec-document.ts';

// ---------------------------------------------------------------- markers

/** Random per run, so a marker can only be in the output because this run planted it. */
const RUN = randomBytes(4).toString('hex');
const where = new Map<string, string>();
let planted = 0;
/** `CANARY<n>x<run>`: where it was planted is remembered for the failure message. */
function marker(what: string): string {
  const m = `CANARY${++planted}x${RUN}`;
  where.set(m.toLowerCase(), what);
  return m;
}
const two = String(randomInt(0, 100)).padStart(2, '0');
/** Synthetic, in the fictional 555-01xx range, in the shapes people write them. */
const PHONE_DIGITS = `72055501${two}`;
const PHONES = [PHONE_DIGITS, `720-555-01${two}`, `(720) 555-01${two}`, `+1 720 555 01${two}`];
const SSN = `900-55-01${two}`;
/** Literal needles besides the CANARY markers (phones and an SSN carry no letters). */
const NEEDLES = [...PHONES, SSN];

/** `%43%41…`: every character percent-encoded, in upper- or lower-case hex. */
const percentAll = (text: string, hex: 'upper' | 'lower' = 'upper') =>
  [...Buffer.from(text, 'utf8')].map((b) => `%${hex === 'upper' ? b.toString(16).toUpperCase() : b.toString(16)}`.padEnd(3, '0')).join('');

/** Text decoded as far as it goes (a leak may be percent-encoded once or twice). */
function decodings(text: string): string[] {
  const out = [text];
  let current = text;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

/** Every marker (or part of one: the run's random part) found in `text`. */
function leaksIn(source: string, text: string): string[] {
  const found = new Set<string>();
  for (const decoded of decodings(text)) {
    const lower = decoded.toLowerCase();
    for (let i = lower.indexOf(RUN); i !== -1; i = lower.indexOf(RUN, i + 1)) {
      const start = lower.lastIndexOf('canary', i);
      const m = start !== -1 && i - start < 20 ? lower.slice(start, i + RUN.length) : RUN;
      found.add(`${source}: ${m} (planted as ${where.get(m) ?? 'part of a marker'}) in …${decoded.slice(Math.max(0, i - 80), i + 40)}…`);
    }
    for (const needle of NEEDLES) if (decoded.includes(needle)) found.add(`${source}: ${needle} in …${decoded.slice(Math.max(0, decoded.indexOf(needle) - 80), decoded.indexOf(needle) + 40)}…`);
  }
  return [...found];
}

/** Fails naming one leak of each kind (one leak shows in many entries and every scenario) and how many in all. */
function expectNoLeaks(leaks: string[]): void {
  const kinds = new Map<string, string>();
  for (const leak of leaks) {
    const kind = leak.replace(/^\[[^\]]*\] /, '').replace(/canary\d+x[0-9a-f]{8}/gi, 'CANARY').replace(/ in ….*…$/s, '').replace(/\/__admin\/journal\?limit=500/, 'journal');
    if (!kinds.has(kind)) kinds.set(kind, leak);
  }
  expect(leaks.length === 0 ? [] : [`${leaks.length} leaks of ${kinds.size} kinds; one of each:`, ...[...kinds.values()].slice(0, 80)]).toEqual([]);
}

// ---------------------------------------------------------------- requests from the spec

const { doc } = compileSpec();
const OPERATIONS = listOperations(doc);

type Mode = 'marker' | 'valid';
interface Ids {
  patient: string;
  practitioner: string;
  receiver: string;
}

const idLike = (key: string) => /^(id|_id|.*Id|.*_id)$/.test(key);

/** A free-text value for a field, shaped like what the field holds, with a marker in it. */
function freeText(key: string, mode: Mode): string {
  const k = key.toLowerCase();
  if (k.includes('email')) return `${marker(`${key} (email)`).toLowerCase()}@example.com`;
  if (/phone|value|fax/.test(k)) return `${PHONES[planted % PHONES.length]} ${marker(`${key} (phone)`)}`;
  if (/name|given|family|text|note|description|comment|reason|title/.test(k)) return `${marker(`${key} (name or note)`)} Okonkwo-Lindqvist, free text`;
  if (/line|city|district|state|postal|address/.test(k)) return `${marker(`${key} (address)`)} Street`;
  return mode === 'valid' ? marker(key) : marker(key);
}

/** A value the spec's pattern accepts (in `valid` mode), carrying a marker where the pattern lets it. */
function patterned(pattern: string, key: string, ids: Ids): string | undefined {
  const known: Record<string, () => string> = {
    '^Patient/[0-9]+$': () => `Patient/${ids.patient}`,
    '^Practitioner/[0-9]+$': () => `Practitioner/${ids.practitioner}`,
    '^Encounter/[0-9]+$': () => 'Encounter/1',
    '^(Patient|Practitioner)/[0-9]+$': () => `Patient/${ids.patient}`,
    '^[A-Za-z0-9+/]*={0,2}$': () => Buffer.from(`${marker(`${key} (document data)`)} visit note`).toString('base64'),
    '^https?://': () => `${ids.receiver}/hooks/${marker(`${key} (endpoint path)`)}?key=${marker(`${key} (endpoint query)`)}&${marker(`${key} (endpoint query name)`)}=1`,
    '^[A-Za-z0-9-]+: ?.*$': () => `X-Hook-Key: ${marker(`${key} (subscription header line)`)}`,
    '^[a-z]+(\\.[a-z]+)+$': () => 'patient.created',
    '^[1-7]$': () => '1',
    '^[0-9]+(,[0-9]+)*$': () => '1',
    '^[0-9]{3}-[0-9]{2}-[0-9]{4}$': () => SSN,
    '^[0-9]+$': () => ids.patient,
    '^[2-9][0-9]{9}(x[0-9]{1,6})?$': () => PHONE_DIGITS,
    '^[A-Za-z]{2}$': () => 'CO',
    '^-?[A-Za-z_.]+(,-?[A-Za-z_.]+)*$': () => 'id',
  };
  if (known[pattern]) return known[pattern]!();
  if (/\[0-9\]\{4\}-\[0-9\]\{2\}-\[0-9\]\{2\}T/.test(pattern)) return '2026-11-26T10:00:00Z';
  if (/\[0-9\]\{4\}-\[0-9\]\{2\}-\[0-9\]\{2\}/.test(pattern)) return '2026-11-26';
  if (pattern.startsWith('^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]')) return '20261126';
  if (pattern.startsWith('^[0-9]{4}(0[1-9]|[1-4]')) return '202648';
  if (pattern.startsWith('^[0-9]{4}(0[1-9]|1[0-2])$')) return '202611';
  return undefined;
}

function stringFor(key: string, schema: Record<string, any>, mode: Mode, ids: Ids): string {
  // OAuth's client_id is an identifier the journal keeps (like a user name on a login form); the secret is not.
  if (key === 'client_id') return 'gigi-mock-client';
  if (mode === 'marker') {
    if (schema.pattern === '^https?://') return patterned(schema.pattern, key, ids)!;
    return freeText(key, mode);
  }
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (typeof schema.pattern === 'string') return patterned(schema.pattern, key, ids) ?? marker(`${key} (pattern)`);
  if (schema.format === 'date') return '2026-11-26';
  if (schema.format === 'date-time') return '2026-11-26T10:00:00-07:00';
  if (schema.format === 'email') return `${marker(`${key} (email)`).toLowerCase()}@example.com`;
  if (schema.format === 'uri') return `${ids.receiver}/?q=${marker(`${key} (uri)`)}`;
  if (idLike(key)) return ids.patient;
  return freeText(key, mode);
}

/** A body for the schema: every property present (optional ones too), strings carrying markers. */
function fill(schemaOrRef: unknown, mode: Mode, ids: Ids, key = '', depth = 0): unknown {
  const schema = resolveRef<Record<string, any>>(doc, schemaOrRef as Record<string, any>) ?? {};
  if (depth > 8) return null;
  const parts = [...(schema.allOf ?? []), ...(mode === 'marker' ? [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])] : (schema.anyOf ?? schema.oneOf ?? []).slice(0, 1))];
  if (parts.length) {
    const filled = parts.map((part: unknown) => fill(part, mode, ids, key, depth));
    const objects = filled.filter((v: unknown) => v && typeof v === 'object' && !Array.isArray(v));
    const own = schema.properties ? fill({ ...schema, allOf: undefined, anyOf: undefined, oneOf: undefined }, mode, ids, key, depth) : undefined;
    if (objects.length) return Object.assign({}, ...objects, own ?? {});
    return filled.at(-1);
  }
  if (schema.type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = fill(prop, mode, ids, name, depth + 1);
    // Fields the spec does not name, valued and named with markers.
    if (mode === 'marker') {
      out.comment = marker(`unknown field "comment" under ${key || 'the body'}`);
      out[marker(`unknown field name under ${key || 'the body'}`)] = 'x';
    }
    return out;
  }
  if (schema.type === 'array') return [fill(schema.items ?? {}, mode, ids, key, depth + 1)];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  return stringFor(key, schema, mode, ids);
}

function jsonSchemaOf(entry: OperationEntry): unknown | undefined {
  if (!entry.operation.requestBody) return undefined;
  const body = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(doc, entry.operation.requestBody as never);
  return body.content?.['application/json']?.schema;
}

/** Fields no schema names, at the top of every marker body: secrets, people, notes. */
function extraFields(): Record<string, unknown> {
  return {
    password: marker('password field'),
    client_secret: marker('client_secret field'),
    api_key: marker('api_key field'),
    ssn: SSN,
    notes: `${marker('notes field')} has a new cough, see PCP`,
    email: `${marker('email field').toLowerCase()}@example.com`,
    phone: PHONES[1],
    city: `${marker('city field')} Springs`,
    status: `${marker('status field with free text')} please call`,
    // Allow-listed names carrying markers: ids and codes are kept only when shaped like ids and codes.
    id: marker('id field'),
    type: marker('type field'),
    criteria: marker('criteria field'),
    resourceType: marker('resourceType field'),
    _count: marker('_count field'),
    _sort: marker('_sort field'),
    'field name with spaces': marker('value under a spaced name'),
    [`${marker('unknown field name at the top')}`]: { [marker('unknown nested field name')]: [marker('unknown nested value')] },
  };
}

/** The operation's query parameters (or a stand-in) with markers, plain. */
function plainQuery(entry: OperationEntry): string {
  const names = entry.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const parts = names.map((name) => `${name}=${marker(`query ${name} (plain)`)}`);
  const first = names[0] ?? 'first_name';
  parts.push(`${first}=${marker(`query ${first} (repeated)`)}`, `${first}=${marker(`query ${first} (repeated again)`)}`);
  parts.push(`note=${marker('query note')}`, `note=${marker('query note (repeated)')}`);
  parts.push(`${marker('query parameter name')}=1`, marker('query parameter name without value'));
  parts.push(`password=${marker('query password')}`, `access_token=${marker('query access_token')}`);
  parts.push(`email=${marker('query email').toLowerCase()}%40example.com`, `phone=${encodeURIComponent(PHONES[2]!)}`, `ssn=${SSN}`);
  // Allow-listed names: their values are kept only when shaped like an id, a code the spec lists, a count.
  // (client_id is not among them: OAuth's client id is kept, as a login form's user name would be.)
  for (const allowed of ['id', 'status', 'type', 'criteria', '_count', '_sort', 'agency_id', 'clientId', 'created', 'startDate', 'resourceType', 'grant_type', 'payload', 'reference']) {
    parts.push(`${allowed}=${marker(`query ${allowed} (allow-listed name)`)}`);
  }
  parts.push(`status=${marker('query status with spaces')}+free+text`);
  return parts.join('&');
}

/** The same markers encoded every way a client (or an attacker) might. */
function encodedQuery(entry: OperationEntry): string {
  const names = entry.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const name = (i: number) => names.length ? names[i % names.length]! : ['first_name', 'city', 'last_name'][i % 3]!;
  return [
    `${name(0)}=${percentAll(marker('query value, percent-encoded, upper hex'))}`,
    `${name(1)}=${percentAll(marker('query value, percent-encoded, lower hex'), 'lower')}`,
    `${name(2)}=${marker('query value with + for spaces')}+Okonkwo+Lindqvist`,
    `${name(3)}=${marker('query value with %20 for spaces')}%20Okonkwo`,
    `${name(4)}=${encodeURIComponent(percentAll(marker('query value, double-encoded')))}`,
    `${percentAll(name(5))}=${marker('query value under a percent-encoded name')}`,
    `first_na%6De=${marker('query value under first_na%6De')}`,
    `x=%ZZ`,
    `y=%E0%A4`,
    `${marker('query value with a bad escape')}%ZZ=1`,
    `z=${marker('query value before a bad escape')}%ZZ`,
    `%ZZ${marker('query name after a bad escape')}=v`,
    `${percentAll(marker('query name, percent-encoded'))}=1`,
    `${encodeURIComponent(percentAll(marker('query name, double-encoded')))}=1`,
    `city=${marker('query city (repeated, encoded)')}&city=${percentAll(marker('query city (repeated, encoded 2)'), 'lower')}`,
    `home_phone=${encodeURIComponent(PHONES[3]!)}`,
  ].join('&');
}

/** Authorization in every shape: a scheme and a token, a bare token, unknown schemes. */
function authorizations(token: string): (string | undefined)[] {
  return [
    `Bearer ${token}`,
    marker('Authorization: a bare token'),
    `${marker('Authorization: an unknown scheme word')} ${marker('Authorization: the credentials after an unknown scheme')}`,
    `Basic ${marker('Authorization: Basic credentials')}`,
    `Bearer ${marker('Authorization: an unknown Bearer token')}`,
    `BearerToken ${marker('Authorization: a BearerToken token')}`,
    `Bearer ${token} ${marker('Authorization: text after a good token')}`,
    undefined,
  ];
}

function otherHeaders(): Record<string, string> {
  return {
    cookie: `session=${marker('cookie session')}; theme=${marker('cookie theme')}`,
    'x-api-key': marker('x-api-key header'),
    'x-patient-note': `${marker('custom header with free text')} called about her meds`,
    'user-agent': `canary-client/1 (${marker('user-agent')})`,
    referer: `http://example.org/?q=${marker('referer')}`,
    'proxy-authorization': `Basic ${marker('proxy-authorization')}`,
    'x-mock-control-token': marker('a control token sent to the API'),
  };
}

interface Req {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
}

function concretePath(entry: OperationEntry, ids: Ids): string {
  return entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => (entry.path.startsWith('/v1/practitioners') ? ids.practitioner : name === 'taskLogId' || name === 'taskId' ? '1' : ids.patient));
}

/**
 * Every placement over every operation of the spec (`full`), or, to keep a run
 * over the whole catalogue quick, two requests per operation carrying every
 * kind of placement between them (marker bodies, plain and encoded queries,
 * a rotating Authorization shape, the other headers).
 */
function requestsFor(token: string, ids: Ids, full: boolean): Req[] {
  const out: Req[] = [];
  const auths = authorizations(token);
  let rotate = 1;
  const withAuth = (auth: string | undefined, extra: Record<string, string> = {}) => ({ ...otherHeaders(), ...(auth === undefined ? {} : { authorization: auth }), ...extra });
  for (const entry of OPERATIONS) {
    const method = entry.method.toUpperCase();
    const path = concretePath(entry, ids);
    const schema = jsonSchemaOf(entry);
    const json = { 'content-type': 'application/json' };
    const body = (mode: Mode) => (schema === undefined ? undefined : JSON.stringify(mode === 'marker' ? { ...(fill(schema, 'marker', ids) as object), ...extraFields() } : fill(schema, 'valid', ids)));
    out.push({ method, path, query: encodedQuery(entry), headers: withAuth(auths[0], json), body: body('valid') });
    out.push({ method, path, query: plainQuery(entry), headers: withAuth(auths[rotate++ % auths.length], json), body: body('marker') });
    if (full) {
      out.push({ method, path, query: plainQuery(entry), headers: withAuth(auths[0], json), body: body('marker') });
      out.push({ method, path, query: '', headers: withAuth(auths[0], { 'content-type': 'application/fhir+json' }), body: body('valid') });
    }
    if (entry.operationId === 'getAccessToken') {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: marker('form client_secret'), password: marker('form password'), [marker('form field name')]: marker('form value') });
      out.push({ method, path, query: '', headers: withAuth(undefined, { 'content-type': 'application/x-www-form-urlencoded' }), body: form.toString() });
      out.push({ method, path, query: '', headers: withAuth(undefined, json), body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: marker('JSON client_secret'), username: marker('username'), password: marker('password') }) });
    }
  }
  // Tokens on routes that are not routes (the gateway's 403 hashes the whole header).
  for (const path of ['/v1/Practitioner', '/v1/no-such-route/', '/v1/v1/practitioners/', `/v1/patients/${ids.patient}/notes/`, '/oauth/token']) {
    for (const [i, auth] of auths.entries()) {
      if (full || i % 2 === 0) out.push({ method: 'GET', path, query: plainQuery(OPERATIONS[0]!), headers: withAuth(auth) });
      if (full || i % 2 === 1) out.push({ method: 'POST', path, query: encodedQuery(OPERATIONS[0]!), headers: withAuth(auth, { 'content-type': 'application/json' }), body: JSON.stringify(extraFields()) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- one run against one door

interface Target {
  /** Sends one request; a transport failure (a reset, an abort) resolves to status 0. */
  send(req: Req, signal?: AbortSignal): Promise<{ status: number; text: string }>;
}

async function json(target: Target, method: string, path: string, body?: unknown): Promise<any> {
  const res = await target.send({ method, path, query: '', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return JSON.parse(res.text);
}

/** Reads the whole journal through the control API, a page at a time. */
async function readJournal(target: Target): Promise<{ entries: any[]; texts: string[] }> {
  const texts: string[] = [];
  const entries: any[] = [];
  let since = 0;
  for (;;) {
    const res = await target.send({ method: 'GET', path: '/__admin/journal', query: `since=${since}&limit=97`, headers: {} });
    texts.push(res.text);
    const page = JSON.parse(res.text);
    entries.push(...page.entries);
    if (page.entries.length === 0) break;
    since = page.entries.at(-1).seq;
    if (since >= page.lastSeq) break;
  }
  return { entries, texts };
}

/** What the inspector shows: its page and every JSON it reads. */
async function inspectorTexts(target: Target): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of ['/__admin/', '/__admin/status', '/__admin/scenarios', '/__admin/quirks', '/__admin/faults']) out[path] = (await target.send({ method: 'GET', path, query: '', headers: {} })).text;
  out['/__admin/journal?limit=500'] = (await target.send({ method: 'GET', path: '/__admin/journal', query: 'limit=500', headers: {} })).text;
  return out;
}

async function tokenFrom(target: Target): Promise<string> {
  const res = await target.send({ method: 'POST', path: '/oauth/accesstoken', query: '', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' }) });
  try {
    const body = JSON.parse(res.text);
    return body.access_token ?? body.auth_token ?? 'no-token-in-this-scenario';
  } catch {
    return 'no-token-in-this-scenario';
  }
}

async function firstId(target: Target, token: string, path: string, fallback: string): Promise<string> {
  const res = await target.send({ method: 'GET', path, query: '_count=1', headers: { authorization: `Bearer ${token}` } });
  try {
    const bundle = JSON.parse(res.text);
    const first = bundle.entry?.[0];
    return String((first?.resource ?? first)?.id ?? fallback);
  } catch {
    return fallback;
  }
}

interface RunResult {
  sent: number;
  journalled: number;
  callbacks: number;
  deliveries: number;
  leaks: string[];
}

/**
 * One round on the target's current scenario: subscriptions whose header lines and
 * endpoints carry markers, a write that fires them, then every placement over every
 * operation; then everything the simulator shows is searched.
 */
async function round(target: Target, label: string, receiver: string, waitSeconds: number, full = true): Promise<RunResult> {
  const token = await tokenFrom(target);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const ids: Ids = { patient: await firstId(target, token, '/v1/patients/', '1'), practitioner: await firstId(target, token, '/v1/practitioners/', '1'), receiver };
  // Subscriptions: secrets in header values (with and without a scheme), the endpoint's path, query and user info.
  const host = new URL(receiver).host;
  const subscriptions = [
    { endpoint: `${receiver}/hooks/${marker('endpoint path segment')}?key=${marker('endpoint query value')}&${marker('endpoint query name')}=1&${marker('endpoint bare query')}`, header: [`Authorization: Bearer ${marker('subscription Authorization with a scheme')}`, `X-Hook-Key: ${marker('subscription custom header')}`, `X-Note: ${marker('subscription header with free text')} for the night nurse`] },
    { endpoint: `http://hookuser:${marker('endpoint user-info password')}@${host}/hook`, header: [`Authorization: ${marker('subscription Authorization without a scheme')}`] },
    { endpoint: `${receiver}/hook`, header: [`X-Bad: ${marker('a header value fetch refuses')}\u0000`, `Authorization: ${marker('unknown scheme in a subscription')} ${marker('after an unknown scheme')}`] },
    { endpoint: `http://[${marker('an endpoint that is not a URL')}/hook`, header: [] },
  ];
  const created: string[] = [];
  for (const [i, s] of subscriptions.entries()) {
    const res = await target.send({ method: 'POST', path: '/v1/subscriptions/', query: '', headers: auth, body: JSON.stringify({ resourceType: 'Subscription', status: 'active', criteria: i % 2 ? 'patient.changed' : 'patient.created', reason: `${marker('subscription reason')} for Gigi`, channel: { type: 'rest-hook', payload: 'application/fhir+json', ...s } }) });
    if (res.status === 201 || res.status === 200) created.push(JSON.parse(res.text).id);
  }
  const patient = fill(jsonSchemaOf(OPERATIONS.find((o) => o.operationId === 'createPatient')!)!, 'valid', ids) as Record<string, unknown>;
  const made = await target.send({ method: 'POST', path: '/v1/patients/', query: '', headers: auth, body: JSON.stringify(patient) });
  const madeId = made.status === 201 || made.status === 200 ? JSON.parse(made.text).id : undefined;
  if (madeId) await target.send({ method: 'PUT', path: `/v1/patients/${madeId}/`, query: '', headers: auth, body: JSON.stringify({ name: [{ family: marker('updated family name'), given: [marker('updated given name')] }] }) });
  const deliveriesText = (await target.send({ method: 'GET', path: '/__admin/deliveries', query: `wait=${waitSeconds}`, headers: {} })).text;
  // No subscription fires during the bulk, so each request sent is exactly one journal entry.
  for (const id of created) await target.send({ method: 'DELETE', path: `/v1/subscriptions/${id}/`, query: '', headers: auth });

  const start = (await json(target, 'GET', '/__admin/journal?limit=1')).lastSeq as number;
  const requests = requestsFor(token, ids, full);
  const controller = new AbortController();
  let settled = 0;
  const all = Promise.all(requests.map((r) => target.send(r, controller.signal).finally(() => settled++)));
  // A fault may hang a request (the simulator journals it, then never answers): once
  // every request is journalled, the ones still open are given up.
  for (;;) {
    if (settled === requests.length) break;
    const last = (await json(target, 'GET', '/__admin/journal?limit=1')).lastSeq as number;
    if (last - start >= requests.length) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  controller.abort();
  await all;

  const journal = await readJournal(target);
  const deliveries = JSON.parse(deliveriesText);
  const leaks = [
    ...journal.texts.flatMap((t) => leaksIn(`${label} journal`, t)),
    ...leaksIn(`${label} /__admin/deliveries`, deliveriesText),
    ...Object.entries(await inspectorTexts(target)).flatMap(([path, text]) => leaksIn(`${label} inspector ${path}`, text)),
  ];
  return {
    sent: requests.length,
    journalled: journal.entries.filter((e) => e.transport !== 'callback').length,
    callbacks: journal.entries.filter((e) => e.transport === 'callback').length,
    deliveries: deliveries.deliveries.length,
    leaks,
  };
}

function httpTarget(base: string): Target {
  return {
    async send(req, signal) {
      try {
        const res = await fetch(`${base}${req.path}${req.query ? `?${req.query}` : ''}`, { method: req.method, headers: req.headers, body: req.body, signal });
        return { status: res.status, text: await res.text() };
      } catch {
        return { status: 0, text: '' };
      }
    },
  };
}

/** A subscription's receiver: answers every callback 204. */
async function startReceiver(): Promise<{ url: string; server: Server; received: () => number }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, received: () => received };
}

// ---------------------------------------------------------------- the runs

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

describe('canary: no marker in the journal, the deliveries, the inspector or the output', () => {
  it('startMockServer (the HTTP door), every scenario of the catalogue, every operation of the spec', async () => {
    // What the process prints, whatever prints it.
    const printed: string[] = [];
    const capture = (name: string) => (...args: unknown[]) => void printed.push(`${name}: ${args.map((a) => (typeof a === 'string' ? a : a instanceof Uint8Array ? Buffer.from(a).toString() : JSON.stringify(a) ?? String(a))).join(' ')}`);
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture(`console.${m}`))),
      vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => (capture('stdout')(chunk), true)) as never),
      vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => (capture('stderr')(chunk), true)) as never),
    ];
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    let mock: RunningMockServer | undefined;
    const results: (RunResult & { scenario: string })[] = [];
    try {
      mock = await startMockServer({ port: 0, size: 'tiny', sleep: async () => {} });
      const target = httpTarget(mock.url);
      const { scenarios } = await json(target, 'GET', '/__admin/scenarios');
      expect(scenarios.length).toBeGreaterThan(10);
      for (const { name } of scenarios as { name: string }[]) {
        await json(target, 'POST', '/__admin/scenario', { name });
        results.push({ scenario: name, ...(await round(target, `[${name}]`, receiver.url, 10, name === 'happy-path')) });
      }
    } finally {
      await mock?.close();
      for (const spy of spies) spy.mockRestore();
      process.off('warning', onWarning);
    }
    const leaks = [...results.flatMap((r) => r.leaks), ...leaksIn('process output', printed.join('\n')), ...leaksIn('process warnings', warnings.join('\n'))];
    expectNoLeaks(leaks);
    // Not vacuous: every request was journalled, bodies included, and deliveries happened.
    for (const r of results) expect(r.journalled, r.scenario).toBeGreaterThanOrEqual(r.sent);
    expect(results.find((r) => r.scenario === 'happy-path')!.deliveries).toBeGreaterThanOrEqual(3);
    expect(results.find((r) => r.scenario === 'happy-path')!.callbacks).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('npm run mock (mock-server/cli.ts as a child process): its output and its journal', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'mock-server/cli.ts', '--port', '0', '--size', 'tiny'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const seen = () => {
          const m = /listening on (http:\/\/\S+)/.exec(output);
          if (m) resolve(m[1]!);
        };
        child.stdout!.on('data', seen);
        child.on('exit', (code) => reject(new Error(`npm run mock exited (${code}): ${output}`)));
      });
      // Failed deliveries retry on real time here, so only the first attempts are awaited (wait=0).
      const result = await round(httpTarget(url), '[npm run mock]', receiver.url, 0);
      expectNoLeaks(result.leaks);
      expect(result.journalled).toBeGreaterThanOrEqual(result.sent);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expectNoLeaks(leaksIn('npm run mock output', output));
    expect(output).toContain('Simulated WellSky Connect API listening on');
  }, 60_000);

  it('the MSW door', async () => {
    const { handlers } = createMswMock({ size: 'tiny', sleep: async () => {} });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      const result = await round(httpTarget(DEFAULT_BASE_URL), '[msw]', receiver.url, 10);
      expectNoLeaks(result.leaks);
      expect(result.journalled).toBeGreaterThanOrEqual(result.sent);
      expect(result.deliveries).toBeGreaterThanOrEqual(3);
    } finally {
      server.close();
    }
  }, 60_000);
});
