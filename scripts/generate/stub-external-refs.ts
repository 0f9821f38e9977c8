import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatPointer, getAtPointer, parseFragment } from './json-pointer.ts';
import { firstLine, parseDocumentText } from './load-spec.ts';
import type { SpecFormat } from './load-spec.ts';
import { displayPath } from './repo-paths.ts';

/**
 * Removes every external $ref (one not starting with '#') from a spec, in place, before anything
 * else sees it: neither swagger2openapi nor openapi-typescript then tries to read or fetch other files.
 *
 * - A relative-file ref whose file and target exist is inlined (recursively: refs inside the
 *   inlined content are handled the same way, relative to the file they came from).
 * - Anything else (remote URL, missing file, missing target, cycle) is reported and replaced by a stub
 *   shaped for the position it is in, so generation always completes.
 */

/** Inlining deeper than this is almost certainly a cycle through several files; stub instead of looping. */
export const MAX_INLINE_DEPTH = 32;

export type StubKind = 'schema' | 'response' | 'header' | 'requestBody' | 'parameter' | 'pathItem' | 'example';

export interface StubbedRef {
  /** The $ref as written (refs internal to an inlined file are prefixed with that file, relative to the input). */
  ref: string;
  /** Where it occurs in the input document (JSON pointer). */
  pointer: string;
  /** Set when the ref sits inside content inlined from another file: that file, repo-relative. */
  insideFile?: string;
  reason: string;
  kind: StubKind;
}

export interface StubResult {
  stubbed: StubbedRef[];
  /** Number of external refs replaced by their target's content. */
  inlined: number;
}

/** What the brief promises for an unresolved schema ref; valid in both Swagger 2.0 and OpenAPI 3. */
export function stubSchema(ref: string): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: true,
    description: `Unresolved external $ref ${ref} (stubbed by npm run generate)`,
  };
}

const DROP = Symbol('drop');
type Visited = unknown;

interface Context {
  /** Absolute path of the file the current content came from (refs resolve relative to it). */
  file: string;
  depth: number;
  /** file#fragment keys currently being inlined, to detect cycles. */
  chain: readonly string[];
}

type Target =
  | { ok: true; file: string; fragment: string; segments: string[]; value: unknown }
  | { ok: false; reason: string };

