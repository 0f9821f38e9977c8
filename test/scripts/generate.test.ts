/**
 * `npm run generate` as a user meets it: exit codes, stdout/stderr and the files it writes. Most tests
 * call the generator in-process (the same function the command runs, given argv and where it was typed);
 * the tests at the end run the real command through npm. Inputs other than the committed fixtures go to a
 * temp dir.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../../scripts/generate/run.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'spec/fixtures/vendor-swagger2.yaml';
const STACK_FRAME = '    at ';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The child must not think it runs under `npm run generate` unless a test says so (INIT_CWD changes path resolution). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.npm_lifecycle_event;
  delete env.INIT_CWD;
  delete env.FORCE_COLOR;
  return env;
}

function runFile(file: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: childEnv(), timeout: 60_000 }, (error, stdout, stderr) => {
      // execFile reports a non-zero exit as an error whose `code` is the exit status.
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The generator as the command runs it, typed in `cwd`. */
async function generate(args: readonly string[], cwd = REPO_ROOT): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGenerate(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, { cwd, env: childEnv() });
  return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

const tempRoot = mkdtempSync(path.join(tmpdir(), 'generate-test-'));
let tempCount = 0;
function tempDir(): string {
  const dir = path.join(tempRoot, String(++tempCount));
  mkdirSync(dir, { recursive: true });
  return dir;
}

afterAll(() => {
  rmSync(tempRoot, { recursive: true, force: true });
});

