// Fault rules cannot stall, break HTTP, overflow a timer or pile up (issue 8, items 3, 10, 11, 12):
// path patterns are matched by RE2 in linear time; headers, statuses and bodies that would
// break the response are refused with the field and the fix; every delay is capped; the
// number of rules is bounded — in a scenario file, through the control API, and in code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaultEngine, MAX_DELAY_MS, MAX_FAULT_RULES, type FaultRule } from '../../mock-server/core/faults.ts';
import { loadScenario } from '../../mock-server/core/scenario.ts';
import { InvalidInputError } from '../../mock-server/core/scenario-schema.ts';
import { DOOR_KINDS, openDoor, type Door } from '../support/doors.ts';

const A40 = 'a'.repeat(40);

/** Rules that break HTTP or cannot be matched in linear time, and what the refusal must say. */
const REFUSED: [string, Record<string, unknown>, RegExp][] = [
  ['a backreference', { when: { path: '^/v1/(a+)\\1$' }, then: { status: 500 } }, /when\.path: fault paths are matched by RE2 .*backreferences .* are not supported/],
  ['a lookahead', { when: { path: '^/v1/(?!patients)' }, then: { status: 500 } }, /when\.path: .*lookahead and lookbehind .* are not supported/],
  ['a lookbehind', { when: { path: '(?<=v1)/patients' }, then: { status: 500 } }, /when\.path: .*lookahead and lookbehind/],
  ['a header name with CR LF', { then: { status: 503, headers: { 'x-a\r\nset-cookie': 'b' } } }, /then\.headers: header name "x-a\\r\\nset-cookie" holds a line break/],
  ['a header name with a space', { then: { status: 503, headers: { 'retry after': '2' } } }, /then\.headers: header name "retry after" holds white space/],
  ['an empty header name', { then: { status: 503, headers: { '': 'x' } } }, /then\.headers: a header name cannot be empty/],
  ['a non-token header name', { then: { status: 503, headers: { 'x(y)': 'x' } } }, /then\.headers: header name "x\(y\)" is not an HTTP token/],
  ['a content-length header', { then: { status: 503, headers: { 'Content-Length': '5' } } }, /then\.headers: header "Content-Length" is the server's to set/],
  ['a transfer-encoding header', { then: { status: 503, headers: { 'transfer-encoding': 'chunked' } } }, /then\.headers: header "transfer-encoding" is the server's to set/],
  ['a header value with CR LF', { then: { status: 503, headers: { 'retry-after': '2\r\nx: y' } } }, /then\.headers\.retry-after: holds a line break/],
  ['a header value with NUL', { then: { status: 503, headers: { 'x-a': 'a\u0000b' } } }, /then\.headers\.x-a: holds a control character/],
  ['a non-Latin-1 header value', { then: { status: 503, headers: { 'x-price': '5 €' } } }, /then\.headers\.x-price: holds a character outside Latin-1/],
  ['a header value over 4096 characters', { then: { status: 503, headers: { 'x-a': 'b'.repeat(4097) } } }, /then\.headers\.x-a: is 4097 characters long; a header value holds at most 4096/],
  ['the same header twice in two cases', { then: { status: 503, headers: { 'Retry-After': '1', 'retry-after': '2' } } }, /then\.headers: "Retry-After" and "retry-after" are the same header/],
  ['more than 32 headers', { then: { status: 503, headers: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`x-h${i}`, 'v'])) } }, /then\.headers: more than 32 headers/],
  ['status 100', { then: { status: 100 } }, /then\.status: 100 is an interim \(1xx\) status .*use 200 to 599/],
  ['status 101 with a body', { then: { status: 101, body: 'switching' } }, /then\.status: 101 is an interim \(1xx\) status/],
  ['status 199 passed over the normal answer', { then: { status: 199, behaviour: 'pass' } }, /then\.status: 199 is an interim/],
  ['204 with a body', { then: { status: 204, body: { a: 1 } } }, /then: status 204 carries no body, but a body is given; leave the body out/],
  ['304 over the normal answer', { then: { status: 304, behaviour: 'pass' } }, /then: status 304 carries no body, but behaviour pass sends one/],
  ['204 with an HTML page', { then: { status: 204, behaviour: 'html-error' } }, /then: status 204 carries no body, but behaviour html-error sends one/],
  ['a fixed delay above 10 minutes', { then: { delay: MAX_DELAY_MS + 1 } }, /then\.delay: does not fit any of the allowed forms .*at most 600000 \(10 minutes\)/],
  ['a uniform delay starting above 10 minutes', { then: { delay: { uniform: { minMs: 700000, maxMs: 600000 } } } }, /then\.delay: does not fit any of the allowed forms/],
];

