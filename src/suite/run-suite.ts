// The Zingage-replacement suite: each workflow in each scenario, driven the way
// the phone platform drives Gigi (a signed call, then the agent's function
// calls, over HTTP), against the embedded simulated WellSky and a cache on
// pg-mem (or DATABASE_URL).
//
// Per seed and size, one cache is filled once from a WellSky behaving normally
// (the warm cache a real agency has when trouble starts); then each scenario
// gets a simulated WellSky of its own (same seed, same people), starting in
// its trouble, and a Gigi over it and the shared cache. Scenarios run a few at
// a time: most of a slow scenario's time is waiting.
import { randomBytes } from 'node:crypto';
import { startingAt, type Clock } from '../clock.ts';
import { isoDate } from '../wellsky/dates.ts';
import type { Config } from '../config.ts';
import type { Database } from '../cache/database.ts';
import { createCallerId } from '../callerid/identify.ts';
import { gigiFunctions } from '../operations/functions.ts';
import { watchClockIns, type ClockInWatchOptions } from '../operations/clock-in-watch.ts';
import { dataQuality } from '../operations/data-quality.ts';
import type { CallOutPorts } from '../operations/call-out/call-out.ts';
import { recordingNotifier, type Notifier, type RecordingNotifier } from '../operations/notifier.ts';
import { runSync } from '../sync/sync.ts';
import { openTarget, type Target } from '../target.ts';
import type { WellSkyClient } from '../wellsky/client.ts';
import { connect } from '../wellsky/connect.ts';
import { DIAGNOSES, OWNERS } from '../wellsky/diagnosis.ts';
import { startGigiServer, type StartedGigiServer } from '../webhook/server.ts';
import { checkCallOut } from './checks/call-out.ts';
import { checkCallerId } from './checks/caller-id.ts';
import { checkComplaint } from './checks/complaint.ts';
import { checkProspect } from './checks/prospect.ts';
import { checkClockInWatch } from './checks/clock-in-watch.ts';
import { checkDataQuality } from './checks/data-quality.ts';
import { pickCallers, shareNumber, type SuiteCallers } from './callers.ts';
import { caregiversFromCache } from '../operations/roster.ts';
import { copyCache, openSuiteDatabase } from './cache-copy.ts';
import { readAgencyFacts, type AgencyFacts } from './agency-facts.ts';
import { readPlan, scenarioNames, ScenarioPlanError, WORKFLOWS, type ScenarioPlan, type Workflow } from './expectations.ts';
import type { CheckResult, SuiteRun, WorkflowResult } from './results.ts';
import { SUITE_COORDINATORS, SUITE_KNOWN_CONTACTS } from './agency.ts';

export interface SuiteOptions {
  config: Config;
  clock: Clock;
  scenarios?: string[];
  workflows?: Workflow[];
  /** Scenarios run at once (default 4). */
  concurrency?: number;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Where scenario files are read from (tests). */
  scenariosDir?: string;
  /** Gigi's WellSky client may not write, as in live mode: notes are refused and WellSky must receive no write. */
  readOnly?: boolean;
  /**
   * Faults planted in Gigi, for the suite's own tests: a check must catch each.
   * `fetch` is what Gigi's WellSky clients send through; `rank` replaces the
   * ranking; `notifier` wraps the recording notifier; `writesDespiteReadOnly`
   * lets the client write in a read-only run.
   */
  inject?: { fetch?: typeof fetch; rank?: CallOutPorts['rank']; notifier?: (recording: Notifier) => Notifier; writesDespiteReadOnly?: boolean };
}

/** What a scenario's checks can reach: Gigi over HTTP, what it sent, and the simulated WellSky's control API. */
export interface ScenarioWorld {
  plan: ScenarioPlan;
  gigiUrl: string;
  retellApiKey: string;
  notifier: RecordingNotifier;
  target: Target;
  /** A WellSky client of the suite's own, for reading what a check must verify independently of Gigi. */
  client: WellSkyClient;
  db: Database;
  callers: SuiteCallers;
  /** The agency as the suite itself read it from WellSky during the warm-up. */
  facts?: AgencyFacts;
  clock: Clock;
  timeZone: string;
  onCallManager?: { name: string; e164: string };
  readOnly: boolean;
  /** Against the real API: read-only, and no journal of what WellSky received. */
  live: boolean;
}

