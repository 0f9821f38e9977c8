/**
 * `npm run generate`: spec (Swagger 2.0 or OpenAPI 3.x, YAML or JSON) → TypeScript types.
 *
 *   npm run generate                                   spec/swagger.yaml → generated/wellsky.ts
 *   npm run generate -- --spec vendor.yaml --out x.ts  any other input/output
 *   npm run generate -- --check                        write nothing; fail if the output is stale
 *
 * Pipeline: load → inline/stub external $refs → (2.0 only) swagger2openapi → openapi-typescript.
 * Exit codes: 0 ok / up to date, 1 stale (--check) or the spec cannot be processed, 2 bad flags or paths.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { npmCommand, parseCliArgs, USAGE } from './generate/cli-args.ts';
import { GenerateError, UsageError } from './generate/errors.ts';
import { firstLine, loadSpec } from './generate/load-spec.ts';
import { DEFAULT_OUT, DEFAULT_SPEC, displayPath } from './generate/repo-paths.ts';
import { describeStub, stubExternalRefs } from './generate/stub-external-refs.ts';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv, { spec: DEFAULT_SPEC, out: DEFAULT_OUT });
  if (args.help) {
    console.log(USAGE);
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
  for (const note of spec.notes) console.error(`note: ${note}`);

  const refs = stubExternalRefs(spec.doc, args.spec, spec.format);
  for (const stub of refs.stubbed) console.error(describeStub(stub));

  let openapi = spec.doc;
  let formatLine = `OpenAPI ${spec.version}, used as is`;
  if (spec.format === 'swagger2') {
    const { convertSwagger2 } = await import('./generate/convert-swagger2.ts');
    const converted = await convertSwagger2(spec.doc, inputLabel);
    for (const warning of converted.warnings) console.error(`warning: swagger2openapi: ${warning}`);
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
  const { renderTypes } = await import('./generate/render-types.ts');
  const text = await renderTypes(openapi, { inputLabel, regenerateFlags: flags, baseDir: path.dirname(args.spec) });

  const { paths, operations } = countOperations(openapi);
  console.log(`generate: input ${inputLabel} (${formatLine})`);
  console.log(
    `generate: ${plural(paths, 'path')}, ${plural(operations, 'operation')}; ` +
      `${plural(refs.stubbed.length, 'external $ref')} stubbed, ${refs.inlined} inlined`,
  );

  const current = existsSync(args.out) ? readFileSync(args.out, 'utf8') : undefined;
  if (args.check) {
    if (current === text) {
      console.log(`generate: ${outLabel} is up to date`);
      return 0;
    }
    const problem = current === undefined ? 'does not exist' : `is out of date with ${inputLabel}`;
    console.error(`error: ${outLabel} ${problem}; run \`${npmCommand(flags)}\` and commit the result`);
    return 1;
  }
  if (current === text) {
    console.log(`generate: ${outLabel} is up to date (not rewritten)`);
  } else {
    try {
      mkdirSync(path.dirname(args.out), { recursive: true });
      writeFileSync(args.out, text);
    } catch (err) {
      throw new UsageError(`--out: cannot write ${outLabel}: ${firstLine(err)}; pick a writable file path`);
    }
    console.log(`generate: wrote ${outLabel}`);
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof GenerateError) {
      console.error(`error: ${err.message}`);
      process.exitCode = err.exitCode;
      return;
    }
    // A bug in this script rather than in the input: still one line unless asked for the detail.
    console.error(`error: npm run generate failed unexpectedly: ${firstLine(err)} (set GENERATE_DEBUG=1 for the stack trace)`);
    if (process.env.GENERATE_DEBUG && err instanceof Error) console.error(err.stack);
    process.exitCode = 1;
  },
);