export function stubExternalRefs(doc: Record<string, unknown>, inputFile: string, format: SpecFormat): StubResult {
  const rootFile = path.resolve(inputFile);
  const stubbed: StubbedRef[] = [];
  let inlined = 0;
  const fileCache = new Map<string, { ok: true; doc: unknown } | { ok: false; reason: string }>();
  fileCache.set(rootFile, { ok: true, doc });
  // Internal pointers ('#/parameters/X') of reusable parameters that were dropped; their uses go too.
  const droppedParameterPointers = new Set<string>();

  const loadFile = (file: string) => {
    let cached = fileCache.get(file);
    if (!cached) {
      try {
        cached = { ok: true, doc: parseDocumentText(readFileSync(file, 'utf8'), file) };
      } catch (err) {
        cached = { ok: false, reason: `cannot read ${displayPath(file)}: ${firstLine(err)}` };
      }
      fileCache.set(file, cached);
    }
    return cached;
  };

  const resolveTarget = (ref: string, ctx: Context): Target => {
    const hashAt = ref.indexOf('#');
    const filePart = hashAt === -1 ? ref : ref.slice(0, hashAt);
    const fragment = hashAt === -1 ? '' : ref.slice(hashAt + 1);
    let file: string;
    if (filePart === '') {
      file = ctx.file; // '#/...' inside inlined content: relative to that content's own file
    } else if (/^file:/i.test(filePart)) {
      try {
        file = fileURLToPath(filePart);
      } catch {
        return { ok: false, reason: 'malformed file: URL' };
      }
    } else if (/^[a-z][a-z0-9+.-]+:/i.test(filePart)) {
      // Two or more letters before ':' so Windows drive letters (C:\...) still count as paths.
      return { ok: false, reason: 'remote reference (only local files are resolved; nothing is downloaded)' };
    } else {
      let decoded = filePart;
      try {
        decoded = decodeURI(filePart);
      } catch {
        // keep it as written
      }
      file = path.resolve(path.dirname(ctx.file), decoded);
    }
    if (!existsSync(file)) return { ok: false, reason: `file not found: ${displayPath(file)}` };
    if (!statSync(file).isFile()) return { ok: false, reason: `not a file: ${displayPath(file)}` };
    const segments = parseFragment(fragment);
    if (!segments) {
      return { ok: false, reason: `unsupported fragment "#${fragment}" (only JSON pointers like #/definitions/Name are resolved)` };
    }
    const loaded = loadFile(file);
    if (!loaded.ok) return { ok: false, reason: loaded.reason };
    const found = getAtPointer(loaded.doc, segments);
    if (!found.found) return { ok: false, reason: `${formatPointer(segments)} does not exist in ${displayPath(file)}` };
    return { ok: true, file, fragment, segments, value: found.value };
  };

  const stubFor = (kind: StubKind, ref: string): Visited => {
    const schema = stubSchema(ref);
    const description = schema.description as string;
    const swagger2 = format === 'swagger2';
    switch (kind) {
      case 'schema':
        return schema;
      case 'response':
        return swagger2 ? { description, schema } : { description, content: { 'application/json': { schema } } };
      case 'header':
        return swagger2 ? { type: 'string', description } : { description, schema: { type: 'string' } };
      case 'requestBody':
        return { description, content: { 'application/json': { schema } } };
      case 'example':
        return { summary: description };
      case 'pathItem':
        // Path items have no description field in 2.0; an extension keeps the note without inventing operations.
        return { 'x-unresolved-ref': description };
      case 'parameter':
        // A parameter needs a real name and location; guessing one would type calls wrongly, so it is left out.
        return DROP;
    }
  };

  const handleRef = (node: Record<string, unknown>, ref: string, at: string[], ctx: Context): Visited => {
    const insideFile = ctx.file === rootFile ? undefined : displayPath(ctx.file);
    // '#/X' inside inlined content means X in *that* file: name the file, as the input would have to.
    const shownRef = insideFile && ref.startsWith('#') ? relativeRef(rootFile, ctx.file) + ref : ref;
    const fail = (reason: string): Visited => {
      const kind = classifyPosition(at, format);
      stubbed.push({ ref: shownRef, pointer: formatPointer(at), ...(insideFile ? { insideFile } : {}), reason, kind });
      const stub = stubFor(kind, shownRef);
      if (stub === DROP && isReusableParameterSlot(at)) droppedParameterPointers.add(formatPointer(at));
      return stub;
    };

    const target = resolveTarget(ref, ctx);
    if (!target.ok) return fail(target.reason);
    // A ref back into the input itself becomes an ordinary internal ref.
    if (target.file === rootFile) return { ...node, $ref: '#' + target.fragment };
    const key = `${target.file}#${formatPointer(target.segments)}`;
    if (ctx.chain.includes(key)) return fail('circular reference (cannot be inlined)');
    if (ctx.depth >= MAX_INLINE_DEPTH) return fail(`nested more than ${MAX_INLINE_DEPTH} files/refs deep`);
    inlined += 1;
    const copy = structuredClone(target.value);
    return visit(copy, at, { file: target.file, depth: ctx.depth + 1, chain: [...ctx.chain, key] });
  };

  const visit = (node: unknown, at: string[], ctx: Context): Visited => {
    if (Array.isArray(node)) {
      const kept: unknown[] = [];
      node.forEach((item, index) => {
        const result = visit(item, [...at, String(index)], ctx);
        if (result !== DROP) kept.push(result);
      });
      return kept;
    }
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    // Only a string $ref is a reference: an object-valued "$ref" is a property that happens to be named $ref.
    if (typeof record.$ref === 'string') {
      const ref = record.$ref;
      const internalToInput = ref.startsWith('#') && ctx.file === rootFile;
      return internalToInput ? record : handleRef(record, ref, at, ctx);
    }
    for (const key of Object.keys(record)) {
      const result = visit(record[key], [...at, key], ctx);
      if (result === DROP) delete record[key];
      else record[key] = result;
    }
    return record;
  };

  visit(doc, [], { file: rootFile, depth: 0, chain: [] });
  if (droppedParameterPointers.size > 0) removeParameterUses(doc, droppedParameterPointers);
  return { stubbed, inlined };
}

