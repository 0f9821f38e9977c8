// Where Gigi's calls go, by WELLSKY_MODE. The composition root: the one file
// under src/ that may reach the simulated WellSky (a dynamic import, so live
// deployments never load it). mock starts it in-process on a free port and
// Gigi reaches it over real HTTP; prism runs `prism mock` of the spec, an
// independent, stateless judge of what the client sends; live is the real API.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { freePort } from './free-port.ts';
import type { Credentials } from './wellsky/token-manager.ts';

export interface Target {
  mode: Config['mode'];
  baseUrl: string;
  credentials: Credentials;
  agencyId: string;
  /** Plain words for people: what this target is. */
  description: string;
  /** The embedded simulated WellSky's control API, in mock mode. */
  adminUrl?: string;
  /** What Prism printed, in prism mode (its validation findings among it). */
  output?: () => string;
  close(): Promise<void>;
}

const SPEC = fileURLToPath(new URL('../spec/swagger.yaml', import.meta.url));
const PRISM = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));
const PRISM_START_MS = 60_000;

export async function openTarget(config: Config, options: { mockOptions?: Record<string, unknown> } = {}): Promise<Target> {
  if (config.mode === 'live') {
    const { baseUrl, clientId, clientSecret, agencyId } = config.wellsky;
    return { mode: 'live', baseUrl: baseUrl!, credentials: { clientId: clientId!, clientSecret: clientSecret! }, agencyId: agencyId!, description: `the live WellSky API at ${baseUrl}`, close: async () => {} };
  }
  if (config.mode === 'prism') return openPrism(config);
  return openEmbeddedMock(config, options.mockOptions ?? {});
}

async function openEmbeddedMock(config: Config, extra: Record<string, unknown>): Promise<Target> {
  const { startMockServer } = await import('../mock-server/http.ts');
  // Fresh credentials each run unless the environment gives some: nothing shared with the simulator's source.
  const credentials = {
    clientId: config.wellsky.clientId ?? `gigi-${randomBytes(6).toString('hex')}`,
    clientSecret: config.wellsky.clientSecret ?? randomBytes(18).toString('base64url'),
  };
  const { scenario, seed, size } = config.mock;
  const mock = await startMockServer({
    port: 0,
    credentials,
    ...(scenario ? { scenario } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(size !== undefined ? { size: (/^\d+$/.test(size) ? Number(size) : size) as never } : {}),
    ...extra,
  });
  const agencyId = config.wellsky.agencyId ?? mock.simulator.state().store.agencyId;
  const loaded = mock.simulator.state().options;
  return {
    mode: 'mock',
    baseUrl: mock.url,
    credentials,
    agencyId,
    adminUrl: `${mock.url}/__admin/`,
    description: `the embedded simulated WellSky at ${mock.url} (${scenario ? `scenario ${scenario}, ` : ''}seed ${loaded.seed}, ${loaded.size})`,
    close: () => mock.close(),
  };
}

async function openPrism(config: Config): Promise<Target> {
  const port = await freePort();
  const child: ChildProcess = spawn(PRISM, ['mock', SPEC, '-h', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(deadline);
      if (error) {
        child.kill();
        reject(error);
      } else {
        resolve();
      }
    };
    // Prism starts in a second or two; a minute without it listening is a failure, not a wait.
    const deadline = setTimeout(() => done(new Error(`prism did not start listening within ${PRISM_START_MS / 1000} s:\n${log}`)), PRISM_START_MS);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes('Prism is listening')) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) => done(new Error(`prism mode needs Stoplight Prism from the dev dependencies (run npm ci): ${error.message}`)));
    child.once('exit', (code) => done(new Error(`prism exited (${code}) before listening:\n${log}`)));
  });
  // Prism checks that a bearer token is present, not which: any value will do.
  return {
    mode: 'prism',
    baseUrl: `http://127.0.0.1:${port}`,
    credentials: { clientId: config.wellsky.clientId ?? 'prism-client', clientSecret: config.wellsky.clientSecret ?? 'prism-secret' },
    agencyId: config.wellsky.agencyId ?? '3100',
    description: `prism mock of spec/swagger.yaml at http://127.0.0.1:${port}`,
    output: () => log,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
