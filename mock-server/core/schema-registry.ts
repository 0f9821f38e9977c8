// One Ajv per spec, schemas compiled once and cached by pointer. Request
// validation and the contract tests share it, so both read the spec the same way.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { addFormats } from './ajv-formats.ts';
import type { OpenApiDocument } from './spec-document.ts';


const SPEC_ID = 'spec';

export interface SchemaRegistry {
  /** A validator for a JSON pointer into the spec, e.g. `#/components/schemas/Practitioner`. */
  byPointer(pointer: string): ValidateFunction;
  /** A validator for an inline schema that may `$ref` the spec's components. */
  compile(schema: object, options?: { coerce?: boolean }): ValidateFunction;
}

export function createSchemaRegistry(doc: OpenApiDocument): SchemaRegistry {
  const make = (coerceTypes: boolean) => {
    // OpenAPI 3.0 schema objects carry `example` and friends, which are not JSON
    // Schema keywords: strict mode off, so they are ignored rather than fatal.
    const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, useDefaults: coerceTypes });
    addFormats(ajv);
    ajv.addSchema(rewriteRefs(doc) as object, SPEC_ID);
    return ajv;
  };
  const plain = make(false);
  const coercing = make(true);
  const cache = new Map<string, ValidateFunction>();
  return {
    byPointer(pointer) {
      let fn = cache.get(pointer);
      if (!fn) {
        fn = plain.compile({ $ref: `${SPEC_ID}${pointer}` });
        cache.set(pointer, fn);
      }
      return fn;
    },
    compile(schema, options = {}) {
      return (options.coerce ? coercing : plain).compile(rewriteRefs(schema) as object);
    },
  };
}

/** Local refs (`#/components/...`) point into the spec once it is registered under its id. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : rewriteRefs(value);
  }
  return out;
}

/** `field: message` lines, naming the field the way a WellSky error body would. */
export function describeErrors(errors: ErrorObject[] | null | undefined, root = 'body'): string {
  return (errors ?? [])
    .map((e) => {
      const missing = e.keyword === 'required' ? `.${(e.params as { missingProperty: string }).missingProperty}` : '';
      const where = `${root}${e.instancePath.replace(/\//g, '.')}${missing}`;
      if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
      return `${where}: ${e.keyword === 'required' ? 'is required' : e.message}`;
    })
    .filter((line, i, all) => all.indexOf(line) === i)
    .join('; ');
}
