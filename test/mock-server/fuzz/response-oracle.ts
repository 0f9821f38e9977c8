// What every answer to a fuzzed request must satisfy, whatever was sent: no
// 5xx (no fault rule is loaded), JSON where the answer says JSON, and an error
// body the spec's schema for that operation and status accepts. Its own Ajv
// over the spec text, so it judges the simulator's validator rather than
// sharing it.
import { Ajv, type ValidateFunction } from 'ajv';
import type { OpenApiDocument, OperationEntry } from '../../../mock-server/core/spec-document.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const ERROR_SHAPES = {
  anyOf: [
    { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
  ],
};

export interface Oracle {
  /** The problems with one answer; empty when it is fine. */
  judge(operation: OperationEntry | undefined, answer: Answer): string[];
  /** Statuses answered that the operation does not document, with a count (reported, not failed). */
  undocumented: Map<string, number>;
}

export function createOracle(doc: OpenApiDocument, checkSuccess = false): Oracle {
  // Error bodies have no formats to check; the shapes are what matter here.
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema(rewrite(doc) as object, 'fuzz-spec');
  const anyError = ajv.compile(ERROR_SHAPES);
  const byStatus = new Map<string, ValidateFunction | null | undefined>();
  const undocumented = new Map<string, number>();

  function schemaFor(operation: OperationEntry, status: number): ValidateFunction | null | undefined {
    const key = `${operation.operationId} ${status}`;
    if (byStatus.has(key)) return byStatus.get(key);
    let response = operation.operation.responses?.[String(status)] as { $ref?: string; content?: Record<string, { schema?: object }> } | undefined;
    let found: ValidateFunction | null | undefined;
    if (response) {
      while (response.$ref) response = pointer(doc, response.$ref) as typeof response;
      const schema = response!.content?.['application/json']?.schema;
      found = schema ? ajv.compile(rewrite(schema) as object) : null;
    }
    byStatus.set(key, found);
    return found;
  }

  return {
    undocumented,
    judge(operation, answer) {
      const problems: string[] = [];
      if (!Number.isInteger(answer.status) || answer.status < 100 || answer.status > 599) return [`status ${answer.status} is not an HTTP status`];
      if (answer.status >= 500) return [`a ${answer.status} no fault rule asked for: ${answer.body.slice(0, 300)}`];
      const type = String(answer.headers['content-type'] ?? '');
      let parsed: unknown;
      if (/^application\/(.+\+)?json/i.test(type)) {
        try {
          parsed = JSON.parse(answer.body);
        } catch (error) {
          return [`says ${type} but the body is not JSON (${(error as Error).message}): ${answer.body.slice(0, 200)}`];
        }
      }
      if (answer.status < 400) {
        if (checkSuccess && operation && parsed !== undefined) {
          const success = schemaFor(operation, answer.status);
          if (success && !success(parsed)) problems.push(`a ${answer.status} body the spec refuses for ${operation.operationId}: ${JSON.stringify(success.errors?.slice(0, 2))} in ${answer.body.slice(0, 300)}`);
        }
        return problems;
      }
      if (parsed === undefined) return [`a ${answer.status} whose body is not JSON (${type || 'no content-type'}): ${answer.body.slice(0, 200)}`];
      const documented = operation ? schemaFor(operation, answer.status) : undefined;
      if (documented === undefined && operation) {
        const key = `${operation.operationId} ${answer.status}`;
        undocumented.set(key, (undocumented.get(key) ?? 0) + 1);
      }
      const validate = documented ?? anyError;
      if (!validate(parsed)) problems.push(`a ${answer.status} body the spec refuses for ${operation?.operationId ?? 'an unknown route'}: ${JSON.stringify(validate.errors?.slice(0, 2))} in ${answer.body.slice(0, 200)}`);
      return problems;
    },
  };
}

function pointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => node?.[key], doc);
}

/** `#/components/...` → `fuzz-spec#/components/...`, so inline schemas reach the registered document. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `fuzz-spec${value}` : rewrite(value);
  return out;
}
