// Validates scenario files and run-time fault rules against scenarios/schema.json,
// the schema editors also use. Errors name the file, the place in it, and what was expected.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { RE2JS } from 're2js';
import { addFormats } from './ajv-formats.ts';

export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as {
  $id: string;
  properties: { faults: { maxItems: number } };
  definitions: { delay: { oneOf: [{ maximum: number }] } };
};

/** The most fault rules a scenario file holds, and the simulator at once (scenarios/schema.json). */
export const MAX_FAULT_RULES = schema.properties.faults.maxItems;
/** The longest delay a fault rule may wait, in ms (10 minutes); a longer random draw waits this long. */
export const MAX_DELAY_MS = schema.definitions.delay.oneOf[0].maximum;

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
    // An error about one property name: its propertyNames error says it once.
    if ((e as { propertyName?: string }).propertyName !== undefined) continue;
    const where = root + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    const p = e.params as Record<string, unknown>;
    let what: string;
    const special = fixFor(e);
    if (special) what = special;
    else if (e.keyword === 'additionalProperties') what = `unknown key "${p.additionalProperty}"; allowed keys: ${Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(', ')}`;
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

/** What is wrong with a response header name, and what to do instead. */
function headerNameProblem(name: string): string {
  if (name === '') return 'a header name cannot be empty';
  const shown = JSON.stringify(name);
  if (/[\r\n]/.test(name)) return `header name ${shown} holds a line break (CR or LF), which would split the response; remove it`;
  if (/\s/.test(name)) return `header name ${shown} holds white space; header names are single words like retry-after`;
  if (/^(content-length|transfer-encoding)$/i.test(name)) return `header ${shown} is the server's to set (it frames the body); remove it from the rule (for a cut-off body use behaviour truncated-json)`;
  return `header name ${shown} is not an HTTP token; use only letters, digits and !#$%&'*+.^_\`|~-`;
}

/** What is wrong with a response header value, and what to do instead. */
function headerValueProblem(value: unknown): string {
  if (typeof value !== 'string') return 'must be string';
  if (value.length > 4096) return `is ${value.length} characters long; a header value holds at most 4096`;
  if (/[\r\n]/.test(value)) return 'holds a line break (CR or LF), which would split the response; put the value on one line';
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    return /[\x00-\x1f\x7f]/.test(value)
      ? 'holds a control character; a header value is printable text (tab allowed)'
      : 'holds a character outside Latin-1 (like €, emoji or CJK), which HTTP cannot carry; percent-encode it or use plain ASCII';
  }
  return 'is not a valid header value';
}

/** A message naming the fix for the errors whose plain wording would not. */
function fixFor(e: ErrorObject): string | undefined {
  const path = e.instancePath;
  const p = e.params as Record<string, unknown>;
  if (/\/then\/headers$/.test(path) && e.keyword === 'propertyNames') return headerNameProblem(String(p.propertyName));
  if (/\/then\/headers$/.test(path) && e.keyword === 'maxProperties') return `more than ${p.limit} headers; a rule sets at most ${p.limit}`;
  if (/\/then\/headers\/[^/]*$/.test(path) && (e.keyword === 'pattern' || e.keyword === 'maxLength')) return headerValueProblem(e.data);
  if (/\/then\/status$/.test(path) && e.keyword === 'minimum') {
    return `${e.data} is an interim (1xx) status no client takes as the reply; use 200 to 599 (for no answer at all use behaviour hang)`;
  }
  if (/^\/faults$/.test(path) && e.keyword === 'maxItems') return `${(e.data as unknown[]).length} fault rules; a scenario holds at most ${MAX_FAULT_RULES}: merge rules (one path pattern can cover many routes)`;
  if (/\/when\/path$/.test(path) && e.keyword === 'maxLength') return `a pattern of ${(e.data as string).length} characters; at most ${p.limit}`;
  return undefined;
}

/**
 * Fault-rule paths are matched by RE2 (re2js), which takes time linear in the
 * path whatever the pattern, so no pattern can freeze the mock. RE2 has no
 * backreferences or lookaround: such a pattern is refused here, with the fix.
 */
export function compilePathPattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

function pathPatternProblem(pattern: string): string | undefined {
  try {
    compilePathPattern(pattern);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /invalid escape sequence: `\\[1-9k]/.test(reason)
      ? 'backreferences (\\1, \\k<name>) are not supported; repeat the group instead'
      : /\(\?<?[=!]/.test(pattern)
        ? 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported; match the text itself, or use a second rule listed first'
        : /repeat count/.test(reason)
          ? 'a repeat count is at most 1000, nested repeats included; use + or * instead'
          : 'write it with the RE2 subset of regular expressions (no backreferences, no lookaround, \\x41 rather than \\u0041)';
    return `fault paths are matched by RE2 in linear time, which cannot take this pattern (${reason}); ${hint}`;
  }
}

interface RuleShape {
  name?: string;
  when?: { path?: string; calls?: { from: number; to?: number } };
  then?: { status?: number; body?: unknown; behaviour?: string; headers?: Record<string, string>; delay?: { uniform?: { minMs: number; maxMs: number } } };
}

/** Behaviours that send no body, the only ones a 204 or 304 may go with. */
const BODILESS = new Set(['empty-body', 'hang', 'reset']);

function crossChecks(value: Record<string, unknown>, root: string): string[] {
  const problems: string[] = [];
  const rules = (value.faults as RuleShape[] | undefined) ?? [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (rule.name && seen.has(rule.name)) problems.push(`at ${root}.faults[${i}].name: "${rule.name}" is used twice; fault names must be unique`);
    if (rule.name) seen.add(rule.name);
    const calls = rule.when?.calls;
    if (calls?.to !== undefined && calls.to < calls.from) problems.push(`at ${root}.faults[${i}].when.calls: "to" (${calls.to}) is before "from" (${calls.from})`);
    const path = rule.when?.path;
    const pathProblem = path === undefined ? undefined : pathPatternProblem(path);
    if (pathProblem) problems.push(`at ${root}.faults[${i}].when.path: ${pathProblem}`);
    const then = rule.then ?? {};
    if (then.status === 204 || then.status === 304) {
      const behaviour = then.behaviour ?? (then.status !== undefined || then.body !== undefined ? 'respond' : 'pass');
      if (then.body !== undefined || !(behaviour === 'respond' || BODILESS.has(behaviour))) {
        problems.push(`at ${root}.faults[${i}].then: status ${then.status} carries no body, but ${then.body !== undefined ? 'a body is given' : `behaviour ${behaviour} sends one`}; leave the body out and use behaviour respond, empty-body, hang or reset (or another status)`);
      }
    }
    const names = new Map<string, string>();
    for (const name of Object.keys(then.headers ?? {})) {
      const other = names.get(name.toLowerCase());
      if (other !== undefined) problems.push(`at ${root}.faults[${i}].then.headers: "${other}" and "${name}" are the same header (names ignore case); keep one`);
      names.set(name.toLowerCase(), name);
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
