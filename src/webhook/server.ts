// Gigi's HTTP side: the Retell inbound webhook, a health check, and whatever
// routers the composition root adds (e.g. WellSky change notifications). Every
// answer is JSON, errors included; no stack trace ever leaves the process.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IdentifyCaller } from '../callerid/answer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../cache/database.ts';
import { createJobsRouter, JOBS_PATH, type JobsOptions } from './jobs.ts';
import { createRetellFunctionsRouter, RETELL_FUNCTIONS_PATH, type RetellFunction } from './retell-functions.ts';
import { createRetellInboundRouter, defaultLog, RETELL_INBOUND_PATH } from './retell-inbound.ts';

export interface GigiRoute {
  /** GET, POST, or ALL for a mounted router. */
  method: string;
  path: string;
  description: string;
}

export interface GigiAppOptions {
  retellApiKey: string;
  identifyCaller: IdentifyCaller;
  clock: Clock;
  /** More routers, mounted at `path` (e.g. `/webhooks/wellsky`); `describe` is their line in the route list. */
  routers?: { path: string; router: express.Router; describe: string }[];
  /** One line per event worth a person's attention; never given a secret. Default: stderr. */
  log?: (line: string) => void;
  /** The backstop for caller ID inside Retell's 10 s (default 8000 ms). */
  answerWithinMs?: number;
  /** Retell custom functions (the workflows a caller can start), served at /webhooks/retell/functions/<name>; their answers are kept in `db`. */
  functions?: { db: Database; list: RetellFunction<never>[] };
  /** Jobs for this machine only (loopback): the clock-in watch and the data-quality report. */
  jobs?: JobsOptions;
}

export function createGigiApp(options: GigiAppOptions): { app: express.Express; routes: GigiRoute[] } {
  const log = options.log ?? defaultLog;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const routes: GigiRoute[] = [
    { method: 'POST', path: RETELL_INBOUND_PATH, description: "Retell's signed call_inbound webhook: caller ID → the agent's dynamic variables" },
    { method: 'GET', path: '/healthz', description: 'liveness: {"ok":true}' },
  ];

  app.use(
    createRetellInboundRouter({
      retellApiKey: options.retellApiKey,
      identifyCaller: options.identifyCaller,
      clock: options.clock,
      log,
      ...(options.answerWithinMs !== undefined ? { answerWithinMs: options.answerWithinMs } : {}),
    }),
  );
  if (options.functions && options.functions.list.length > 0) {
    app.use(createRetellFunctionsRouter({ retellApiKey: options.retellApiKey, clock: options.clock, db: options.functions.db, functions: options.functions.list, log }));
    for (const fn of options.functions.list) routes.push({ method: 'POST', path: `${RETELL_FUNCTIONS_PATH}/${fn.name}`, description: `Retell custom function: ${fn.description}` });
  }
  if (options.jobs) {
    app.use(createJobsRouter(options.jobs));
    routes.push({ method: 'POST', path: `${JOBS_PATH}/clock-in-watch`, description: 'one run of the clock-in watch (this machine only)' });
    routes.push({ method: 'GET', path: `${JOBS_PATH}/data-quality`, description: 'the data-quality report (this machine only)' });
  }
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  for (const extra of options.routers ?? []) {
    if (!extra.path.startsWith('/')) throw new Error(`router path "${extra.path}" must start with "/"`);
    app.use(extra.path, extra.router);
    routes.push({ method: 'ALL', path: extra.path, description: extra.describe });
  }

  const known = routes.map((r) => `${r.method} ${r.path}`);
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}; this server answers: ${known.join(', ')}`, routes: known });
  });

  // Express 5 sends rejected async handlers here too.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const err = (error ?? {}) as { status?: unknown; statusCode?: unknown; expose?: unknown; type?: unknown; name?: unknown };
    const status = typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : 500;
    const clientError = status >= 400 && status < 500;
    let message: string;
    if (err.type === 'entity.too.large') message = "request body too large: Retell's webhooks are a few hundred bytes";
    else if (clientError && err.expose === true && error instanceof Error) message = error.message;
    else if (clientError) message = 'bad request';
    else message = 'internal error; the server log has the error name';
    if (!clientError) log(`gigi server: ${req.method} ${req.path} failed (${typeof err.name === 'string' ? err.name : 'error'})`);
    if (res.headersSent) return;
    res.status(clientError ? status : 500).json({ error: message });
  });

  return { app, routes };
}

export interface StartedGigiServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  routes: GigiRoute[];
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) at `host` (default 127.0.0.1; give 0.0.0.0 to be reachable from outside). */
export function startGigiServer(options: GigiAppOptions & { port: number; host?: string }): Promise<StartedGigiServer> {
  const { app, routes } = createGigiApp(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(options.port, host);
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${options.port} is in use; set GIGI_PORT to another, or 0 for a free one` : error.message;
      reject(new Error(`could not listen on ${host}:${options.port}: ${why}`));
    });
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`,
        routes,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
