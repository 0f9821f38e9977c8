// What each scenario says Gigi must do: the `suite:` block of its YAML file in
// scenarios/ (the schema is scenarios/schema.json). Read here on Gigi's side
// from the file itself; the simulated WellSky reads the rest of the file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CallerSource } from '../callerid/answer.ts';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export const WORKFLOWS = ['caller-id', 'call-out', 'complaint', 'prospect-intake', 'clock-in-watch', 'data-quality'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

export interface CallOutExpectation {
  outcome: 'offered' | 'no-replacement' | 'manager-alerted' | 'no-shift';
  shiftNote: 'written' | 'failed' | 'refused' | 'skipped';
  failureKind?: string;
}

export interface ScenarioPlan {
  name: string;
  seed?: number;
  size?: string | number;
  /** Absent when the file says nothing for a workflow: the suite reports that, it does not guess. */
  expect: {
    'caller-id'?: { source: CallerSource };
    'call-out'?: CallOutExpectation;
    complaint?: { history: 'included' | 'unavailable'; failureKind?: string };
    'prospect-intake'?: { outcome: 'created' | 'not-created'; failureKind?: string };
    'clock-in-watch'?: { reads: 'complete' | 'failed'; failureKind?: string };
    'data-quality'?: { from: 'cache' };
  };
}

const SOURCES = ['cache', 'api', 'known-contact', 'none'];
const OUTCOMES = ['offered', 'no-replacement', 'manager-alerted', 'no-shift'];
const NOTES = ['written', 'failed', 'refused', 'skipped'];

export class ScenarioPlanError extends Error {}

function oneOf(value: unknown, allowed: string[], where: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new ScenarioPlanError(`${where}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value;
}

export function readPlan(name: string, dir = SCENARIOS_DIR): ScenarioPlan {
  const file = `${dir}${name}.yaml`;
  let doc: Record<string, unknown>;
  try {
    doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new ScenarioPlanError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const suite = (doc.suite ?? {}) as Record<string, Record<string, unknown>>;
  const where = (k: string) => `${file}: suite.${k}`;
  for (const key of Object.keys(suite)) if (!(WORKFLOWS as readonly string[]).includes(key)) throw new ScenarioPlanError(`${where(key)}: not a workflow; the suite checks ${WORKFLOWS.join(', ')}`);
  const expect: ScenarioPlan['expect'] = {};
  const callerId = suite['caller-id'];
  if (callerId) expect['caller-id'] = { source: oneOf(callerId.source, SOURCES, `${where('caller-id')}.source`) as CallerSource };
  const callOut = suite['call-out'];
  if (callOut) {
    const failureKind = callOut.failureKind;
    if (failureKind !== undefined && (typeof failureKind !== 'string' || !/^[a-z][a-z-]*$/.test(failureKind))) throw new ScenarioPlanError(`${where('call-out')}.failureKind: a failure kind such as upstream-down`);
    expect['call-out'] = {
      outcome: oneOf(callOut.outcome, OUTCOMES, `${where('call-out')}.outcome`) as CallOutExpectation['outcome'],
      shiftNote: oneOf(callOut.shiftNote, NOTES, `${where('call-out')}.shiftNote`) as CallOutExpectation['shiftNote'],
      ...(typeof failureKind === 'string' ? { failureKind } : {}),
    };
  }
  const kindOf = (value: unknown, where: string): { failureKind?: string } => {
    if (value === undefined) return {};
    if (typeof value !== 'string' || !/^[a-z][a-z-]*$/.test(value)) throw new ScenarioPlanError(`${where}: a failure kind such as upstream-down`);
    return { failureKind: value };
  };
  const complaint = suite.complaint;
  if (complaint) expect.complaint = { history: oneOf(complaint.history, ['included', 'unavailable'], `${where('complaint')}.history`) as 'included' | 'unavailable', ...kindOf(complaint.failureKind, `${where('complaint')}.failureKind`) };
  const prospect = suite['prospect-intake'];
  if (prospect) expect['prospect-intake'] = { outcome: oneOf(prospect.outcome, ['created', 'not-created'], `${where('prospect-intake')}.outcome`) as 'created' | 'not-created', ...kindOf(prospect.failureKind, `${where('prospect-intake')}.failureKind`) };
  const watch = suite['clock-in-watch'];
  if (watch) expect['clock-in-watch'] = { reads: oneOf(watch.reads, ['complete', 'failed'], `${where('clock-in-watch')}.reads`) as 'complete' | 'failed', ...kindOf(watch.failureKind, `${where('clock-in-watch')}.failureKind`) };
  const quality = suite['data-quality'];
  if (quality) expect['data-quality'] = { from: oneOf(quality.from, ['cache'], `${where('data-quality')}.from`) as 'cache' };
  return {
    name,
    ...(typeof doc.seed === 'number' ? { seed: doc.seed } : {}),
    ...(typeof doc.size === 'string' || typeof doc.size === 'number' ? { size: doc.size } : {}),
    expect,
  };
}

export function scenarioNames(dir = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}
