// The generator as a function: argv and where it was typed in, lines out, an exit
// code back. scripts/generate.ts is the command around it; tests call it directly.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { npmCommand, parseCliArgs, USAGE } from './cli-args.ts';
import { GenerateError, UsageError } from './errors.ts';
import { firstLine, loadSpec } from './load-spec.ts';
import { DEFAULT_OUT, DEFAULT_SPEC, displayPath } from './repo-paths.ts';
import { describeStub, stubExternalRefs } from './stub-external-refs.ts';

export interface GenerateIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface GenerateContext {
  /** Where the command was typed; relative --spec/--out start here. */
  cwd: string;
  env: Record<string, string | undefined>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

async function main(argv: readonly string[], io: GenerateIo, context: GenerateContext): Promise<number> {
  const args = parseCliArgs(argv, { spec: DEFAULT_SPEC, out: DEFAULT_OUT }, context.env, context.cwd);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const inputLabel = displayPath(args.spec);
  const outLabel = displayPath(args.out);

  if (!existsSync(args.spec)) {
    throw new UsageError(
      args.specFromFlag
        ? `--spec: file not found: ${inputLabel}; pass an existing Swagger 2.0 or OpenAPI 3 file`
        : `${inputLabel} not found; write the spec there first, or pass another file with --spec <path>`,
    );
  }
  if (!statSync(args.spec).isFile()) throw new UsageError(`--spec: ${inputLabel} is not a file; pass the path of a YAML or JSON spec`);
  if (existsSync(args.out) && !statSync(args.out).isFile()) {
    throw new UsageError(`--out: ${outLabel} is a directory; pass a file path such as ${outLabel}/wellsky.ts`);
  }

  const spec = loadSpec(args.spec);
  for (const note of spec.notes) io.err(`note: ${note}`);

  const refs = stubExternalRefs(spec.doc, args.spec, spec.format);
  for (const stub of refs.stubbed) io.err(describeStub(stub));

  let openapi = spec.doc;
  let formatLine = `OpenAPI ${spec.version}, used as is`;
  if (spec.format === 'swagger2') {
    const { convertSwagger2 } = await import('./convert-swagger2.ts');
    const converted = await convertSwagger2(spec.doc, inputLabel);
    for (const warning of converted.warnings) io.err(`warning: swagger2openapi: ${warning}`);
    openapi = converted.openapi;
    // patch: true makes swagger2openapi repair what it can (x-nullable, malformed types, ...); say so.
    const patched = converted.patches > 0 ? `, ${plural(converted.patches, 'fix-up')} applied` : '';
    formatLine = `Swagger 2.0, converted to OpenAPI ${String(openapi.openapi)} with swagger2openapi${patched}`;
  }

  // Only non-default paths go into the header's command, so the default output names no temp/absolute paths.
  const flags = [
    ...(args.spec !== DEFAULT_SPEC ? ['--spec', inputLabel] : []),
    ...(args.out !== DEFAULT_OUT ? ['--out', outLabel] : []),
  ];
  // Loaded late: openapi-typescript pulls in TypeScript and Redocly, so flag/path errors stay instant.
  const { renderTypes } = await import('./render-types.ts');
  const text = await renderTypes(openapi, { inputLabel, regenerateFlags: flags, baseDir: path.dirname(args.spec) });

  const { paths, operations } = countOperations(openapi);
  io.out(`generate: input ${inputLabel} (${formatLine})`);
  io.out(
    `generate: ${plural(paths, 'path')}, ${plural(operations, 'operation')}; ` +
      `${plural(refs.stubbed.length, 'external $ref')} stubbed, ${refs.inlined} inlined`,
  );

  const current = existsSync(args.out) ? readFileSync(args.out, 'utf8') : undefined;
  if (args.check) {
    if (current === text) {
      io.out(`generate: ${outLabel} is up to date`);
      return 0;
    }
    const problem = current === undefined ? 'does not exist' : `is out of date with ${inputLabel}`;
    io.err(`error: ${outLabel} ${problem}; run \`${npmCommand(flags)}\` and commit the result`);
    return 1;
  }
  if (current === text) {
    io.out(`generate: ${outLabel} is up to date (not rewritten)`);
  } else {
    try {
      mkdirSync(path.dirname(args.out), { recursive: true });
      writeFileSync(args.out, text);
    } catch (err) {
      throw new UsageError(`--out: cannot write ${outLabel}: ${firstLine(err)}; pick a writable file path`);
    }
    io.out(`generate: wrote ${outLabel}`);
  }
  return 0;
}

function countOperations(openapi: Record<string, unknown>): { paths: number; operations: number } {
  const paths = (openapi.paths ?? {}) as Record<string, unknown>;
  let operations = 0;
  for (const item of Object.values(paths)) {
    if (item && typeof item === 'object') operations += HTTP_METHODS.filter((m) => m in item).length;
  }
  return { paths: Object.keys(paths).length, operations };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs the generator; resolves to the exit code (0 done or up to date, 1 stale or unreadable spec, 2 bad flags or paths). */
export async function runGenerate(argv: readonly string[], io: GenerateIo, context: GenerateContext): Promise<number> {
  try {
    return await main(argv, io, context);
  } catch (err: unknown) {
    if (err instanceof UsageError || err instanceof GenerateError) {
      io.err(`error: ${err.message}`);
      return err.exitCode;
    }
    // A bug in this script rather than in the input: still one line unless asked for the detail.
    io.err(`error: npm run generate failed unexpectedly: ${firstLine(err)} (set GENERATE_DEBUG=1 for the stack trace)`);
    if (context.env.GENERATE_DEBUG && err instanceof Error) io.err(err.stack ?? '');
    return 1;
  }
}
