// Gigi's WellSky client against the simulated WellSky, through a real socket or
// through MSW, on a fake clock: retries, Retry-After and the mock's own delays
// cost virtual time only. Credentials are made up per run, as the composition
// root does, so nothing is shared with the simulator's source.
import { randomBytes } from 'node:crypto';
import { setupServer } from 'msw/node';
import { startMockServer } from '../../mock-server/http.ts';
import { createMswMock, DEFAULT_BASE_URL } from '../../mock-server/msw.ts';
import type { Simulator, SimulatorOptions } from '../../mock-server/core/simulator.ts';
import { createWellSkyClient, type WellSkyClient, type WellSkyClientOptions } from '../../src/wellsky/client.ts';
import { FakeClock } from './fake-clock.ts';

export const CLIENT_DOORS = ['http', 'msw'] as const;
export type ClientDoor = (typeof CLIENT_DOORS)[number];

/** Limits for tests: the defaults, but a rate limit that does not pace a test's calls. */
export const TEST_LIMITS = { timeoutMs: 10_000, maxAttempts: 5, retryBudgetMs: 30_000, rateLimitPerSecond: 1000, maxConcurrent: 8, tokenRefreshMarginSeconds: 60 };

export interface OpenWellSky {
  client: WellSkyClient;
  clock: FakeClock;
  simulator: Simulator;
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string };
  /** The simulated WellSky's journal, oldest first. */
  journal(): Promise<{ operationId?: string; path: string; status: number; rule?: string; method: string }[]>;
  admin(path: string, method?: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

let mswServer: ReturnType<typeof setupServer> | undefined;

export async function openWellSky(
  door: ClientDoor,
  simulator: SimulatorOptions = {},
  client: Partial<WellSkyClientOptions> = {},
  /** `shareClock`: the simulated WellSky's now is the fake clock's too (its record stamps agree with Gigi's). */
  options_: { shareClock?: boolean } = {},
): Promise<OpenWellSky> {
  const clock = new FakeClock();
  const credentials = { clientId: `test-${randomBytes(4).toString('hex')}`, clientSecret: randomBytes(12).toString('base64url') };
  const options: SimulatorOptions = {
    seed: 3,
    size: 'tiny',
    today: '2026-11-26',
    credentials,
    sleep: (ms) => clock.sleep(ms),
    ...(options_.shareClock ? { now: () => clock.now() } : {}),
    ...simulator,
  };
  let baseUrl: string;
  let sim: Simulator;
  let closeDoor: () => Promise<void>;
  if (door === 'http') {
    const mock = await startMockServer({ ...options, port: 0 });
    baseUrl = mock.url;
    sim = mock.simulator;
    closeDoor = () => mock.close();
  } else {
    const { handlers, simulator: s } = createMswMock(options);
    mswServer?.close();
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    mswServer = server;
    baseUrl = DEFAULT_BASE_URL;
    sim = s;
    closeDoor = async () => {
      server.close();
      if (mswServer === server) mswServer = undefined;
    };
  }
  const wellsky = createWellSkyClient({ baseUrl, credentials, clock, allowWrites: true, ...TEST_LIMITS, ...client });
  const admin = (path: string, method = 'GET', body?: unknown) =>
    // Every control write says application/json, body or not (the control API refuses any other).
    fetch(`${baseUrl}/__admin/${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return {
    client: wellsky,
    clock,
    simulator: sim,
    baseUrl,
    credentials,
    admin,
    journal: async () => ((await (await admin('journal?limit=5000')).json()) as { entries: never[] }).entries,
    close: async () => {
      await wellsky.close();
      await closeDoor();
    },
  };
}

/**
 * A fetch for hang tests: when a call has had no answer for `realMs` of real
 * time, the fake clock jumps by `advanceMs`, so the client's own timeout fires.
 * An in-process answer takes milliseconds; only a hang waits that long.
 */
export function stallAdvancingFetch(clock: FakeClock, advanceMs: number, realMs = 1000): typeof fetch {
  return async (input, init) => {
    const timer = setTimeout(() => void clock.advance(advanceMs), realMs);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      clearTimeout(timer);
    }
  };
}
