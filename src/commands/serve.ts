// `gigi-harness serve`: Gigi's HTTP side. It listens first (calls are answered
// from what the cache holds while it fills), prints its URL and routes, syncs
// the cache (full when it never was, else incremental), registers for WellSky's
// change notifications at its public address (in mock mode, its local one),
// then keeps syncing on a schedule until stopped. WellSky being down at start
// is said, not fatal.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { openGigi, type Gigi, type GigiPorts } from '../gigi.ts';
import { NOTIFICATIONS_MOUNT, NOTIFICATIONS_PATH, createNotificationReceiver } from '../notifications/receiver.ts';
import { registerNotifications, unregisterNotifications, type Registration } from '../notifications/register.ts';
import { runSync } from '../sync/sync.ts';
import { watchClockIns } from '../operations/clock-in-watch.ts';
import { dataQuality } from '../operations/data-quality.ts';
import { startGigiServer } from '../webhook/server.ts';

export interface ServeOptions {
  port: number;
  host: string;
  /** Resolves when the server should stop. */
  stop: Promise<void>;
  /** Called once the server listens (tests, the suite). */
  onListening?: (server: { url: string; gigi: Gigi; registration?: Registration }) => void;
}

export async function serveCommand(config: Config, ports: GigiPorts & { clock: Clock }, options: ServeOptions, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  let retellApiKey = config.retellApiKey;
  if (!retellApiKey) {
    if (config.mode === 'live') {
      err('RETELL_API_KEY: required to serve in live mode: it is how Gigi knows a call webhook came from Retell (Retell dashboard → API keys)');
      return 1;
    }
    // Only against a simulated WellSky: a key nobody knows, so no unsigned call is ever answered.
    retellApiKey = randomBytes(24).toString('base64url');
    err('RETELL_API_KEY is not set: a random key was made for this run, so inbound calls cannot be signed; set it to test calls of your own');
  }
  const gigi = await openGigi(config, ports);
  let server: Awaited<ReturnType<typeof startGigiServer>> | undefined;
  let registration: Registration | undefined;
  let stopSyncing = () => {};
  try {
    const secret = randomBytes(24).toString('base64url');
    const log = (line: string) => err(line);
    // Listen first: calls are answered (from what the cache holds, else WellSky) while the first sync runs.
    server = await startGigiServer({
      retellApiKey,
      identifyCaller: gigi.identifyCaller,
      functions: { db: gigi.db, list: gigi.functions },
      jobs: {
        db: gigi.db,
        clockInWatch: (o) => watchClockIns({ client: gigi.client, db: gigi.db, notifier: gigi.notifier, clock: ports.clock, timeZone: config.timeZone, knownContacts: config.callerId.knownContacts }, o),
        dataQuality: () => dataQuality(gigi.db),
      },
      clock: ports.clock,
      log,
      port: options.port,
      host: options.host,
      routers: [{ path: NOTIFICATIONS_MOUNT, router: createNotificationReceiver({ client: gigi.client, db: gigi.db, clock: ports.clock, secret, log }), describe: "WellSky's change notifications (POST …/notifications, Bearer secret): refresh the one record named" }],
    });
    out(`Gigi is listening at ${server.url}  (WellSky: ${gigi.target.description})`);
    for (const route of server.routes) out(`  ${route.method.padEnd(5)} ${server.url}${route.path}  ${route.description}`);

    const firstSync = syncOnce(gigi, ports.clock, err);
    const publicUrl = config.publicUrl ?? (config.mode === 'mock' ? server.url : undefined);
    if (publicUrl) {
      try {
        registration = await registerNotifications(gigi.client, `${publicUrl}${NOTIFICATIONS_PATH}`, secret);
        const refused = registration.refused.map((r) => `${r.criteria} (${r.kind})`).join(', ');
        err(`notifications: ${registration.registered.length} registered to ${registration.endpoint}${refused ? `; refused: ${refused}` : ''}`);
      } catch (error) {
        // WellSky down at start must not stop the server: the scheduled syncs keep the cache current meanwhile.
        err(`notifications: not registered (${(error as { kind?: string }).kind ?? (error as Error).message}); the cache changes only by sync until the next start`);
      }
    } else {
      err('notifications: off (set GIGI_PUBLIC_URL to the https address WellSky can reach); the cache changes only by sync');
    }
    await firstSync;
    const stopSyncs = scheduleSyncs(gigi, ports.clock, config.syncEveryMinutes, err);
    const stopWatch = scheduleClockInWatch(gigi, ports.clock, config.clockInWatchMinutes, err);
    stopSyncing = () => {
      stopSyncs();
      stopWatch();
    };
    options.onListening?.({ url: server.url, gigi, ...(registration ? { registration } : {}) });
    await options.stop;
    return 0;
  } finally {
    stopSyncing();
    if (registration) await unregisterNotifications(gigi.client, registration);
    await server?.close();
    await gigi.close();
  }
}

async function syncOnce(gigi: Gigi, clock: Clock, err: (t: string) => void, full = false): Promise<void> {
  try {
    const synced = await runSync({ client: gigi.client, db: gigi.db, clock, ...(full ? { full: true } : {}) });
    err(
      synced.outcome === 'ok'
        ? `cache: ${synced.mode} sync read ${synced.counts.caregivers} caregivers, ${synced.counts.clients} clients, ${synced.counts.family} family contacts into ${gigi.db.description}`
        : `cache: ${synced.mode} sync ${synced.outcome}${synced.failureKind ? ` (${synced.failureKind})` : ''}: ${synced.detail}; serving with what the cache holds`,
    );
  } catch (error) {
    err(`cache: sync could not run (${(error as Error).message}); serving with what the cache holds`);
  }
}

/** The clock-in watch every `minutes` while serving (0: never); a run that fails is said, and the next one tries again. */
function scheduleClockInWatch(gigi: Gigi, clock: Clock, minutes: number, err: (t: string) => void): () => void {
  if (minutes <= 0) return () => {};
  let cancel = () => {};
  let stopped = false;
  const next = () => {
    cancel = clock.timer(minutes * 60_000, () => {
      void watchClockIns({ client: gigi.client, db: gigi.db, notifier: gigi.notifier, clock, timeZone: gigi.config.timeZone, knownContacts: gigi.config.callerId.knownContacts })
        .then((r) => {
          if (r.reminders.length || r.lateAlerts.length || r.unread.length) err(`clock-in watch: ${r.reminders.length} reminder(s), ${r.lateAlerts.length} late alert(s)${r.unread.length ? `, ${r.unread.length} caregiver(s) unread (${[...new Set(r.unread.map((u) => u.kind))].join(', ')})` : ''}`);
        })
        .catch((error: unknown) => err(`clock-in watch: could not run (${(error as Error).message}); trying again in ${minutes} min`))
        .finally(() => {
          if (!stopped) next();
        });
    });
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}

/**
 * Syncs on a schedule while serving: incremental every `minutes`, and a full
 * one each day, which is what removes people WellSky deleted and contacts an
 * incremental run cannot see. 0 turns it off.
 */
function scheduleSyncs(gigi: Gigi, clock: Clock, minutes: number, err: (t: string) => void): () => void {
  if (minutes <= 0) return () => {};
  let cancel = () => {};
  let stopped = false;
  let lastFull = clock.now();
  const next = () => {
    cancel = clock.timer(minutes * 60_000, () => {
      const full = clock.now() - lastFull >= 24 * 3_600_000;
      if (full) lastFull = clock.now();
      void syncOnce(gigi, clock, err, full).then(() => {
        if (!stopped) next();
      });
    });
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}
