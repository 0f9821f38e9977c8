// Requests for every operation in the spec, valid and not: the path, query,
// headers and body are drawn from the operation's own parameters and schemas,
// then some of them are broken on purpose (wrong types, hostile strings,
// prototype names, repeated keys, huge or deep bodies, broken JSON and
// percent-encoding). A request is data; `toSimRequest` and the HTTP sender
// put it on the core or on the wire.
import fc from 'fast-check';
import type { OperationEntry, OpenApiDocument } from '../../../mock-server/core/spec-document.ts';
import { bigString, brokenJsonText, defineOwn, hostileSegment, hostileString, hostileValue, PROTOTYPE_NAMES, protoKeyedObject, wrongTypeValue } from './hostile-values.ts';
import { cloneValue, DeepText, deepJsonText, serialize } from './json-text.ts';
import { encodeComponent } from './percent-encoding.ts';
import { resolverFor, schemaArbitrary, type SchemaNode } from './schema-arbitrary.ts';

/** Which Authorization header the request carries; the sender fills in the live token. */
export type AuthKind = 'valid' | 'none' | 'scheme' | 'unknown' | 'hostile';

export interface FuzzRequest {
  /** The operation it was drawn from (the route it may no longer match). */
  operationId: string;
  method: string;
  /** The path as it goes on the wire (percent-encoded, or broken on purpose). */
  path: string;
  /** Query pairs before encoding, repeated keys allowed. */
  query: [string, string][];
  /** Raw text appended to the query string (malformed on purpose), if any. */
  rawQuery?: string;
  auth: AuthKind;
  hostileAuth?: string;
  headers: Record<string, string>;
  body?: string;
}

const deepLeaf = (): fc.Arbitrary<unknown> =>
  fc.tuple(fc.constantFrom(20, 5_000, 50_000), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => new DeepText(deepJsonText(depth, kind)));

type Mutation = { at: number; key: number; how: 'replace' | 'proto-key' | 'extra-key' | 'delete'; value: unknown; name: string };

/** Breaks a valid value in place: a field replaced, removed, or a prototype-named key added. */
function applyMutations(value: unknown, mutations: Mutation[]): unknown {
  const root = { root: cloneValue(value) } as Record<string, unknown>;
  for (const m of mutations) {
    const value = cloneValue(m.value);
    const containers: Record<string, unknown>[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object' || node instanceof DeepText || containers.length > 200) return;
      containers.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) walk(child);
    };
    walk(root);
    const target = containers[m.at % containers.length]!;
    const keys = Object.keys(target);
    const key = keys.length ? keys[m.key % keys.length]! : '0';
    if (m.how === 'replace') defineOwn(target, key, value);
    else if (m.how === 'delete') delete target[key];
    else if (m.how === 'proto-key') defineOwn(target, m.name, value);
    // On an array a numeric name would be an index a billion long: add an item instead.
    else if (Array.isArray(target)) target.push(value);
    else defineOwn(target, `${m.name}${m.key}`, value);
  }
  return root.root;
}

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.record({
    at: fc.nat(),
    key: fc.nat(),
    how: fc.constantFrom('replace' as const, 'replace' as const, 'proto-key' as const, 'extra-key' as const, 'delete' as const),
    value: fc.oneof({ weight: 30, arbitrary: hostileValue() }, { weight: 1, arbitrary: deepLeaf() }, { weight: 1, arbitrary: bigString() }),
    name: fc.constantFrom(...PROTOTYPE_NAMES, 'x', ''),
  });

export interface RequestModelOptions {
  doc: OpenApiDocument;
  operations: OperationEntry[];
  /** Ids that exist in the seeded store for a path parameter, so valid requests reach the handlers. */
  knownIds(path: string, param: string): string[];
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];
const SORT_VALUES = [...PROTOTYPE_NAMES, ...PROTOTYPE_NAMES.map((n) => `-${n}`), 'name,__proto__', '-id,constructor', 'id', '-meta.lastUpdated', 'name.family', ',', '-', '--id', 'a..b', '.', 'id,'.repeat(500)];

/** The `i`th id of those known when the request is drawn (the pool grows as the fuzz creates records). */
const pick = (ids: string[], i: number) => ids[i % ids.length]!;

/** Every operation's requests, valid and invalid, as one arbitrary. */
export function requestArbitrary(options: RequestModelOptions): fc.Arbitrary<FuzzRequest> {
  const resolve = resolverFor(options.doc);
  const perOperation = options.operations.map((entry) => operationArbitrary(entry, options, resolve));
  return fc.oneof(...perOperation);
}

