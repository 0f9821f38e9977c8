// violations.json: every recorded exchange checked against spec/swagger.yaml,
// as `prism proxy --errors` would: a request to a route the API does not have,
// the wrong Authorization scheme, a body the operation does not take; an answer
// with a status the operation does not list, or a body outside its schema. So
// "the API answered outside its own contract" is shown, not argued. Checked on
// the raw exchanges; a finding names places (paths in the body), never values.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { TOKEN_PATH } from '../wellsky/token-manager.ts';
import type { RecordedExchange } from './recorder.ts';

export interface Violation {
  /** 1-based place of the exchange in exchanges.har. */
  exchange: number;
  requestId?: string;
  method: string;
  path: string;
  status?: number;
  side: 'request' | 'response';
  check: 'route' | 'auth-scheme' | 'request-body' | 'status' | 'response-body';
  message: string;
}

const SPEC_FILE = fileURLToPath(new URL('../../spec/swagger.yaml', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Json = Record<string, unknown>;

interface Operation {
  template: string;
  pattern: RegExp;
  params: number;
  method: string;
  pointer: string;
  operation: Json;
}

export class ContractChecker {
  private readonly doc: Json;
  private readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  /** The contract's `info.version` and the sha256 of its text: which contract the findings are against. */
  readonly specVersion: string;
  readonly specSha256: string;

  constructor(specFile = SPEC_FILE) {
    const text = readFileSync(specFile, 'utf8');
    this.doc = parse(text) as Json;
    this.specVersion = String((this.doc.info as { version?: unknown } | undefined)?.version ?? '?');
    this.specSha256 = createHash('sha256').update(text).digest('hex');
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    // ajv-formats is CommonJS: its function is the default export's default under ESM.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc, 'spec');
    for (const [template, item] of Object.entries((this.doc.paths ?? {}) as Record<string, Json>)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
      const params = (template.match(/\{/g) ?? []).length;
      for (const method of METHODS) {
        if (!item[method]) continue;
        this.operations.push({ template, pattern, params, method: method.toUpperCase(), pointer: `#/paths/${escape(template)}/${method}`, operation: item[method] as Json });
      }
    }
    // A literal route wins over a templated one: /v1/patients/_search/ is not /v1/patients/{id}/.
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The operation for a method and path, or undefined when the API has no such route. */
  operationFor(method: string, path: string): Operation | undefined {
    // The route first (a literal before a template), then its method: GET /v1/patients/_search/ is not getPatient.
    const route = this.operations.find((o) => o.pattern.test(path))?.template;
    return this.operations.find((o) => o.template === route && o.method === method.toUpperCase());
  }

  check(exchanges: RecordedExchange[]): Violation[] {
    const found: Violation[] = [];
    exchanges.forEach((x, i) => {
      const url = new URL(x.url);
      const base = { exchange: i + 1, ...(x.requestId ? { requestId: x.requestId } : {}), method: x.method, path: url.pathname, ...(x.status !== undefined ? { status: x.status } : {}) };
      // The scheme first: an unknown route hides it behind the gateway's 403 (January had both).
      const auth = Object.entries(x.requestHeaders).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
      if (url.pathname !== TOKEN_PATH) {
        const words = auth?.trim().split(/\s+/) ?? [];
        if (!auth) found.push({ ...base, side: 'request', check: 'auth-scheme', message: 'no Authorization header: the API takes "Authorization: Bearer <access_token>"' });
        else if (words[0] !== 'Bearer' || words.length !== 2) {
          // The first word is quoted only when it can be a scheme word: a bare token must not be.
          const said = words.length === 2 && /^[A-Za-z][A-Za-z-]{0,19}$/.test(words[0]!) ? `the Authorization scheme is "${words[0]}"` : 'the Authorization header has no scheme word before the token';
          found.push({ ...base, side: 'request', check: 'auth-scheme', message: `${said}: the API takes "Bearer <access_token>" (token_type "BearerToken" is not the scheme)` });
        }
      }
      const op = this.operationFor(x.method, url.pathname);
      if (!op) {
        const route = this.operations.find((o) => o.pattern.test(url.pathname))?.template;
        const other = this.operations.filter((o) => o.template === route).map((o) => o.method);
        found.push({ ...base, side: 'request', check: 'route', message: other.length ? `${url.pathname} takes ${other.join(', ')}, not ${x.method}` : `${url.pathname} is not a route of the API (spec/routes.md lists them): the gateway answers for it, WellSky never sees it` });
        return;
      }
      const requestSchema = this.jsonSchemaPointer(`${op.pointer}/requestBody`, op.operation.requestBody);
      if (x.requestBody && requestSchema && isJson(x.requestHeaders)) {
        for (const message of this.validate(requestSchema, x.requestBody)) found.push({ ...base, side: 'request', check: 'request-body', message });
      }
      if (x.status === undefined) return;
      const responses = (op.operation.responses ?? {}) as Json;
      const key = responses[String(x.status)] !== undefined ? String(x.status) : responses[`${String(x.status)[0]}XX`] !== undefined ? `${String(x.status)[0]}XX` : responses.default !== undefined ? 'default' : undefined;
      if (!key) {
        found.push({ ...base, side: 'response', check: 'status', message: `${x.method} ${op.template} does not list status ${x.status} (it lists ${Object.keys(responses).join(', ')})` });
        return;
      }
      const responseSchema = this.jsonSchemaPointer(`${op.pointer}/responses/${escape(key)}`, responses[key]);
      if (responseSchema && x.responseBody !== undefined && x.status !== 204) {
        for (const message of this.validate(responseSchema, x.responseBody)) found.push({ ...base, side: 'response', check: 'response-body', message });
      }
    });
    return found;
  }

  /** Where the JSON schema of a request body or response lives, following `$ref`s to shared ones. */
  private jsonSchemaPointer(pointer: string, node: unknown): string | undefined {
    let at = pointer;
    let value = node as Json | undefined;
    for (let hops = 0; value && typeof value.$ref === 'string' && hops < 10; hops++) {
      at = value.$ref as string;
      value = resolve(this.doc, at);
    }
    const content = (value?.content ?? {}) as Record<string, Json>;
    const type = Object.keys(content).find((t) => /json/i.test(t));
    if (!type || !content[type]!.schema) return undefined;
    return `${at}/content/${escape(type)}/schema`;
  }

  private validate(pointer: string, text: string): string[] {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return [`the body is not JSON (${text.length === 0 ? 'empty' : `${text.length} characters, starting ${JSON.stringify(text.trimStart().slice(0, 1))}`}) where the operation declares a JSON schema`];
    }
    const validate = this.validators.get(pointer) ?? this.ajv.compile({ $ref: `spec${pointer}` });
    this.validators.set(pointer, validate);
    if (validate(data)) return [];
    // allOf repeats a finding once per branch: each place and complaint once.
    return [...new Set((validate.errors ?? []).map((e) => `${e.instancePath || '(the body)'} ${e.message ?? 'is invalid'}`))].slice(0, 20);
  }
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolve(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let at: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    at = at && typeof at === 'object' ? (at as Json)[key] : undefined;
  }
  return at as Json | undefined;
}

function isJson(headers: Record<string, string>): boolean {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
  return /json/i.test(type);
}
