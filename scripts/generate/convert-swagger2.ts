import swagger2openapi from 'swagger2openapi';
import { GenerateError } from './errors.ts';
import { escapeSegment } from './json-pointer.ts';
import { firstLine } from './load-spec.ts';

export interface ConvertResult {
  openapi: Record<string, unknown>;
  /** Spec mistakes swagger2openapi repaired (`patch: true`). */
  patches: number;
  /** Problems it recorded instead of failing (`warnOnly: true`), with where they are. */
  warnings: string[];
}

/** Where swagger2openapi records a problem it did not fail on (its default `warnProperty`). */
const WARN_PROPERTY = 'x-s2o-warning';

/**
 * Swagger 2.0 → OpenAPI 3.0 in memory (openapi-typescript 7 only reads 3.x).
 * External refs must already be gone: `resolve: false` keeps the converter from reading or fetching anything.
 */
export async function convertSwagger2(swagger: Record<string, unknown>, sourceLabel: string): Promise<ConvertResult> {
  // On failure swagger2openapi console.warn()s the whole Error, stack included; we report it ourselves.
  const originalWarn = console.warn;
  console.warn = () => {};
  let result;
  try {
    result = await swagger2openapi.convertObj(swagger, { patch: true, warnOnly: true, resolve: false, source: sourceLabel });
  } catch (err) {
    throw new GenerateError(`swagger2openapi could not convert ${sourceLabel} to OpenAPI 3: ${firstLine(err)}`);
  } finally {
    console.warn = originalWarn;
  }
  const warnings: string[] = [];
  collectWarnings(result.openapi, '#', warnings);
  return { openapi: result.openapi, patches: result.patches, warnings };
}

/** Finds and removes x-s2o-warning markers so they are reported once and do not leak into the output. */
function collectWarnings(node: unknown, pointer: string, out: string[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => collectWarnings(item, `${pointer}/${i}`, out));
    return;
  }
  const record = node as Record<string, unknown>;
  if (WARN_PROPERTY in record) {
    out.push(`${pointer}: ${String(record[WARN_PROPERTY])}`);
    delete record[WARN_PROPERTY];
  }
  for (const [key, value] of Object.entries(record)) {
    collectWarnings(value, `${pointer}/${escapeSegment(key)}`, out);
  }
}
