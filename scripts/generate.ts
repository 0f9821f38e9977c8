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
import { runGenerate } from './generate/run.ts';

process.exitCode = await runGenerate(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }, { cwd: process.cwd(), env: process.env });
