import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { displayPath } from './repo-paths.ts';
import { GenerateError, UsageError } from './errors.ts';

export type SpecFormat = 'swagger2' | 'openapi3';

export interface LoadedSpec {
  /** Plain JSON data (no YAML aliases shared between places), safe to mutate. */
  doc: Record<string, unknown>;
  format: SpecFormat;
  /** The version string as it will be seen downstream, e.g. '2.0' or '3.0.3'. */
  version: string;
  /** Things worth telling the user that did not stop generation. */
  notes: string[];
}

/**
 * Parses YAML or JSON text. Round-tripping through JSON drops YAML alias sharing (so later
 * in-place edits touch one spot only) and turns alias cycles into a clear error instead of a hang.
 */
export function parseDocumentText(text: string, file: string): unknown {
  let parsed: unknown;
  try {
    parsed = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new GenerateError(`${displayPath(file)} is not valid ${path.extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${firstLine(err)}`);
  }
  try {
    return JSON.parse(JSON.stringify(parsed ?? null)) as unknown;
  } catch (err) {
    throw new GenerateError(`${displayPath(file)} cannot be represented as JSON (circular YAML alias?): ${firstLine(err)}`);
  }
}

export function loadSpec(file: string): LoadedSpec {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--spec: cannot read ${shown}: ${firstLine(err)}`);
  }
  const doc = parseDocumentText(text, file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new GenerateError(`${shown} must be a YAML/JSON object with a top-level "swagger: '2.0'" or "openapi: 3.x" field`);
  }
  const spec = doc as Record<string, unknown>;
  const notes: string[] = [];

  // An unquoted `swagger: 2.0` parses as the number 2, and swagger2openapi then rejects it; accept and normalise.
  if (spec.swagger !== undefined) {
    if (spec.swagger === '2.0' || spec.swagger === 2) {
      if (spec.swagger === 2) notes.push(`${shown}: "swagger: 2.0" should be quoted ("2.0"); treated as "2.0"`);
      spec.swagger = '2.0';
      return { doc: spec, format: 'swagger2', version: '2.0', notes };
    }
    throw new GenerateError(`${shown} has swagger: ${JSON.stringify(spec.swagger)}; only "2.0" (or openapi: 3.x) is supported`);
  }

  if (typeof spec.openapi === 'number') {
    // `openapi: 3.0` unquoted is the number 3; openapi-typescript wants a version string.
    const asString = Number.isInteger(spec.openapi) ? `${spec.openapi}.0.0` : `${spec.openapi}.0`;
    notes.push(`${shown}: the openapi version is a YAML number (${spec.openapi}); quote it, e.g. openapi: "${asString}" (treated as "${asString}")`);
    spec.openapi = asString;
  }
  if (typeof spec.openapi === 'string' && /^3\.\d+(\.\d+)?(-.+)?$/.test(spec.openapi)) {
    return { doc: spec, format: 'openapi3', version: spec.openapi, notes };
  }
  if (spec.openapi !== undefined) {
    throw new GenerateError(`${shown} has openapi: ${JSON.stringify(spec.openapi)}; only 3.x (or swagger: "2.0") is supported`);
  }
  throw new GenerateError(`${shown} has neither "swagger: '2.0'" nor "openapi: 3.x" at the top level; is it an API spec?`);
}

export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // YAML errors end their first line with ':' before a code excerpt; drop it so the line reads as a sentence.
  return (message.split('\n')[0] ?? '').trim().replace(/:$/, '');
}