function operationArbitrary(entry: OperationEntry, options: RequestModelOptions, resolve: (ref: string) => SchemaNode): fc.Arbitrary<FuzzRequest> {
  const pathParams = entry.parameters.filter((p) => p.in === 'path');
  const queryParams = entry.parameters.filter((p) => p.in === 'query');

  // Path: each parameter a known id, a spec-shaped value, or something hostile; then maybe bent.
  const segmentValue = (name: string, schema: SchemaNode | undefined) =>
    fc.oneof(
      { weight: 12, arbitrary: fc.nat().map((i) => pick(options.knownIds(entry.path, name), i)) },
      { weight: 2, arbitrary: schemaArbitrary(schema, resolve).map((v) => encodeComponent(String(v))) },
      { weight: 3, arbitrary: hostileSegment() },
    );
  const filledPath = fc.tuple(...pathParams.map((p) => segmentValue(p.name, p.schema as SchemaNode))).map((values) => {
    let path = entry.path;
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i] as string)));
    return path;
  });
  const path = fc.tuple(filledPath, fc.oneof({ weight: 12, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: 8 }) }), hostileSegment()).map(([p, bend, segment]) => bendPath(p, bend, segment));

  // Query: declared parameters, valid or not, sometimes repeated; extra and prototype-named keys.
  const queryPair = (name: string, schema: SchemaNode | undefined) =>
    fc.oneof(
      { weight: 6, arbitrary: schemaArbitrary(schema, resolve).map((v) => [[name, String(v)]] as [string, string][]) },
      { weight: 2, arbitrary: hostileString().map((v) => [[name, v]] as [string, string][]) },
      { weight: 1, arbitrary: fc.array(fc.oneof(schemaArbitrary(schema, resolve).map(String), hostileString()), { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v) => [name, v] as [string, string])) },
      { weight: 3, arbitrary: fc.constant([] as [string, string][]) },
    );
  const declared = fc.tuple(...queryParams.map((p) => queryPair(p.name, p.schema as SchemaNode))).map((groups) => groups.flat());
  const extra = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), hostileString()),
      fc.tuple(fc.constant('_sort'), fc.constantFrom(...SORT_VALUES)),
      fc.tuple(hostileString(), hostileString()),
      fc.tuple(fc.constantFrom('_count', '_page', 'limit', 'offset'), fc.constantFrom('0', '-1', '1e3', '0x10', '99999999999999999999', ' 5', '5 ', '', '101', '1.5')),
    ),
    { maxLength: 3 },
  );
  const query = fc.oneof({ weight: 5, arbitrary: declared }, { weight: 3, arbitrary: fc.tuple(declared, extra).map(([a, b]) => [...a, ...b]) }, { weight: 1, arbitrary: extra });
  const rawQuery = fc.option(fc.constantFrom('&&&', '=', '==x', 'a', '%', '%zz=%zz', 'a=%E0%A4%A', '_sort=%5F%5Fproto%5F%5F', '__proto__[polluted]=1', 'constructor[prototype][x]=1', 'a[]=1&a[]=2', ';a=1', '+=+', '%00=%00'), { freq: 6 });

  const body = bodyArbitrary(entry, resolve);
  const method = fc.oneof({ weight: 20, arbitrary: fc.constant(entry.method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) });
  const auth = fc.oneof(
    { weight: 20, arbitrary: fc.constant<AuthKind>('valid') },
    { weight: 1, arbitrary: fc.constantFrom<AuthKind>('none', 'scheme', 'unknown', 'hostile') },
  );
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/fhir+json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json;;', ';', 'application/xml', '*/*') },
    { weight: 1, arbitrary: hostileString() },
  );
  const headers = fc.tuple(contentType, fc.option(hostileString(), { freq: 4 }), fc.option(fc.constantFrom(...PROTOTYPE_NAMES), { freq: 8 }), fc.boolean()).map(([type, requestId, protoHeader, sendType]) => {
    const out: Record<string, string> = {};
    if (sendType) out['content-type'] = type;
    if (requestId !== null) out['x-request-id'] = requestId;
    if (protoHeader !== null) defineOwn(out, protoHeader.toLowerCase(), 'x');
    return out;
  });

  // A request as the spec would have it: every value from its schema, ids that exist.
  const validPath = fc.tuple(...pathParams.map((p) => fc.nat().map((i) => pick(options.knownIds(entry.path, p.name), i)))).map((values) => {
    let filled = entry.path;
    pathParams.forEach((p, i) => (filled = filled.replace(`{${p.name}}`, values[i] as string)));
    return filled;
  });
  const validQuery = fc
    .tuple(...queryParams.map((p) => fc.option(schemaArbitrary(p.schema as SchemaNode, resolve).map((v) => [p.name, String(v)] as [string, string]), { freq: p.required ? 1000 : 2 })))
    .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== null));
  const validBody = validBodyArbitrary(entry, resolve);
  const valid = fc.record({ path: validPath, query: validQuery, body: validBody }).map((r) => ({
    operationId: entry.operationId,
    method: entry.method.toUpperCase(),
    path: r.path,
    query: r.query,
    auth: 'valid' as const,
    headers: (r.body === null ? {} : { 'content-type': 'application/json' }) as Record<string, string>,
    body: r.body ?? undefined,
  }));

  const hostile = fc.record({ method, path, query, rawQuery, auth, hostileAuth: hostileString(), headers, body }).map((r) => ({
    operationId: entry.operationId,
    method: r.method,
    path: r.path,
    query: r.query,
    rawQuery: r.rawQuery ?? undefined,
    auth: r.auth,
    hostileAuth: r.hostileAuth,
    headers: r.headers,
    body: r.body ?? undefined,
  }));
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: hostile });
}

/** Mostly the path as the spec has it; sometimes bent into a near miss or a traversal. */
function bendPath(path: string, bend: number, segment: string): string {
  switch (bend) {
    case 0: return path.replace(/\/$/, ''); // no trailing slash
    case 1: return `${path}${segment}/`;
    case 2: return path.replace('/v1/', '/v1/v1/');
    case 3: return path.replace('/v1/', `/v1/${segment}/../`);
    case 4: return `${path}..%2F..%2F__admin%2Fstatus`;
    case 5: return path.replace('/v1/', '//v1//');
    case 6: return path.toUpperCase();
    case 7: return path.replace(/\/$/, `/${segment}`);
    case 8: return `/${segment}${path}`;
    default: return path;
  }
}

