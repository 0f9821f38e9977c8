// For an operation the mock has no behaviour for (say, a route only the vendor's
// own swagger.yaml has), answer with the spec's example, as Prism would.
import { jsonResponse } from './responses.ts';
import { resolveRef, type OpenApiDocument, type OperationEntry } from './spec-document.ts';
import type { SimResponse } from './types.ts';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}

export function exampleResponse(doc: OpenApiDocument, entry: OperationEntry): SimResponse {
  const [status, raw] = Object.entries(entry.operation.responses ?? {}).find(([s]) => s.startsWith('2')) ?? ['200', {}];
  const response = resolveRef<{ content?: Record<string, MediaType> }>(doc, raw as object);
  const media = response.content?.['application/json'];
  let body: unknown = media?.example;
  if (body === undefined && media?.examples) {
    const first = Object.values(media.examples)[0];
    body = first ? resolveRef<{ value?: unknown }>(doc, first).value : undefined;
  }
  return jsonResponse(Number(status) || 200, body ?? {});
}