/**
 * When the simulated agency's day is: Saturday 28 November 2026, 10:30 in the
 * morning in Denver. Its schedule is built around that day and Gigi's clock
 * starts there, so who is free, who is late and what is next do not depend on
 * the day the suite runs. Live runs keep the real time.
 */
export const SUITE_START = Date.parse('2026-11-28T17:30:00Z');

export async function runSuite(given: SuiteOptions): Promise<SuiteRun> {
  const started = given.clock.now();
  const live = given.config.mode === 'live';
  const options: SuiteOptions = live ? given : { ...given, clock: startingAt(SUITE_START, given.clock) };
  // Live: one run against the real API, read-only, under the expectations any healthy agency meets.
  const names = live ? [LIVE_PLAN.name] : (options.scenarios ?? scenarioNames(options.scenariosDir));
  const workflows = options.workflows ?? [...WORKFLOWS];
  const plans: (ScenarioPlan | { name: string; error: string })[] = live ? [LIVE_PLAN] : names.map((name) => {
    try {
      return readPlan(name, options.scenariosDir);
    } catch (error) {
      if (error instanceof ScenarioPlanError) return { name, error: error.message };
      throw error;
    }
  });
  const total = plans.length * workflows.length;
  let done = 0;
  const results: WorkflowResult[] = [];
  const report = (result: WorkflowResult) => {
    results.push(result);
    options.onProgress?.(++done, total, `${result.scenario} · ${result.workflow}`);
  };

  for (const bad of plans.filter((p): p is { name: string; error: string } => 'error' in p)) {
    for (const workflow of workflows) report({ scenario: bad.name, workflow, durationMs: 0, checks: [{ check: 'scenario file readable', outcome: 'failed', reason: bad.error, owner: 'scenario' }] });
  }
  const good = plans.filter((p): p is ScenarioPlan => !('error' in p));
  // One warm cache per seed and size.
  const groups = new Map<string, ScenarioPlan[]>();
  for (const plan of good) {
    const key = `${plan.seed ?? 'default'}/${plan.size ?? 'default'}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  // Groups side by side: a large agency's warm-up is mostly the cache's own work, the others mostly waiting.
  await Promise.all(
    [...groups.values()].map(async (group) => {
      let warm: WarmCache;
      try {
        warm = await warmCache(options, group[0]!);
      } catch (error) {
        // Without a warm cache no check can mean anything: each cell says why, in the failure's own words.
        const failure = error as { kind?: string; message?: string };
        const side = failure.kind ? DIAGNOSES[failure.kind as keyof typeof DIAGNOSES]?.owner : undefined;
        const reason = `the warm-up sync before the scenario failed: ${failure.message ?? String(error)}${side ? `, on the side of ${OWNERS[side]}` : ''}`;
        for (const plan of group) for (const workflow of workflows) report({ scenario: plan.name, workflow, durationMs: 0, checks: [{ check: 'the cache is warmed from WellSky', outcome: 'failed', reason, owner: side ?? 'gigi', ...(failure.kind ? { kind: failure.kind } : {}) }] });
        return;
      }
      try {
        await inBatches(group, options.concurrency ?? 4, async (plan) => {
          let results: WorkflowResult[];
          try {
            results = await runScenario(options, plan, workflows, warm);
          } catch (error) {
            // One scenario that cannot start does not stop the run: its cells say why.
            const reason = `the scenario could not start: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`;
            results = workflows.map((workflow) => ({ scenario: plan.name, workflow, durationMs: 0, checks: [{ check: 'the scenario starts', outcome: 'failed' as const, reason, owner: 'scenario' as const }] }));
          }
          for (const result of results) report(result);
        });
      } finally {
        await warm.dispose();
      }
    }),
  );
  const order = new Map(names.map((n, i) => [n, i]));
  results.sort((a, b) => (order.get(a.scenario) ?? 0) - (order.get(b.scenario) ?? 0) || workflows.indexOf(a.workflow as Workflow) - workflows.indexOf(b.workflow as Workflow));
  return { mode: live ? 'live' : 'mock', startedAt: new Date(started).toISOString(), durationMs: given.clock.now() - started, results };
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}

/** What a live run expects of Gigi: greetings from the warm cache; a call-out WellSky can answer; a complaint with its history; the watch reading everyone. */
export const LIVE_PLAN: ScenarioPlan = {
  name: 'live',
  expect: {
    'caller-id': { source: 'cache' },
    'call-out': { outcome: 'no-replacement', shiftNote: 'refused' },
    complaint: { history: 'included' },
    'prospect-intake': { outcome: 'not-created', failureKind: 'writes-disabled' },
    'clock-in-watch': { reads: 'complete' },
    'data-quality': { from: 'cache' },
  },
};

function mockConfig(config: Config, plan: ScenarioPlan, scenario: string | undefined): Config {
  // Live: the real API as configured, its client never allowed to write from the suite.
  if (config.mode === 'live') return { ...config, wellsky: { ...config.wellsky, allowWrites: false }, callerId: { ...config.callerId, knownContacts: SUITE_KNOWN_CONTACTS }, coordinators: SUITE_COORDINATORS };
  return {
    ...config,
    mode: 'mock',
    mock: { ...(scenario ? { scenario } : {}), ...(plan.seed !== undefined ? { seed: plan.seed } : {}), ...(plan.size !== undefined ? { size: String(plan.size) } : {}) },
    // The simulated WellSky takes what the live API documents (100 requests a second) and 8 at once; the defaults are a courtesy to the real one.
    wellsky: { ...config.wellsky, rateLimitPerSecond: Math.max(config.wellsky.rateLimitPerSecond, 100), maxConcurrent: Math.max(config.wellsky.maxConcurrent, 8) },
    callerId: { ...config.callerId, knownContacts: SUITE_KNOWN_CONTACTS },
    coordinators: SUITE_COORDINATORS,
  };
}

interface WarmCache {
  db: Database;
  dispose(): Promise<void>;
  callers: SuiteCallers;
  facts: AgencyFacts;
}

/** The cache as a real agency's would be before trouble: a full sync from a WellSky behaving normally. */
async function warmCache(options: SuiteOptions, plan: ScenarioPlan): Promise<WarmCache> {
  const opened = await openSuiteDatabase(options.config.databaseUrl, options.clock);
  const db = opened.db;
  const config = mockConfig(options.config, plan, undefined);
  let target: Target | undefined;
  let client: WellSkyClient | undefined;
  let suiteClient: WellSkyClient | undefined;
  try {
    target = await openTarget(config, simulatedDay(options.clock, config));
    client = connect(config, target, { clock: options.clock, ...(options.inject?.fetch ? { fetch: options.inject.fetch } : {}) });
    suiteClient = connect(config, target, { clock: options.clock });
    const sync = await runSync({ client, db, clock: options.clock, full: true });
    if (sync.outcome !== 'ok') throw Object.assign(new Error(`${sync.outcome}: ${sync.detail ?? ''}`), sync.failureKind ? { kind: sync.failureKind } : {});
    let callers = await pickCallers(db, suiteClient, options.clock, config.timeZone);
    // A number two caregivers share: made in WellSky when the data has none, then brought in by an incremental sync.
    const current = (await caregiversFromCache(db)).filter((c) => c.active && c.hired && c.textTo && c.id !== callers.withShift?.id && c.textTo !== callers.withShift?.e164);
    const [holder, second] = current;
    if (options.config.mode !== 'live' && !callers.shared && holder?.textTo && second) {
      await shareNumber(suiteClient, { e164: holder.textTo }, second);
      const again = await runSync({ client, db, clock: options.clock });
      if (again.outcome !== 'ok') throw Object.assign(new Error(`${again.outcome}: ${again.detail ?? ''}`), again.failureKind ? { kind: again.failureKind } : {});
      callers = await pickCallers(db, suiteClient, options.clock, config.timeZone);
    }
    const facts = await readAgencyFacts(suiteClient);
    return { db, dispose: opened.dispose, callers, facts };
  } catch (error) {
    await opened.dispose();
    throw error;
  } finally {
    await suiteClient?.close();
    await client?.close();
    await target?.close();
  }
}

async function runScenario(options: SuiteOptions, plan: ScenarioPlan, workflows: Workflow[], warm: WarmCache): Promise<WorkflowResult[]> {
  // A scenario from elsewhere than the catalogue (tests) goes to the simulator by its path.
  // A cache of its own, copied from the warm one, so nothing this scenario's Gigi writes reaches another's.
  const own = await openSuiteDatabase(options.config.databaseUrl, options.clock);
  try {
    await copyCache(warm.db, own.db);
    return await runScenarioOn(options, plan, workflows, { ...warm, db: own.db });
  } finally {
    await own.dispose();
  }
}

async function runScenarioOn(options: SuiteOptions, plan: ScenarioPlan, workflows: Workflow[], warm: WarmCache): Promise<WorkflowResult[]> {
  const config = mockConfig(options.config, plan, options.scenariosDir ? `${options.scenariosDir}${plan.name}.yaml` : plan.name);
  const readOnly = options.config.mode === 'live' || (options.readOnly ?? false);
  const gigiConfig: Config = { ...config, wellsky: { ...config.wellsky, allowWrites: !readOnly || (options.inject?.writesDespiteReadOnly ?? false) } };
  const target = await openTarget(config, simulatedDay(options.clock, config));
  const notifier = recordingNotifier();
  const gigiFetch = options.inject?.fetch ? { fetch: options.inject.fetch } : {};
  const client = connect(gigiConfig, target, { clock: options.clock, ...gigiFetch });
  const lookupConfig: Config = { ...gigiConfig, wellsky: { ...gigiConfig.wellsky, maxAttempts: 1, retryBudgetMs: 0, timeoutMs: Math.max(100, config.callerId.budgetMs) } };
  const lookupClient = connect(lookupConfig, target, { clock: options.clock, ...gigiFetch });
  const checkClient = connect(config, target, { clock: options.clock });
  const retellApiKey = `suite_${randomBytes(12).toString('hex')}`;
  const identifyCaller = createCallerId({ db: warm.db, client: lookupClient, knownContacts: config.callerId.knownContacts, budgetMs: config.callerId.budgetMs, shiftWaitMs: config.callerId.shiftWaitMs, clock: options.clock, timeZone: config.timeZone });
  let server: StartedGigiServer | undefined;
  const results: WorkflowResult[] = [];
  try {
    const sent = options.inject?.notifier ? options.inject.notifier(notifier) : notifier;
    const rank = options.inject?.rank ? { rank: options.inject.rank } : {};
    const common = { client, notifier: sent, clock: options.clock, knownContacts: config.callerId.knownContacts };
    const functions = gigiFunctions({
      identifyCaller,
      callOut: { ...common, db: warm.db, timeZone: config.timeZone, ...rank },
      complaint: { ...common, db: warm.db, timeZone: config.timeZone, coordinators: config.coordinators },
      prospect: { ...common, coordinators: config.coordinators },
    });
    const jobs = {
      db: warm.db,
      clockInWatch: (o?: ClockInWatchOptions) => watchClockIns({ ...common, db: warm.db, timeZone: config.timeZone }, { concurrency: 8, ...o }),
      dataQuality: () => dataQuality(warm.db),
    };
    server = await startGigiServer({ retellApiKey, identifyCaller, clock: options.clock, functions: { db: warm.db, list: functions }, jobs, port: 0, log: () => {} });
    const manager = SUITE_KNOWN_CONTACTS.find((c) => /on-call/.test(c.role));
    const world: ScenarioWorld = { plan, gigiUrl: server.url, retellApiKey, notifier, target, client: checkClient, db: warm.db, callers: warm.callers, facts: warm.facts, clock: options.clock, timeZone: config.timeZone, readOnly, live: config.mode === 'live', ...(manager ? { onCallManager: manager } : {}) };
    for (const workflow of workflows) {
      const began = options.clock.now();
      let checks: CheckResult[];
      try {
        checks = await runWorkflow(world, workflow);
      } catch (error) {
        checks = [{ check: `${workflow} ran to the end`, outcome: 'failed', reason: `the suite itself failed: ${(error as Error).message}`, owner: 'gigi' }];
      }
      results.push({ scenario: plan.name, workflow, checks, durationMs: options.clock.now() - began });
      notifier.clear();
    }
  } finally {
    await server?.close();
    await checkClient.close();
    await lookupClient.close();
    await client.close();
    await target.close();
  }
  return results;
}

function runWorkflow(world: ScenarioWorld, workflow: Workflow): Promise<CheckResult[]> {
  switch (workflow) {
    case 'caller-id':
      return checkCallerId(world);
    case 'call-out':
      return checkCallOut(world);
    case 'complaint':
      return checkComplaint(world);
    case 'prospect-intake':
      return checkProspect(world);
    case 'clock-in-watch':
      return checkClockInWatch(world);
    case 'data-quality':
      return checkDataQuality(world);
  }
}

/** The simulated WellSky on the suite's day and clock (in live mode nothing to set). */
function simulatedDay(clock: Clock, config: Config): { mockOptions: Record<string, unknown> } {
  if (config.mode === 'live') return { mockOptions: {} };
  return { mockOptions: { today: isoDate(clock.now(), config.timeZone), now: () => clock.now() } };
}
