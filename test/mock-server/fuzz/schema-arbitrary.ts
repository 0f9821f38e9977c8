// A fast-check arbitrary for values an OpenAPI 3.0 schema accepts (mostly: a
// pattern with look-arounds or an allOf that contradicts itself may not be
// met, which only makes the input a little less valid). Built from the spec
// itself, so a new field or operation is fuzzed without touching this file.
import fc from 'fast-check';

export interface SchemaNode {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  nullable?: boolean;
  example?: unknown;
}

export type Resolve = (ref: string) => SchemaNode;

/** Resolves `#/a/b` pointers inside one document. */
export function resolverFor(doc: unknown): Resolve {
  return (ref) => {
    if (!ref.startsWith('#/')) throw new Error(`fuzz: cannot follow ${ref}`);
    return ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((node, key) => node?.[key], doc) as SchemaNode;
  };
}

const MAX_DEPTH = 6;

export function schemaArbitrary(schema: SchemaNode | undefined, resolve: Resolve): fc.Arbitrary<unknown> {
  const memo = new Map<SchemaNode, fc.Arbitrary<unknown>>();

  function build(node: SchemaNode | undefined, depth: number): fc.Arbitrary<unknown> {
    if (!node) return fc.jsonValue({ maxDepth: 2 });
    while (node.$ref) node = resolve(node.$ref);
    const known = depth === 0 ? memo.get(node) : undefined;
    if (known) return known;
    const made = make(node, depth);
    if (depth === 0) memo.set(node, made);
    return made;
  }

  function make(node: SchemaNode, depth: number): fc.Arbitrary<unknown> {
    const base = plain(node, depth);
    return node.nullable ? fc.option(base, { freq: 8, nil: null }) : base;
  }

  function plain(node: SchemaNode, depth: number): fc.Arbitrary<unknown> {
    if (node.enum) return fc.constantFrom(...node.enum);
    if (node.anyOf || node.oneOf) return fc.oneof(...(node.anyOf ?? node.oneOf)!.map((s) => build(s, depth)));
    if (node.allOf) return build(mergeAll(node, resolve), depth);
    const type = node.type ?? (node.properties ? 'object' : node.items ? 'array' : undefined);
    switch (type) {
      case 'string':
        return stringFor(node);
      case 'integer': {
        const min = node.minimum ?? -1000;
        return fc.integer({ min, max: node.maximum ?? Math.max(min + 1000, 1000) });
      }
      case 'number':
        return fc.double({ min: node.minimum ?? -1e6, max: node.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        if (depth >= MAX_DEPTH) return fc.constant([]);
        const minLength = node.minItems ?? 0;
        return fc.array(build(node.items, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(node.maxItems ?? 3, 3)) });
      }
      case 'object':
        return objectFor(node, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  function objectFor(node: SchemaNode, depth: number): fc.Arbitrary<unknown> {
    const properties = node.properties ?? {};
    if (depth >= MAX_DEPTH) return fc.constant({});
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, child] of Object.entries(properties)) model[name] = build(child, depth + 1);
    const required = (node.required ?? []).filter((name) => name in model);
    const known = fc.record(model, { requiredKeys: required });
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), build(node.additionalProperties, depth + 1), { maxKeys: 2 });
      return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...(a as object) }));
    }
    return known;
  }

  return build(schema, 0);
}

const realDate = () => fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });

/**
 * A date-shaped pattern drawn as a real calendar date (the pattern alone would
 * give 2026-19-39, which the API refuses as no date, and every request would
 * stop there); any other pattern as fast-check inverts it.
 */
function datePatternString(pattern: string): fc.Arbitrary<string> | undefined {
  const operator = pattern.includes('(gt|lt|ge|le|eq)?') ? fc.constantFrom('', 'gt', 'lt', 'ge', 'le', 'eq') : fc.constant('');
  if (pattern.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}')) {
    const time = pattern.includes('T[0-9]{2}') ? (pattern.includes('T[0-9]{2}:[0-9]{2}:[0-9]{2})?') ? fc.boolean() : fc.constant(true)) : fc.constant(false);
    return fc.tuple(operator, realDate(), time).map(([op, d, withTime]) => `${op}${withTime ? d.toISOString().slice(0, 19) : d.toISOString().slice(0, 10)}`);
  }
  if (pattern.includes('(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])')) return realDate().map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
  return undefined;
}

function stringFor(node: SchemaNode): fc.Arbitrary<string> {
  const dated = node.pattern ? datePatternString(node.pattern) : undefined;
  if (dated) return dated;
  if (node.pattern) {
    try {
      return fc.stringMatching(new RegExp(node.pattern)).filter((s) => s.length >= (node.minLength ?? 0) && s.length <= (node.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot invert: fall through to a plain string.
    }
  }
  if (node.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (node.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (node.format === 'email') return fc.constantFrom('pat.example@example.com', 'sam@example.org');
  if (node.format === 'uri') return fc.constantFrom('https://hooks.example.com/wellsky', 'http://127.0.0.1:9/hook');
  const minLength = node.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(node.maxLength ?? 16, 16)) });
}

/** An allOf flattened into one object schema: properties and required lists merged. */
function mergeAll(node: SchemaNode, resolve: Resolve): SchemaNode {
  const merged: SchemaNode = { type: 'object', properties: {}, required: [] };
  const visit = (part: SchemaNode) => {
    while (part.$ref) part = resolve(part.$ref);
    if (part.allOf) part.allOf.forEach(visit);
    if (part.type && part.type !== 'object') merged.type = part.type;
    Object.assign(merged.properties!, part.properties ?? {});
    merged.required!.push(...(part.required ?? []));
    if (part.additionalProperties !== undefined) merged.additionalProperties = part.additionalProperties;
    if (part.enum) merged.enum = part.enum;
    if (part.pattern) merged.pattern = part.pattern;
  };
  const { allOf, ...rest } = node;
  visit(rest);
  allOf!.forEach(visit);
  return merged;
}