describe('fault rules that would stall, break HTTP or overflow a timer are refused in scenario files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fault-hardening-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a scenario (JSON is YAML) and returns the loader's message; fails if it loads. */
  function refusal(name: string, faults: unknown[]): string {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, JSON.stringify({ name, description: 'A scenario with a fault rule written wrong on purpose.', faults }));
    try {
      loadScenario(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as Error).message;
    }
    throw new Error(`${name} loaded, but should have been refused`);
  }

  it.each(REFUSED)('%s', (_, rule, message) => {
    const text = refusal('broken', [{ name: 'bad', ...rule }]);
    expect(text).toMatch(new RegExp(`at faults\\[0\\]\\.${message.source}`));
    expect(text).not.toContain('    at ');
  });

  it(`more than ${MAX_FAULT_RULES} rules in one file are refused, with the limit`, () => {
    const rules = Array.from({ length: MAX_FAULT_RULES + 1 }, (_, i) => ({ name: `r${i}`, then: { status: 503 } }));
    expect(refusal('too-many', rules)).toContain(`at faults: ${MAX_FAULT_RULES + 1} fault rules; a scenario holds at most ${MAX_FAULT_RULES}`);
  });

  it(`exactly ${MAX_FAULT_RULES} rules load, and nested repeats are accepted (RE2 cannot stall on them)`, () => {
    const file = join(dir, 'at-limit.yaml');
    const rules = Array.from({ length: MAX_FAULT_RULES }, (_, i) => ({ name: `r${i}`, when: { path: i % 2 ? '(a|aa)+$' : '(.*a){12}$' }, then: { status: 503 } }));
    writeFileSync(file, JSON.stringify({ name: 'at-limit', description: 'Exactly as many fault rules as allowed.', faults: rules }));
    expect(loadScenario(file).faults).toHaveLength(MAX_FAULT_RULES);
  });
});

