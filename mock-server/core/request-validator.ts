// Validates path, query and body against the operation's spec, compiled once per
// operation at start-up. Format errors in parameters answer 400; a body that
// breaks its schema answers 422, both with a WellSky `{error}` naming the field.
import type { ValidateFunction } from 'ajv';
import { HttpError } from './responses.ts';
import { describeErrors, type SchemaRegistry } from './schema-registry.ts';
import { resolveRef, type OpenApiDocument, type OperationEntry } from './spec-document.ts';

export interface ValidatedInput {
  params: Record<string, unknown>;
  body: unknown;
}

export interface OperationValidator {
  validate(pathParams: Record<string, string>, query: Record<string, string | string[]>, body: unknown): ValidatedInput;
}

interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, { schema?: object }>;
}

const PLAIN = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ };

/**
 * A number written other than in plain decimal digits (hex, exponent, padded
 * with spaces) is a 400 naming the parameter. What is no number at all is left
 * to the schema, which says so in its own words.
 */
function refuseLooseNumber(name: string, type: 'integer' | 'number', raw: unknown): void {
  if (typeof raw !== 'string' || PLAIN[type].test(raw)) return;
  if (raw.trim() === '' || !Number.isFinite(Number(raw))) return;
  throw new HttpError(400, `${name}: must be ${type === 'integer' ? 'a whole number' : 'a number'} in plain decimal digits (got "${raw}")`);
}

export function compileValidator(doc: OpenApiDocument, registry: SchemaRegistry, entry: OperationEntry): OperationValidator {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const descriptions: Record<string, string> = {};
  // Ajv's coercion reads `0x5`, `1e1` and ` 5` as numbers; WellSky's parameters are plain digits.
  const numeric = new Map<string, 'integer' | 'number'>();
  for (const p of entry.parameters) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    properties[p.name] = p.schema ?? {};
    if (p.required || p.in === 'path') required.push(p.name);
    const schema = p.schema?.$ref ? resolveRef<{ description?: string }>(doc, p.schema as { $ref: string }) : p.schema;
    const type = (schema as { type?: unknown } | undefined)?.type;
    if (type === 'integer' || type === 'number') numeric.set(p.name, type);
    const description = (p as { description?: string }).description ?? (schema as { description?: string } | undefined)?.description;
    if (description) descriptions[p.name] = description;
  }
  const paramsValidator = registry.compile({ type: 'object', properties, required }, { coerce: true });

  // A body that breaks its schema is a 422 where the operation documents one, else a 400.
  const bodyErrorStatus = entry.operation.responses?.['422'] ? 422 : 400;
  let bodyValidator: ValidateFunction | undefined;
  let bodyRequired = false;
  if (entry.operation.requestBody) {
    const requestBody = resolveRef<RequestBodyObject>(doc, entry.operation.requestBody as RequestBodyObject);
    bodyRequired = requestBody.required ?? false;
    const schema = requestBody.content?.['application/json']?.schema ?? Object.values(requestBody.content ?? {})[0]?.schema;
    if (schema) bodyValidator = registry.compile(schema);
  }

  return {
    validate(pathParams, query, body) {
      // Object.assign, not spread: V8 gives a spread copy a shape that makes the
      // validator's coercion about 20x slower (measured: 3.6 µs against 0.18 µs).
      const params: Record<string, unknown> = Object.assign({}, query, pathParams);
      // Object.assign sets `__proto__` through its setter: keep it a plain field (it names no parameter).
      if (Object.hasOwn(query, '__proto__')) {
        Object.setPrototypeOf(params, Object.prototype);
        Object.defineProperty(params, '__proto__', { value: query.__proto__, enumerable: true, writable: true, configurable: true });
      }
      // Only the parameters sent: a search sends one or two of its dozen numeric ones.
      for (const name in params) {
        const type = numeric.get(name);
        if (type !== undefined) refuseLooseNumber(name, type, params[name]);
      }
      if (!paramsValidator(params)) {
        const first = paramsValidator.errors?.[0];
        const field = first?.instancePath.replace(/^\//, '') || (first?.params as { missingProperty?: string })?.missingProperty || 'query';
        const hint = descriptions[field] ? ` (${descriptions[field]})` : '';
        throw new HttpError(400, `${describeErrors(paramsValidator.errors?.slice(0, 1), '').replace(/^[.]/, '')}${hint}`);
      }
      if (body === undefined) {
        if (bodyRequired) throw new HttpError(400, 'body: required; send a JSON object with Content-Type: application/json');
      } else if (bodyValidator && !bodyValidator(body)) {
        throw new HttpError(bodyErrorStatus, describeErrors(bodyValidator.errors));
      }
      return { params, body };
    },
  };
}
