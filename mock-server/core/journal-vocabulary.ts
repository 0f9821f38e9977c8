// What the journal may call a field, and which codes it may show: read from the
// spec. A body's field or a query parameter keeps its name in the journal only
// when the spec names such a field (anything else, a name made of data or of a
// secret, is only counted), and a status, type or other code keeps its value only
// when it is one of the values the spec lists for a field of that name.
import { DEFAULT_SPEC_PATH, loadSpec, type OpenApiDocument } from './spec-document.ts';

export interface JournalVocabulary {
  /** Every property and parameter name in the spec. */
  names: ReadonlySet<string>;
  /** Field name → every value an `enum` under that name lists, anywhere in the spec. */
  codes: ReadonlyMap<string, ReadonlySet<string>>;
}

const built = new WeakMap<OpenApiDocument, JournalVocabulary>();

export function journalVocabulary(doc: OpenApiDocument): JournalVocabulary {
  let vocabulary = built.get(doc);
  if (vocabulary) return vocabulary;
  const names = new Set<string>();
  const codes = new Map<string, Set<string>>();
  const resolve = (node: unknown): unknown => {
    for (let hops = 0; node && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string' && hops < 20; hops++) {
      const ref = (node as { $ref: string }).$ref;
      if (!ref.startsWith('#/')) return undefined;
      node = ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return node;
  };
  /** Enum values under a schema: its own, and those of its allOf/anyOf/oneOf parts and array items. */
  const enumsOf = (schema: unknown, depth = 0): string[] => {
    const s = resolve(schema) as Record<string, unknown> | undefined;
    if (!s || typeof s !== 'object' || depth > 8) return [];
    const own = Array.isArray(s.enum) ? s.enum.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String) : [];
    const parts = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []));
    return [...own, ...parts.flatMap((p) => enumsOf(p, depth + 1)), ...(s.items ? enumsOf(s.items, depth + 1) : [])];
  };
  const addCodes = (name: string, schema: unknown) => {
    const values = enumsOf(schema);
    if (!values.length) return;
    const set = codes.get(name) ?? new Set<string>();
    for (const v of values) set.add(v);
    codes.set(name, set);
  };
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Record<string, unknown>;
    if (n.properties && typeof n.properties === 'object' && !Array.isArray(n.properties)) {
      for (const [name, schema] of Object.entries(n.properties)) {
        names.add(name);
        addCodes(name, schema);
      }
    }
    // A parameter: `{name, in, schema}`.
    if (typeof n.name === 'string' && typeof n.in === 'string') {
      names.add(n.name);
      addCodes(n.name, n.schema);
    }
    for (const value of Object.values(n)) walk(value);
  };
  walk(doc);
  vocabulary = { names, codes };
  built.set(doc, vocabulary);
  return vocabulary;
}

let fallback: JournalVocabulary | undefined;
/** The bundled spec's vocabulary, for callers that have no spec of their own. */
export function defaultJournalVocabulary(): JournalVocabulary {
  fallback ??= journalVocabulary(loadSpec(DEFAULT_SPEC_PATH));
  return fallback;
}
