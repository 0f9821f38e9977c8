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
    ajv.addFormat(CALENDAR_FORMAT, { type: 'string', validate: isRealCalendarValue });
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

// The spec's date patterns check only the shape (2026-02-30 fits); the mock
// also insists on a real calendar date and time, as the API's 400s do.
const CALENDAR_FORMAT = 'calendar-date';
const DATE_SHAPED = /^\^(\(gt\|lt\|ge\|le\|eq\)\?)?\[0-9\]\{4\}/;

function isRealCalendarValue(value: string): boolean {
  const m = value.match(/^(?:gt|lt|ge|le|eq)?(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/);
  if (!m) return true; // week and month numbers: the pattern already checked them
  const [y, mo, d, h, mi, se] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

/**
 * The spec as Ajv reads it: local refs (`#/components/...`) point into the spec
 * once it is registered under its id, and date-shaped patterns also get the
 * calendar check.
 */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : rewriteRefs(value);
  }
  const pattern = (node as { pattern?: unknown }).pattern;
  if (typeof pattern === 'string' && DATE_SHAPED.test(pattern) && !('format' in out)) out.format = CALENDAR_FORMAT;
  return out;
}

/** `field: message` lines, naming the field the way a WellSky error body would. */
export function describeErrors(errors: ErrorObject[] | null | undefined, root = 'body'): string {
  return (errors ?? [])
    .map((e) => {
      const missing = e.keyword === 'required' ? `.${(e.params as { missingProperty: string }).missingProperty}` : '';
      const where = `${root}${e.instancePath.replace(/\//g, '.')}${missing}`;
      if (e.keyword === 'format' && (e.params as { format: string }).format === CALENDAR_FORMAT) return `${where}: is not a real date or time`;
      if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
      return `${where}: ${e.keyword === 'required' ? 'is required' : e.message}`;
    })
    .filter((line, i, all) => all.indexOf(line) === i)
    .join('; ');
}
