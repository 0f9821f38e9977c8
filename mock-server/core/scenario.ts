// Scenario files: a situation as data (scenarios/<name>.yaml), validated against
// scenarios/schema.json and turned into simulator options. An invalid file is
// refused with the file, the place in it, and what was expected.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { FaultRule } from './faults.ts';
import type { TokenShape } from './handlers/context.ts';
import type { Profile, QuirkName } from './quirks.ts';
import { InvalidInputError, validateScenarioValue } from './scenario-schema.ts';

export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface Expectation {
  name: string;
  description?: string;
  params?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  description: string;
  seed?: number;
  size?: number | 'tiny' | 'small' | 'medium' | 'large';
  today?: string;
  profile?: Profile;
  quirks?: Partial<Record<QuirkName, boolean>>;
  token?: { shape?: TokenShape; lifetimeSeconds?: number; rejectCredentials?: boolean };
  faults?: FaultRule[];
  expect?: Expectation[];
  /** What Gigi must do here, per workflow: read by the suite (src/suite), only its shape checked here. */
  suite?: Record<string, Record<string, unknown>>;
  /** Where it was read from. */
  file: string;
}

/** The catalogue: every scenarios/*.yaml, by name; a file that does not load is listed with its error. */
export function listScenarios(dir = SCENARIO_DIR): { name: string; description: string; file: string; error?: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      try {
        const scenario = loadScenario(file);
        return { name: scenario.name, description: scenario.description, file };
      } catch (error) {
        return { name: f.replace(/\.yaml$/, ''), description: '', file, error: (error as Error).message };
      }
    });
}

/** A name from the catalogue (`happy-path`) or a path to a YAML file. */
export function resolveScenarioFile(nameOrPath: string, dir = SCENARIO_DIR): string {
  if (/[\\/]|\.ya?ml$/.test(nameOrPath)) {
    // Relative to the working directory; the CLI resolves a path typed elsewhere first.
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
    if (!existsSync(path)) throw new InvalidInputError(`scenario: no file at ${path}`);
    return path;
  }
  const path = join(dir, `${nameOrPath}.yaml`);
  if (!existsSync(path)) {
    const known = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    throw new InvalidInputError(`scenario: no scenario named "${nameOrPath}"; the catalogue has ${known.join(', ')}`);
  }
  return path;
}

export function loadScenario(nameOrPath: string, dir = SCENARIO_DIR): Scenario {
  const file = resolveScenarioFile(nameOrPath, dir);
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    const at = first.pos ? lines.linePos(first.pos[0]) : undefined;
    throw new InvalidInputError(`${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML (${first.message.split('\n')[0]})`);
  }
  const value = doc.toJS() as unknown;
  validateScenarioValue(value, file);
  const scenario = { ...(value as Omit<Scenario, 'file'>), file };
  const expectedName = basename(file).replace(/\.ya?ml$/, '');
  if (scenario.name !== expectedName) {
    throw new InvalidInputError(`${file}: invalid scenario\n  at name: "${scenario.name}" must match the file name "${expectedName}"`);
  }
  return scenario;
}
