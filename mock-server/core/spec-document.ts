// Reads the OpenAPI document once and lists its operations. Everything the mock
// serves and validates, and every contract test, starts from this list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../../spec/swagger.yaml', import.meta.url));

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The slice of OpenAPI 3.0 this project reads. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components?: { schemas?: Record<string, unknown>; [section: string]: unknown };
  [key: string]: unknown;
}
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}
export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
  [key: string]: unknown;
}
export type PathItem = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };

export interface OperationEntry {
  method: HttpMethod;
  path: string;
  operationId: string;
  operation: OperationObject;
  /** Path-level and operation-level parameters, refs resolved, operation-level winning. */
  parameters: ParameterObject[];
}

export function loadSpec(path = DEFAULT_SPEC_PATH): OpenApiDocument {
  const doc = parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  if (!doc || typeof doc !== 'object' || !String(doc.openapi ?? '').startsWith('3.')) {
    throw new Error(`${path}: not an OpenAPI 3 document (no "openapi: 3.x" at the top)`);
  }
  return doc;
}

/** Resolves a local `#/a/b` reference inside the document. */
export function resolveRef<T>(doc: OpenApiDocument, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; current && typeof current === 'object' && '$ref' in current; hops++) {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith('#/') || hops > 20) throw new Error(`Cannot resolve $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    if (current === undefined) throw new Error(`Dangling $ref ${ref}`);
  }
  return current as T;
}

export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters ?? []).map((p) => resolveRef<ParameterObject>(doc, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => resolveRef<ParameterObject>(doc, p));
      const byKey = new Map<string, ParameterObject>();
      for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, p);
      entries.push({
        method,
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        operation,
        parameters: [...byKey.values()],
      });
    }
  }
  return entries;
}