/** Which kind of object sits at this place in the document, so a stub can take a valid shape there. */
export function classifyPosition(at: readonly string[], format: SpecFormat): StubKind {
  const is = (...pattern: string[]) => pattern.length === at.length && pattern.every((p, i) => p === '*' || p === at[i]);
  const components = format === 'openapi3' ? ['components'] : [];
  const reusable = (section2: string, section3: string) =>
    format === 'openapi3' ? is('components', section3, '*') : is(section2, '*');

  if (is('paths', '*') || is('components', 'pathItems', '*')) return 'pathItem';
  if (is('paths', '*', 'parameters', '*') || is('paths', '*', '*', 'parameters', '*') || reusable('parameters', 'parameters')) {
    return 'parameter';
  }
  if (is('paths', '*', '*', 'responses', '*') || reusable('responses', 'responses')) return 'response';
  if (
    is('paths', '*', '*', 'responses', '*', 'headers', '*') ||
    is(...components, 'responses', '*', 'headers', '*') ||
    (format === 'openapi3' && is('components', 'headers', '*'))
  ) {
    return 'header';
  }
  if (format === 'openapi3' && (is('paths', '*', '*', 'requestBody') || is('components', 'requestBodies', '*'))) return 'requestBody';
  if (format === 'openapi3' && is('components', 'examples', '*')) return 'example';
  return 'schema';
}

function isReusableParameterSlot(at: readonly string[]): boolean {
  return (at.length === 2 && at[0] === 'parameters') || (at.length === 3 && at[0] === 'components' && at[1] === 'parameters');
}

/** Drops `- $ref: '#/parameters/X'` entries whose target was itself an unresolved (dropped) parameter. */
function removeParameterUses(node: unknown, dropped: ReadonlySet<string>): void {
  if (Array.isArray(node)) {
    for (let i = node.length - 1; i >= 0; i--) {
      const item: unknown = node[i];
      const ref = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).$ref : undefined;
      if (typeof ref === 'string' && dropped.has(ref)) node.splice(i, 1);
      else removeParameterUses(item, dropped);
    }
  } else if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) removeParameterUses(value, dropped);
  }
}

/** How a ref written in the input would name `file`, e.g. './shared/common.yaml'. */
function relativeRef(rootFile: string, file: string): string {
  const relative = path.relative(path.dirname(rootFile), file).split(path.sep).join('/');
  return relative.startsWith('../') ? relative : `./${relative}`;
}

const KIND_NAMES: Record<StubKind, string> = {
  schema: 'a stub schema',
  response: 'a stub response',
  header: 'a stub header',
  requestBody: 'a stub request body',
  parameter: 'nothing (parameter left out)',
  pathItem: 'an empty path item (no operations)',
  example: 'a stub example',
};

/** One line per stub for stderr: the ref, where it occurs, why, and what replaced it. */
export function describeStub(stub: StubbedRef): string {
  const where = stub.insideFile ? `${stub.pointer} (inside content inlined from ${stub.insideFile})` : stub.pointer;
  return `warning: unresolved external $ref "${stub.ref}" at ${where}: ${stub.reason}; replaced by ${KIND_NAMES[stub.kind]}`;
}