describe('Swagger 2.0 vendor fixture', () => {
  let out: string;
  let result: RunResult;
  let output: string;

  beforeAll(async () => {
    out = path.join(tempDir(), 'vendor.ts');
    result = await generate(['--spec', FIXTURE, '--out', out]);
    output = existsSync(out) ? readFileSync(out, 'utf8') : '';
  });

  it('converts to OpenAPI 3 and writes a paths interface with every fixture path', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(output).toContain('export interface paths {');
    for (const p of ['"/oauth/accesstoken"', '"/v1/practitioners/"', '"/v1/practitioners/{id}/"']) {
      expect(output).toContain(`${p}: {`);
    }
    // Query parameters survive the 2.0 → 3.0 conversion with their types and optionality.
    expect(output).toMatch(/agency_id: number;/);
    expect(output).toMatch(/page_size\?: number;/);
    // formData parameters become a form request body.
    expect(output).toContain('"application/x-www-form-urlencoded"');
  });

  it('summarises what it did on stdout', () => {
    expect(result.stdout).toContain(FIXTURE);
    expect(result.stdout).toMatch(/Swagger 2\.0, converted to OpenAPI 3\.\d\.\d/);
    expect(result.stdout).toContain('3 paths, 3 operations');
    expect(result.stdout).toContain('1 external $ref stubbed');
    expect(result.stdout).toContain('wrote');
  });

  it('reports the dangling external $ref on stderr with where it occurs, and stubs it', () => {
    const lines = result.stderr.split('\n').filter((line) => line.includes('unresolved external $ref'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('./shared/common.yaml#/definitions/Address');
    expect(lines[0]).toContain('#/definitions/Practitioner/properties/mailing_address');
    expect(output).toContain('Unresolved external $ref ./shared/common.yaml#/definitions/Address (stubbed by npm run generate)');
    expect(result.stderr).not.toContain(STACK_FRAME);
  });

  it('inlines the external $ref that resolves, including refs inside the referenced file', () => {
    for (const property of ['street_line_1', 'zip_code', 'latitude', 'longitude']) {
      expect(output).toContain(`${property}?:`);
    }
    expect(result.stderr).not.toContain('shared-present.yaml');
  });

  it('starts with a do-not-edit header naming the repo-relative input and the regenerate command, no timestamp', () => {
    const header = output.slice(0, output.indexOf('*/'));
    expect(header).toContain(`from ${FIXTURE}`);
    expect(header).toMatch(/Never edit this file by hand/);
    expect(header).toContain('npm run generate -- --spec spec/fixtures/vendor-swagger2.yaml --out ');
    expect(header).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}/);
    expect(header).not.toContain(REPO_ROOT);
  });

  it('produces byte-identical output when run again from another cwd', async () => {
    const again = await generate(['--spec', path.join(REPO_ROOT, FIXTURE), '--out', out, '--check'], tempDir());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('is up to date');
  });

  it('produces TypeScript that compiles under strict settings and is usable', () => {
    const dir = path.dirname(out);
    const consumer = path.join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      [
        "import type { components, operations, paths } from './vendor.ts';",
        "type ListQuery = paths['/v1/practitioners/']['get']['parameters']['query'];",
        'export const query: ListQuery = { agency_id: 7, page: 2, is_active: true };',
        "export const practitioner: components['schemas']['Practitioner'] = {",
        "  id: 1001, first_name: 'Avery', last_name: 'Quillfeather', phone: '555-0134',",
        "  home_address: { zip_code: '00000', geo: { latitude: 1, longitude: 2 } },",
        '  mailing_address: { anything: true },',
        '};',
        "type Token = operations['createAccessToken']['responses'][200]['content']['application/json'];",
        "export const token: Token = { access_token: 'x', token_type: 'Bearer', expires_in: 3600 };",
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([consumer], {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      verbatimModuleSyntax: true,
      // The temp dir has no package.json, so NodeNext would treat it as CommonJS; ESM is what the repo uses.
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});

describe('OpenAPI 3 input', () => {
  it('is used as is and generates types', async () => {
    const dir = tempDir();
    const spec = path.join(dir, 'openapi.yaml');
    writeFileSync(
      spec,
      [
        'openapi: 3.0.3',
        'info: { title: Tiny, version: "1" }',
        'paths:',
        '  /v1/clients/{id}/:',
        '    get:',
        '      operationId: getClient',
        '      parameters:',
        '        - { name: id, in: path, required: true, schema: { type: integer } }',
        '      responses:',
        '        "200":',
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema: { $ref: "#/components/schemas/Client" }',
        'components:',
        '  schemas:',
        '    Client:',
        '      type: object',
        '      required: [id]',
        '      properties:',
        '        id: { type: integer }',
        '        preferred_name: { type: string }',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'out', 'tiny.ts');
    const result = await generate(['--spec', spec, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('OpenAPI 3.0.3, used as is');
    expect(result.stdout).toContain('1 path, 1 operation');
    expect(result.stdout).toContain('0 external $refs stubbed');
    const output = readFileSync(out, 'utf8');
    expect(output).toContain('"/v1/clients/{id}/": {');
    expect(output).toContain('preferred_name?: string;');
    expect(result.stderr).toBe('');
  });

  it('reads JSON too, and stubs unresolved refs in a shape valid for where they occur', async () => {
    const dir = tempDir();
    const spec = path.join(dir, 'api.json');
    writeFileSync(
      spec,
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Refs', version: '1' },
        paths: {
          '/v1/things/': {
            get: {
              operationId: 'listThings',
              parameters: [
                { name: 'q', in: 'query', schema: { type: 'string' } },
                { $ref: './missing.yaml#/components/parameters/Trace' },
              ],
              responses: {
                '200': { description: 'ok', content: { 'application/json': { schema: { $ref: './missing.yaml#/Thing' } } } },
                '500': { $ref: 'https://example.com/errors.yaml#/responses/ServerError' },
              },
            },
          },
        },
      }),
    );
    const out = path.join(dir, 'refs.ts');
    const result = await generate(['--spec', spec, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('3 external $refs stubbed');
    const warnings = result.stderr.split('\n').filter((line) => line.includes('unresolved external $ref'));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/#\/paths\/~1v1~1things~1\/get\/parameters\/1: .*parameter left out/);
    expect(warnings[1]).toMatch(/#\/paths\/~1v1~1things~1\/get\/responses\/200\/content\/application~1json\/schema: .*stub schema/);
    expect(warnings[2]).toMatch(/https:\/\/example\.com\/errors\.yaml.*remote reference.*stub response/);
    const output = readFileSync(out, 'utf8');
    expect(output).toContain('q?: string;');
    expect(output).not.toContain('Trace');
  });
});

describe('--check', () => {
  const tiny = (dir: string) => {
    const spec = path.join(dir, 'openapi.yaml');
    writeFileSync(spec, 'openapi: 3.0.3\ninfo: { title: Tiny, version: "1" }\npaths:\n  /ping:\n    get:\n      responses:\n        "204": { description: pong }\n');
    return spec;
  };

  it('exits 0 when the output is up to date and writes nothing', async () => {
    const dir = tempDir();
    const spec = tiny(dir);
    const out = path.join(dir, 'types.ts');
    expect((await generate(['--spec', spec, '--out', out])).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    const result = await generate(['--spec', spec, '--out', out, '--check']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('is up to date');
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('exits 1 naming the stale file and the command to fix it, without touching it', async () => {
    const dir = tempDir();
    const spec = tiny(dir);
    const out = path.join(dir, 'types.ts');
    expect((await generate(['--spec', spec, '--out', out])).code).toBe(0);
    writeFileSync(out, readFileSync(out, 'utf8') + '// hand edit\n');
    const result = await generate(['--spec', spec, '--out', out, '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('types.ts is out of date');
    expect(result.stderr).toContain('run `npm run generate');
    expect(result.stderr).not.toContain(STACK_FRAME);
    expect(readFileSync(out, 'utf8')).toContain('// hand edit');
  });

  it('exits 1 when the output does not exist yet, and does not create it', async () => {
    const dir = tempDir();
    const spec = tiny(dir);
    const out = path.join(dir, 'never-written.ts');
    const result = await generate(['--spec', spec, '--out', out, '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('never-written.ts does not exist');
    expect(result.stderr).toContain('npm run generate');
    expect(existsSync(out)).toBe(false);
  });
});

describe('usage errors: exit 2, one clear line, no stack trace', () => {
  // Independent, quick child processes: run them side by side (concurrent tests use the context's expect).
  it.concurrent.for([
    { name: 'unknown flag', args: ['--bogus'], mentions: ['--bogus', '--spec <path>'] },
    { name: 'missing --spec file', args: ['--spec', 'spec/does-not-exist.yaml'], mentions: ['spec/does-not-exist.yaml', 'not found'] },
    { name: '--spec without a value', args: ['--spec'], mentions: ['--spec needs a file path'] },
    { name: 'stray positional argument', args: ['vendor.yaml'], mentions: ['vendor.yaml', '--spec'] },
    { name: '--out pointing at a directory', args: ['--spec', FIXTURE, '--out', 'spec/fixtures'], mentions: ['spec/fixtures is a directory'] },
  ])('$name', async ({ args, mentions }, { expect }) => {
    const result = await generate(args);
    expect(result.code).toBe(2);
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errorLines).toHaveLength(1);
    for (const text of mentions) expect(errorLines[0]).toContain(text);
    expect(result.stdout + result.stderr).not.toContain(STACK_FRAME);
  });

  it('a file that is not an API spec exits 1 with a clear message', async () => {
    const dir = tempDir();
    const spec = path.join(dir, 'notes.yaml');
    writeFileSync(spec, 'title: not a spec\n');
    const result = await generate(['--spec', spec, '--out', path.join(dir, 'x.ts')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/notes\.yaml has neither "swagger: '2\.0'" nor "openapi: 3\.x"/);
    expect(result.stdout + result.stderr).not.toContain(STACK_FRAME);
  });
});

describe('npm run generate', () => {
  it('resolves relative --spec/--out against the directory the command was typed in', async () => {
    const out = path.join(tempDir(), 'from-subdir.ts');
    // npm moves the cwd to the package root; the script must use INIT_CWD for relative paths.
    const result = await runFile('npm', ['run', '-s', 'generate', '--', '--spec', 'vendor-swagger2.yaml', '--out', out], path.join(REPO_ROOT, 'spec', 'fixtures'));
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(`from ${FIXTURE}`);
  });

  it('generated/wellsky.ts is up to date with spec/swagger.yaml (what `npm run generate -- --check` checks in CI)', async () => {
    const result = await generate(['--check']);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('generated/wellsky.ts is up to date');
  });
});
