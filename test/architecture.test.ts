// The architecture, held by tools: dependency-cruiser for imports
// (.dependency-cruiser.cjs) and a TypeScript scan for reads of process.env.
// Each rule is shown to fire on a deliberate violation in test/fixtures/architecture/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs');
const FIXTURE = 'test/fixtures/architecture';

async function violations(roots: string[], baseDir = process.cwd()): Promise<string[]> {
  const result: IReporterOutput = await cruise(roots, { baseDir, ruleSet: { forbidden: rules.forbidden }, ...rules.options, validate: true });
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every read of the environment: `process.env`, `process['env']`, `const { env } = process`. */
function environmentReads(file: string): number[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const isProcess = (node: ts.Node) => (ts.isIdentifier(node) && node.text === 'process') || (ts.isPropertyAccessExpression(node) && node.name.text === 'process');
  const visit = (node: ts.Node) => {
    const hit =
      (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) ||
      (ts.isElementAccessExpression(node) && isProcess(node.expression) && ts.isStringLiteral(node.argumentExpression) && node.argumentExpression.text === 'env') ||
      (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name) && node.name.elements.some((e) => (e.propertyName ?? e.name).getText() === 'env'));
    if (hit) lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

describe('architecture', () => {
  it('holds: no transport in the simulator core, Gigi and the simulator apart, no tests in shipped code', async () => {
    expect(await violations(['src', 'mock-server'])).toEqual([]);
  });

  it('the import rules fire on a deliberate violation', async () => {
    const found = await violations(['src', 'mock-server'], FIXTURE);
    expect(found).toContainEqual(expect.stringMatching(/^gigi-does-not-import-the-simulator: src\/leaky\.ts → mock-server\/core\/quirks\.ts$/));
    expect(found).toContainEqual(expect.stringMatching(/^core-is-transport-free: mock-server\/core\/quirks\.ts → (node:)?http$/));
  });

  it('under src/ only config.ts reads process.env, and nothing under mock-server/core does', () => {
    const readers = [...tsFiles('src'), ...tsFiles('mock-server/core')].filter((f) => environmentReads(f).length > 0).map((f) => relative('.', f));
    expect(readers).toEqual(['src/config.ts']);
  });

  it('the environment scan fires on a deliberate violation, in each spelling', () => {
    expect(environmentReads(`${FIXTURE}/src/leaky.ts`)).toEqual([4]);
    expect(environmentReads(`${FIXTURE}/mock-server/core/quirks.ts`)).toEqual([4]);
  });
});
