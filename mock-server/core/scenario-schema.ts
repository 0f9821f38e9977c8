// Validates scenario files and run-time fault rules against scenarios/schema.json,
// the schema editors also use. Errors name the file, the place in it, and what was expected.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { addFormats } from './ajv-formats.ts';


export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as { $id: string };

// verbose: errors carry their schema, so a message can list the allowed keys.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
addFormats(ajv);
ajv.addSchema(schema);
const validateScenarioShape = ajv.getSchema(schema.$id)!;
const validateFaultShape = ajv.compile({ $ref: `${schema.$id}#/definitions/faultRule` });

export class InvalidInputError extends Error {}

/** Turns Ajv's errors into `at <path>: <what was expected>` lines a person can act on. */
export function explain(errors: ErrorObject[] | null | undefined, root: string): string[] {
  const lines: string[] = [];
  const all = errors ?? [];
  // A value that fits none of a oneOf's forms gets one line naming the forms,
  // not one line per branch it failed.
  const alternatives = all.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const underAlternative = (e: ErrorObject) => alternatives.some((a) => a !== e && (e.instancePath === a.instancePath || e.instancePath.startsWith(`${a.instancePath}/`)));
  for (const e of all) {
    if (e.keyword === 'if') continue;
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && !underAlternative(e)) {
      const where = root + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      const line = `at ${where}: does not fit any of the allowed forms${description ? ` (${description})` : ''}`;
      if (!lines.includes(line)) lines.push(line);
      continue;
    }
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || underAlternative(e)) continue;
    const where = root + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    const p = e.params as Record<string, unknown>;
    let what: string;
    if (e.keyword === 'additionalProperties') what = `unknown key "${p.additionalProperty}"; allowed keys: ${Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(', ')}`;
    else if (e.keyword === 'required') what = `missing "${p.missingProperty}"`;
    else if (e.keyword === 'enum') what = `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    else if (e.keyword === 'format' && p.format === 'regex') what = 'is not a valid regular expression';
    else if (e.keyword === 'propertyNames') what = `unknown name "${p.propertyName}"`;
    else if (e.keyword === 'type') what = `must be ${p.type}`;
    else what = e.message ?? e.keyword;
    const line = `at ${where}: ${what}`;
    if (!lines.includes(line) && !(e.keyword === 'enum' && e.instancePath.endsWith('propertyName'))) lines.push(line);
  }
  return lines;
}

// Every request is tested against every rule's path pattern on the one event
// loop: a group that repeats and holds a repeat itself ("(a+)+", "((a+))+") can
// backtrack for minutes and freeze the mock, so such patterns are refused up
// front. (A check, not a proof: overlapping alternatives like "(a|a)+" pass.)
function hasNestedRepeat(pattern: string): boolean {
  const open: boolean[] = []; // per open group: does it hold a repeat?
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // A character class: skip to its end; nothing inside is a quantifier.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      open.push(false);
    } else if (c === ')') {
      const inner = open.pop() ?? false;
      const next = pattern[i + 1];
      const repeated = next === '+' || next === '*' || (next === '{' && /^\{\d+,\d*\}/.test(pattern.slice(i + 1)));
      if (inner && repeated) return true;
      if (open.length && (inner || repeated)) open[open.length - 1] = true;
    } else if ((c === '+' || c === '*' || c === '{') && open.length) {
      open[open.length - 1] = true;
    }
  }
  return false;
}

function crossChecks(value: Record<string, unknown>, root: string): string[] {
  const problems: string[] = [];
  const rules = (value.faults as { name?: string; when?: { path?: string; calls?: { from: number; to?: number } }; then?: { delay?: { uniform?: { minMs: number; maxMs: number } } } }[] | undefined) ?? [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (rule.name && seen.has(rule.name)) problems.push(`at ${root}.faults[${i}].name: "${rule.name}" is used twice; fault names must be unique`);
    if (rule.name) seen.add(rule.name);
    const calls = rule.when?.calls;
    if (calls?.to !== undefined && calls.to < calls.from) problems.push(`at ${root}.faults[${i}].when.calls: "to" (${calls.to}) is before "from" (${calls.from})`);
    const path = rule.when?.path;
    if (path !== undefined && hasNestedRepeat(path)) {
      problems.push(`at ${root}.faults[${i}].when.path: a repeated group that itself repeats (like "(a+)+") can take minutes on one path; write it without the nested repeat`);
    }
    const u = rule.then?.delay?.uniform;
    if (u && u.maxMs < u.minMs) problems.push(`at ${root}.faults[${i}].then.delay.uniform: maxMs (${u.maxMs}) is below minMs (${u.minMs})`);
  });
  return problems;
}

export function validateScenarioValue(value: unknown, source: string): void {
  const ok = validateScenarioShape(value);
  const problems = ok ? crossChecks(value as Record<string, unknown>, '') : explain(validateScenarioShape.errors, '');
  if (problems.length) {
    throw new InvalidInputError(`${source}: invalid scenario\n  ${problems.map((p) => p.replace('at : ', 'at top level: ').replace(/^at \./, 'at ')).join('\n  ')}`);
  }
}

export function validateFaultRuleValue(value: unknown, source: string): void {
  if (!validateFaultShape(value)) {
    throw new InvalidInputError(`${source}: invalid fault rule\n  ${explain(validateFaultShape.errors, 'rule').join('\n  ')}`);
  }
  const problems = crossChecks({ faults: [value] }, '').map((p) => p.replace('.faults[0]', 'rule'));
  if (problems.length) throw new InvalidInputError(`${source}: invalid fault rule\n  ${problems.join('\n  ')}`);
}
