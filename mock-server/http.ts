// The express door onto the simulator: a real socket for offline developers, CI,
// and tools such as Prism's proxy. All behaviour lives in core/.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express } from 'express';
import { createSimulator, type Simulator, type SimulatorOptions } from './core/simulator.ts';
import type { SimRequest } from './core/types.ts';

export type MockServerOptions = SimulatorOptions & {
  /** Use this simulator instead of building one (to share state between doors). */
  simulator?: Simulator;
};

export type MockServerApp = Express & { simulator: Simulator };

function readBody(req: IncomingMessage): Promise<string | undefined> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', reject);
  });
}

export function toSimRequest(method: string, url: string, headers: IncomingMessage['headers'], body: string | undefined): SimRequest {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query: Record<string, string | string[]> = {};
  if (queryStart !== -1) {
    for (const [key, value] of new URLSearchParams(url.slice(queryStart + 1))) {
      const previous = query[key];
      query[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  }
  const flat: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers)) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  return { method: method.toUpperCase(), path, query, headers: flat, body };
}

export function createMockServer(options: MockServerOptions = {}): MockServerApp {
  const simulator = options.simulator ?? createSimulator(options);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(async (req, res, next) => {
    try {
      const body = await readBody(req);
      const response = await simulator.handle(toSimRequest(req.method, req.originalUrl, req.headers, body));
      if (response.transport.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (response.transport.kind === 'hang') {
        // Hold the socket open without answering; the client's timeout decides.
        return;
      }
      res.status(response.status);
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
      res.end(response.body);
    } catch (error) {
      next(error);
    }
  });
  return Object.assign(app, { simulator });
}

export interface RunningMockServer {
  url: string;
  port: number;
  simulator: Simulator;
  server: Server;
  close(): Promise<void>;
}

/** Starts the express door on a port (0 picks a free one) and returns its base URL. */
export function startMockServer(options: MockServerOptions & { port?: number; host?: string } = {}): Promise<RunningMockServer> {
  const app = createMockServer(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const sockets = new Set<Socket>();
    const server = app.listen(options.port ?? 0, host, (error?: Error) => {
      if (error) return reject(error);
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        simulator: app.simulator,
        server,
        close: () =>
          new Promise<void>((done) => {
            // Hanging requests would keep the server open forever.
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.on('error', reject);
  });
}