describe('rules handed over in code get the same checks', () => {
  const engine = (rules: FaultRule[]) => createFaultEngine({ seed: 1, now: () => 0, rules });

  it('a rule that would break HTTP is refused', () => {
    expect(() => engine([{ name: 'x', then: { status: 503, headers: { 'content-length': '1' } } }])).toThrow(/faults\[0\]: invalid fault rule\n {2}at rule\.then\.headers: header "content-length" is the server's to set/);
  });

  it(`more than ${MAX_FAULT_RULES} rules are refused`, () => {
    const rules = Array.from({ length: MAX_FAULT_RULES + 1 }, (_, i) => ({ name: `r${i}`, then: { status: 503 } }));
    expect(() => engine(rules)).toThrow(`faults: ${MAX_FAULT_RULES + 1} fault rules; the simulator holds at most ${MAX_FAULT_RULES}`);
  });

  it('no drawn delay exceeds the 10-minute cap, however long the tail', () => {
    const e = engine([{ name: 'slow', then: { delay: { lognormal: { medianMs: MAX_DELAY_MS, sigma: 3 } } } }]);
    const delays = Array.from({ length: 2000 }, () => e.decide({ method: 'GET', path: '/v1/x' }, 'gateway')!.delayMs);
    expect(MAX_DELAY_MS).toBe(600000);
    expect(Math.max(...delays)).toBe(MAX_DELAY_MS); // the tail is cut, not dropped
    expect(delays.every((d) => Number.isInteger(d) && d >= 0 && d <= MAX_DELAY_MS)).toBe(true);
  });

  it('a uniform delay stays within its bounds', () => {
    const e = engine([{ name: 'slow', then: { delay: { uniform: { minMs: 300, maxMs: 600 } } } }]);
    const delays = Array.from({ length: 200 }, () => e.decide({ method: 'GET', path: '/v1/x' }, 'gateway')!.delayMs);
    expect(delays.every((d) => d >= 300 && d <= 600)).toBe(true);
  });
});

describe.each(DOOR_KINDS)('fault rules through %s', (kind) => {
  let door: Door;
  const admin = (path: string, method = 'GET', body?: unknown) => door.request(`/__admin/${path}`, { method, body });
  const addFault = (rule: unknown) => admin('faults', 'POST', rule);

  beforeAll(async () => {
    door = await openDoor(kind, { seed: 4, size: 'tiny', today: '2026-11-26', sleep: async () => {} });
  });
  afterAll(() => door.close());
  beforeEach(async () => {
    await admin('reset', 'POST');
  });

  // Before RE2, one request for this path backtracked for minutes on the one event loop
  // (vitest's timeout catches a stall; no wall-clock threshold here).
  it.each(['(.*a){12}$', '(a|a)+$', '(a|aa)+$', '(a+)+$', '^/v1/(x+x+)+y$'])('the pattern %s is accepted and a hostile path answers', async (path) => {
    expect((await addFault({ name: 'catastrophic', when: { path }, then: { status: 503, body: { message: 'matched' } } })).status).toBe(201);
    const res = await door.request(`/v1/${A40}!`);
    expect(res.status).not.toBe(503);
    const long = await door.request(`/v1/${'x'.repeat(5000)}`);
    expect(long.status).not.toBe(503);
  });

  it('patterns keep RegExp#test semantics: an unanchored search', async () => {
    await addFault({ name: 'twelve', when: { path: '(.*a){12}$' }, then: { status: 503, body: { message: 'matched' } } });
    await addFault({ name: 'inside', when: { path: 'practitioners' }, then: { status: 502, body: { message: 'inside' } } });
    expect((await door.request(`/v1/${'a'.repeat(12)}`)).status).toBe(503);
    expect((await door.request('/v1/practitioners/')).status).toBe(502);
    expect((await door.request('/v1/patients/')).status).not.toBe(502);
  });

  it.each(REFUSED)('refuses %s, naming the field', async (_, rule, message) => {
    const res = await addFault({ name: 'bad', ...rule });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(new RegExp(`^POST /__admin/faults: invalid fault rule\\n {2}at rule\\.${message.source}`));
    expect((await admin('faults')).json().faults).toEqual([]);
  });

  it('a 204 rule without a body answers 204 with nothing in it', async () => {
    expect((await addFault({ name: 'no-content', when: { path: '^/v1/practitioners/$' }, then: { status: 204, headers: { 'X-Fault': 'yes' } } })).status).toBe(201);
    const res = await door.request('/v1/practitioners/');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['x-fault']).toBe('yes');
  });

  it("a rule's Content-Type replaces the default instead of doubling it", async () => {
    await addFault({ name: 'html', when: { path: '^/v1/practitioners/$' }, then: { status: 502, body: '<html></html>', headers: { 'Content-Type': 'text/html' } } });
    const res = await door.request('/v1/practitioners/');
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.text).toBe('<html></html>');
  });

  it(`holds at most ${MAX_FAULT_RULES} rules; the next is refused, a replacement is not`, async () => {
    for (let i = 0; i < MAX_FAULT_RULES; i++) {
      door.simulator.state().faults.add({ name: `r${i}`, when: { path: `^/v1/r${i}/` }, then: { status: 503 } });
    }
    const over = await addFault({ name: 'one-more', then: { status: 503 } });
    expect(over.status).toBe(400);
    expect(over.json().error).toMatch(new RegExp(`^faults: already ${MAX_FAULT_RULES} fault rules, the most the simulator holds; remove one \\(DELETE /__admin/faults/<name>\\)`));
    expect((await addFault({ name: 'r7', when: { path: '^/v1/r7/' }, then: { status: 502 } })).status).toBe(201);
    expect((await admin('faults')).json().faults).toHaveLength(MAX_FAULT_RULES);
    // Every request still answers with a thousand patterns to try.
    expect((await door.request(`/v1/${A40}!`)).status).toBeLessThan(500);
  });
});