/** The body: valid JSON from the schema, broken JSON, a wrong shape, huge or deep; or none. */
function bodyArbitrary(entry: OperationEntry, resolve: (ref: string) => SchemaNode): fc.Arbitrary<string | null> {
  const schema = bodySchema(entry, resolve);
  const valid = schemaArbitrary(schema, resolve);
  const hostileBodies = fc.oneof(
    { weight: 4, arbitrary: brokenJsonText() },
    { weight: 4, arbitrary: wrongTypeValue().map(serialize) },
    { weight: 3, arbitrary: protoKeyedObject(hostileValue()).map(serialize) },
    { weight: 2, arbitrary: fc.dictionary(hostileString(), fc.oneof(hostileString(), fc.constant('1')), { maxKeys: 3 }).map((o) => new URLSearchParams(o).toString()) },
    { weight: 1, arbitrary: bigString().map((s) => JSON.stringify({ comment: s, description: s.slice(0, 10) })) },
    { weight: 1, arbitrary: bigString() },
  );
  if (!schema) {
    return fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: valid.map(serialize) }, { weight: 1, arbitrary: hostileBodies });
  }
  return fc.oneof(
    { weight: 8, arbitrary: valid.map(serialize) },
    { weight: 8, arbitrary: fc.tuple(valid, fc.array(mutation(), { minLength: 1, maxLength: 3 })).map(([v, ms]) => serialize(applyMutations(v, ms))) },
    { weight: 3, arbitrary: hostileBodies },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

function validBodyArbitrary(entry: OperationEntry, resolve: (ref: string) => SchemaNode): fc.Arbitrary<string | null> {
  const schema = bodySchema(entry, resolve);
  return schema ? schemaArbitrary(schema, resolve).map(serialize) : fc.constant(null);
}

function bodySchema(entry: OperationEntry, resolve: (ref: string) => SchemaNode): SchemaNode | undefined {
  const requestBody = entry.operation.requestBody ? (resolveBody(entry.operation.requestBody, resolve) as { content?: Record<string, { schema?: SchemaNode }> }) : undefined;
  return requestBody?.content?.['application/json']?.schema ?? Object.values(requestBody?.content ?? {})[0]?.schema;
}

function resolveBody(body: unknown, resolve: (ref: string) => SchemaNode): unknown {
  let node = body as { $ref?: string };
  while (node?.$ref) node = resolve(node.$ref) as { $ref?: string };
  return node;
}
