// Gigi assembled for a command: the configured WellSky (target), a client on
// it, the cache (migrated), and caller ID over both. One place, so `sync`,
// `callerid` and `serve` are the same Gigi.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './cache/database.ts';
import { migrate } from './cache/migrate.ts';
import { createCallerId } from './callerid/identify.ts';
import type { IdentifyCaller } from './callerid/answer.ts';
import { openTarget, type Target } from './target.ts';
import type { WellSkyClient } from './wellsky/client.ts';
import { connect } from './wellsky/connect.ts';
import { gigiFunctions } from './operations/functions.ts';
import { createLogger } from './log.ts';
import { loggingNotifier, type Notifier } from './operations/notifier.ts';
import type { RetellFunction } from './webhook/retell-functions.ts';

export interface Gigi {
  config: Config;
  target: Target;
  client: WellSkyClient;
  db: Database;
  identifyCaller: IdentifyCaller;
  notifier: Notifier;
  /** The workflows a caller can start, as Retell custom functions. */
  functions: RetellFunction<never>[];
  close(): Promise<void>;
}

export interface GigiPorts {
  clock: Clock;
  fetch?: typeof fetch;
  /** Extra options for the embedded simulated WellSky (tests, the suite). */
  mockOptions?: Record<string, unknown>;
  /** How texts, pages and emails go out; default: logged (to stderr), not sent. */
  notifier?: Notifier;
}

export async function openGigi(config: Config, ports: GigiPorts): Promise<Gigi> {
  // The cache first: a wrong DATABASE_URL is said before anything starts.
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : {});
  let target: Target | undefined;
  try {
    await migrate(db, ports.clock);
    target = await openTarget(config, { mockOptions: ports.mockOptions ?? {} });
  } catch (error) {
    await target?.close();
    await db.close();
    throw error;
  }
  const fetchPort = ports.fetch ? { fetch: ports.fetch } : {};
  const client = connect(config, target, { clock: ports.clock, ...fetchPort });
  // Caller ID's own client: one try, no longer than the budget, and its own slots, so a
  // lookup abandoned at the deadline neither retries nor holds up the sync and refreshes.
  const lookupConfig: Config = { ...config, wellsky: { ...config.wellsky, maxAttempts: 1, retryBudgetMs: 0, timeoutMs: Math.max(100, config.callerId.budgetMs) } };
  const lookupClient = connect(lookupConfig, target, { clock: ports.clock, ...fetchPort });
  const identifyCaller = createCallerId({
    db,
    client: lookupClient,
    knownContacts: config.callerId.knownContacts,
    budgetMs: config.callerId.budgetMs,
    shiftWaitMs: config.callerId.shiftWaitMs,
    clock: ports.clock,
    timeZone: config.timeZone,
  });
  const opened = target;
  const notifier = ports.notifier ?? loggingNotifier(createLogger());
  const knownContacts = config.callerId.knownContacts;
  const functions = gigiFunctions({
    identifyCaller,
    callOut: { client, db, notifier, clock: ports.clock, timeZone: config.timeZone, knownContacts, clientPreferences: config.clientPreferences },
    complaint: { client, db, notifier, clock: ports.clock, timeZone: config.timeZone, knownContacts, coordinators: config.coordinators },
    prospect: { client, notifier, clock: ports.clock, knownContacts, coordinators: config.coordinators },
  });
  return {
    config,
    target: opened,
    client,
    db,
    identifyCaller,
    notifier,
    functions,
    async close() {
      await lookupClient.close();
      await client.close();
      await opened.close();
      await db.close();
    },
  };
}
