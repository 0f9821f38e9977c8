// A broken scenario file is refused with the file, the place in it and what was
// expected — never a stack trace — by the loader, the control API and the CLI alike.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios, loadScenario } from '../../mock-server/core/scenario.ts';
import { InvalidInputError } from '../../mock-server/core/scenario-schema.ts';
import { DOOR_KINDS, openDoor, type Door } from '../support/doors.ts';

const HEADER = '# yaml-language-server: $schema=./schema.json\n';
const DESCRIPTION = 'description: A scenario written wrong on purpose, to read the error it gets.\n';

/** name → file text; each file is <name>.yaml, so only the broken part is wrong. */
const BROKEN: Record<string, string> = {
  'unknown-key': `name: unknown-key\n${DESCRIPTION}colour: blue\n`,
  'wrong-type': `name: wrong-type\n${DESCRIPTION}faults:\n  - name: down\n    then: { status: "five hundred" }\n`,
  'bad-regex': `name: bad-regex\n${DESCRIPTION}faults:\n  - name: down\n    when: { path: "^/v1/(practitioners" }\n    then: { status: 503 }\n`,
  'probability-above-one': `name: probability-above-one\n${DESCRIPTION}faults:\n  - name: flaky\n    when: { probability: 1.5 }\n    then: { status: 502 }\n`,
  'invalid-yaml': `name: invalid-yaml\n${DESCRIPTION}faults:\n  - name: down\n    then: { status: 503\n  - name: other\n`,
  'name-mismatch': `name: happy-path\n${DESCRIPTION}`,
  'unknown-fault-key': `name: unknown-fault-key\n${DESCRIPTION}faults:\n  - name: down\n    when: { route: known }\n    then: { status: 503 }\n`,
  'bad-token-shape': `name: bad-token-shape\n${DESCRIPTION}token: { shape: jwt }\n`,
  'duplicate-fault': `name: duplicate-fault\n${DESCRIPTION}faults:\n  - name: down\n    then: { status: 503 }\n  - name: down\n    then: { status: 500 }\n`,
};

let dir: string;
const fileOf = (name: string) => join(dir, `${name}.yaml`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'broken-scenarios-'));
  for (const [name, text] of Object.entries(BROKEN)) writeFileSync(fileOf(name), HEADER + text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The loader's message for a file; fails the test if the file loads or the error is not an InvalidInputError. */
function refusal(nameOrPath: string): string {
  try {
    loadScenario(nameOrPath);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const message = (error as Error).message;
    expect(message).not.toContain('    at ');
    return message;
  }
  throw new Error(`${nameOrPath} loaded, but should have been refused`);
}

describe('invalid scenario files are refused with a message naming the place', () => {
  it('an unknown top-level key is named', () => {
    const message = refusal(fileOf('unknown-key'));
    expect(message.startsWith(`${fileOf('unknown-key')}: invalid scenario\n  at top level: unknown key "colour"; allowed keys:`)).toBe(true);
  });

  it('the unknown-key message lists the allowed keys', () => {
    expect(refusal(fileOf('unknown-key'))).toMatch(/allowed keys: \$schema, name, description, seed, size, today, profile, quirks, token, faults, suite, expect$/);
  });

  it('an unknown key inside a fault rule is named with its path', () => {
    expect(refusal(fileOf('unknown-fault-key'))).toContain('at faults[0].when: unknown key "route"');
  });

  it('a wrong type names the path and the type', () => {
    expect(refusal(fileOf('wrong-type'))).toBe(`${fileOf('wrong-type')}: invalid scenario\n  at faults[0].then.status: must be integer`);
  });

  it('a bad regular expression in when.path is named', () => {
    expect(refusal(fileOf('bad-regex'))).toBe(`${fileOf('bad-regex')}: invalid scenario\n  at faults[0].when.path: is not a valid regular expression`);
  });

  it('a probability above 1 is refused', () => {
    expect(refusal(fileOf('probability-above-one'))).toBe(`${fileOf('probability-above-one')}: invalid scenario\n  at faults[0].when.probability: must be <= 1`);
  });

  it('a value outside an enum lists the choices', () => {
    expect(refusal(fileOf('bad-token-shape'))).toContain('at token.shape: must be one of live, docs, both, none');
  });

  it('a fault name used twice is refused', () => {
    expect(refusal(fileOf('duplicate-fault'))).toContain('at faults[1].name: "down" is used twice; fault names must be unique');
  });

  it('invalid YAML is reported as file:line:col', () => {
    expect(refusal(fileOf('invalid-yaml'))).toMatch(new RegExp(`^${fileOf('invalid-yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: not valid YAML \\(.+\\)$`));
  });

  it('a name that does not match the file name is refused', () => {
    expect(refusal(fileOf('name-mismatch'))).toBe(`${fileOf('name-mismatch')}: invalid scenario\n  at name: "happy-path" must match the file name "name-mismatch"`);
  });

  it('an unknown scenario name lists the catalogue', () => {
    const message = refusal('no-such-scenario');
    expect(message).toMatch(/^scenario: no scenario named "no-such-scenario"; the catalogue has /);
    for (const { name } of listScenarios()) expect(message).toContain(name);
  });

  it('a path to no file says so', () => {
    expect(refusal(join(dir, 'missing.yaml'))).toBe(`scenario: no file at ${join(dir, 'missing.yaml')}`);
  });
});

describe.each(DOOR_KINDS)('POST /__admin/scenario refuses a broken scenario through %s', (kind) => {
  let door: Door;
  beforeAll(async () => {
    door = await openDoor(kind, { scenario: 'happy-path' });
  });
  afterAll(() => door.close());

  it.each(['wrong-type', 'bad-regex', 'invalid-yaml'])('a file path (%s) is refused over HTTP: only catalogue names load; the running scenario is kept', async (name) => {
    const res = await door.request('/__admin/scenario', { method: 'POST', body: { name: fileOf(name) } });
    expect(res.status).toBe(400);
    expect(res.json().error).toBe(`name: "${fileOf(name)}" is not a catalogue name; GET /__admin/scenarios lists them`);
    expect((await door.request('/__admin/status')).json().scenario.name).toBe('happy-path');
  });

  it('an unknown name: 400 listing the catalogue', async () => {
    const res = await door.request('/__admin/scenario', { method: 'POST', body: { name: 'no-such-scenario' } });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/no scenario named "no-such-scenario"; the catalogue has .*happy-path/);
  });

  it('a good name loads it', async () => {
    const res = await door.request('/__admin/scenario', { method: 'POST', body: { name: 'wellsky-down' } });
    expect(res.status).toBe(200);
    expect(res.json().scenario.name).toBe('wellsky-down');
    expect((await door.request('/oauth/accesstoken', { method: 'POST', body: {} })).status).toBe(503);
  });
});
