// The suite can fail, and says why: each fault planted in Gigi here is one
// January had or a plausible regression, and the matching check must fail
// with a message that names the cause. On a medium agency, where a call-out
// has several free replacements to rank.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { rankReplacements } from '../../src/operations/call-out/rank.ts';
import type { Notifier } from '../../src/operations/notifier.ts';
import type { SuiteRun } from '../../src/suite/results.ts';
import { runSuite, type SuiteOptions } from '../../src/suite/run-suite.ts';

const config = loadConfig({ WELLSKY_RATE_LIMIT_PER_SECOND: '100' });
const dir = `${mkdtempSync(join(tmpdir(), 'planted-'))}/`;
const NAME = 'medium-agency';

function run(extra: Partial<SuiteOptions>): Promise<SuiteRun> {
  return runSuite({ config, clock: systemClock, scenariosDir: dir, workflows: ['call-out'], ...extra });
}

const failedChecks = (r: SuiteRun) => r.results.flatMap((x) => x.checks.filter((c) => c.outcome === 'failed'));

/** January's client: the paths as it wrote them (capitalised, singular), which the gateway does not know. */
const januaryFetch: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  url.pathname = url.pathname.replace('/v1/practitioners/', '/v1/Practitioner').replace('/v1/patients/', '/v1/Patient').replace('/v1/appointment/', '/v1/Appointment');
  return fetch(new Request(url, request));
};

describe('faults planted in Gigi are caught by the suite', () => {
  beforeAll(() => {
    const text = readFileSync('scenarios/happy-path.yaml', 'utf8')
      .replace('name: happy-path', `name: ${NAME}`)
      .replace('size: small', 'size: medium')
      .replace(/  call-out: \{[^}]*\}[^\n]*\n/, '  call-out: { outcome: offered, shiftNote: written }\n');
    writeFileSync(`${dir}${NAME}.yaml`, text);
  });

  it('with nothing planted, every check passes (the baseline the others differ from)', async () => {
    const r = await run({});
    expect(failedChecks(r)).toEqual([]);
    expect(r.results[0]!.checks.map((c) => c.check)).toContain('ranks the same area, then past work with the client, first');
  }, 30_000);

  it("January's wrong paths: every check fails with unknown-route, on the client's side, never as credentials", async () => {
    const r = await runSuite({ config, clock: systemClock, scenariosDir: dir, inject: { fetch: januaryFetch } });
    const checks = r.results.flatMap((x) => x.checks);
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) {
      expect(c.outcome).toBe('failed');
      expect(c.kind).toBe('unknown-route');
      expect(c.owner).toBe('agency-client');
      expect(c.reason).toContain('unknown-route');
      expect(c.reason).not.toMatch(/not provisioned|credentials/i);
    }
  }, 30_000);

  it('a swapped ranking order fails the order check, naming the pair', async () => {
    const r = await run({ inject: { rank: (input) => { const ranking = rankReplacements(input); return { ...ranking, ranked: [...ranking.ranked].reverse().map((c, i) => ({ ...c, rank: i + 1 })) }; } } });
    const failed = failedChecks(r);
    expect(failed.map((c) => c.check)).toContain('ranks the same area, then past work with the client, first');
    expect(failed.find((c) => c.check.startsWith('ranks'))!.reason).toMatch(/is ranked above/);
  }, 30_000);

  it('a missing page to the on-call manager fails that check', async () => {
    const dropPages = (recording: Notifier): Notifier => ({ send: (m) => (m.channel === 'page' ? Promise.resolve({ id: 'dropped' }) : recording.send(m)) });
    const failed = failedChecks(await run({ inject: { notifier: dropPages } }));
    expect(failed.find((c) => c.check === 'pages the on-call manager')?.reason).toBe('0 pages to the on-call manager (Sam Ortiz); expected 1');
    // The page that a replacement took the shift is dropped too, and said.
    expect(failed.filter((c) => c.check !== 'pages the on-call manager').map((c) => c.reason)).toEqual([expect.stringContaining('0 page(s) to the manager about the acceptance')]);
  }, 30_000);

  it('a caregiver past 40 hours ranked first is caught by the schedule WellSky itself holds', async () => {
    const r = await run({
      inject: {
        rank: (input) => {
          const ranking = rankReplacements(input);
          const over = ranking.excluded.find((e) => /would reach/.test(e.reason));
          // The first rounds may hold nobody over 40 yet: plant once someone is.
          if (!over) return ranking;
          return { ranked: [{ id: over.id, name: over.name, rank: 1, reasons: ['planted'], weeklyHoursWithShift: 0 }, ...ranking.ranked.map((c) => ({ ...c, rank: c.rank + 1 }))], excluded: ranking.excluded.filter((e) => e !== over) };
        },
      },
    });
    const offers = failedChecks(r).find((c) => c.check === 'offers the shift to free replacements under 40 hours');
    expect(offers?.reason).toMatch(/caregiver \d+ would work \d+\.\d h that week/);
  }, 30_000);

  it('read-only: the note is refused and nothing is written; a client that writes anyway fails, naming the writes', async () => {
    const honest = await run({ readOnly: true });
    expect(failedChecks(honest)).toEqual([]);
    expect(honest.results[0]!.checks.map((c) => c.check)).toEqual(expect.arrayContaining(['writes no note on the shift (refused)', 'sends WellSky no write in read-only mode']));
    const leaky = failedChecks(await run({ readOnly: true, inject: { writesDespiteReadOnly: true } }));
    expect(leaky.find((c) => c.check === 'sends WellSky no write in read-only mode')?.reason).toMatch(/received \d+ write\(s\) in a read-only run: POST createTaskLog/);
  }, 30_000);
});
