// The HTTP door onto the simulator: a real socket for offline developers, CI,
// and tools such as Prism's proxy. All behaviour lives in core/.
//
// The door is a plain Node request listener; `createMockServer` wraps it in an
// express app for those who mount it in their own app or test it with supertest,
// and `startMockServer` (what `npm run mock` runs) serves the listener directly,
// since express's routing adds nothing here but time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express } from 'express';
import { createSimulator, type Simulator, type SimulatorOptions } from './core/simulator.ts';
import { fetchDelivery } from './fetch-delivery.ts';
import { readBoundedBody } from './core/request-body.ts';
import { queryFromPairs } from './core/query-params.ts';
import type { SimRequest, SimResponse } from './core/types.ts';
import { checkControlRequest, isControlPath, isLoopbackHost, loopbackHosts, newControlToken, type ControlGuard } from './core/control-guard.ts';

export type MockServerOptions = SimulatorOptions & {
  /** Use this simulator instead of building one (to share state between doors); it keeps its own `deliver`. */
  simulator?: Simulator;
  /** How long one attempt to deliver a subscription's notification may take (default 10 000 ms). */
  deliveryTimeoutMs?: number;
  /**
   * Require this token in X-Mock-Control-Token on /__admin/ (and check no Host).
   * `startMockServer` makes one itself when it listens beyond loopback.
   */
  controlToken?: string;
};

export type MockServerApp = Express & { simulator: Simulator };

export function toSimRequest(method: string, url: string, headers: IncomingMessage['headers'], body: string | undefined): SimRequest {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? {} : queryFromPairs(new URLSearchParams(url.slice(queryStart + 1)));
  const flat: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers)) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  return { method: method.toUpperCase(), path, query, queryString: queryStart === -1 ? '' : url.slice(queryStart + 1), headers: flat, body };
}

// A cached search answer is the same object every time: encode its text and
// build its headers once.
const wire = new WeakMap<SimResponse, { bytes: Buffer; headers: Record<string, string | number> }>();
function onTheWire(response: SimResponse) {
  let encoded = response.reused ? wire.get(response) : undefined;
  if (!encoded) {
    const bytes = Buffer.from(response.body, 'utf8');
    // One write with a known length: without it Node sends chunked encoding in
    // several packets, and the client waits on each.
    encoded = { bytes, headers: { ...response.headers, 'content-length': bytes.length } };
    // Only answers that come again are kept: a weak entry per one-off answer costs the GC.
    if (response.reused) wire.set(response, encoded);
  }
  return encoded;
}

/** A Node request listener that answers from the simulator. */
export function createRequestListener(simulator: Simulator, guard: ControlGuard = {}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      // A GET or HEAD body means nothing: it is not read (Node discards it), as the MSW door does.
      const bodiless = req.method === 'GET' || req.method === 'HEAD';
      const hasBody = !bodiless && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined);
      const request = toSimRequest(req.method ?? 'GET', req.url ?? '/', req.headers, undefined);
      // Host, Origin and token are checked before a control request's body is even read.
      const refused = isControlPath(request.path) ? checkControlRequest(guard, request) : undefined;
      if (refused) {
        res.writeHead(refused.status, { ...refused.headers, connection: 'close' });
        res.end(refused.body);
        return;
      }
      // At most the limit and one byte more is kept; the core answers 413 for what is over.
      if (hasBody) request.body = await readBoundedBody(req);
      const response = await simulator.handle(request);
      if (response.transport.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      // `hang`: hold the socket open without answering; the client's timeout decides.
      if (response.transport.kind === 'hang') return;
      const { bytes, headers } = onTheWire(response);
      res.writeHead(response.status, headers);
      res.end(bytes);
    } catch (error) {
      // Only a bug in the mock lands here; say so rather than drop the request.
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `mock-server bug: ${(error as Error).message}` }));
    }
  };
}

/** The simulator a door serves: the one given, or a new one that POSTs subscriptions' notifications with fetch. */
export function doorSimulator(options: MockServerOptions): Simulator {
  return options.simulator ?? createSimulator({ ...options, deliver: options.deliver ?? fetchDelivery({ timeoutMs: options.deliveryTimeoutMs }) });
}

export function createMockServer(options: MockServerOptions = {}): MockServerApp {
  const simulator = doorSimulator(options);
  // Mounted by its user, the app does not know its port: any loopback name passes the Host check.
  const listener = createRequestListener(simulator, { token: options.controlToken });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res) => void listener(req, res));
  return Object.assign(app, { simulator });
}

export interface RunningMockServer {
  url: string;
  port: number;
  simulator: Simulator;
  server: Server;
  /** Set when the door listens beyond loopback: send it in X-Mock-Control-Token on /__admin/. */
  controlToken?: string;
  close(): Promise<void>;
}

export type StartOptions = MockServerOptions & {
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Binding beyond loopback (0.0.0.0, a LAN address) must be asked for; the control API then needs a token. */
  allowRemote?: boolean;
};

// What Node's parser refuses never reaches the listener. By default Node answers
// a bare `400 Bad Request` with no body; the gateway's answers are JSON, so these
// are too (the gateway's `{message}` shape), and the connection is closed.
const UNPARSABLE: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

function answerUnparsable(error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket): void {
  // Answered only when no answer to an earlier request on the connection is still
  // pending (else the client would take this one for that one's); then closed.
  const pending = (socket as Socket & { _httpMessage?: unknown })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && !pending) {
    const [status, reason] = UNPARSABLE[error.code ?? ''] ?? [400, 'Bad Request'];
    const body = JSON.stringify({ message: `${reason}: the request could not be read as HTTP/1.1 (${error.code ?? 'parse error'})` });
    // The answer to a HEAD has no body: a client reading one would take it for the next answer.
    const head = error.rawPacket?.toString('latin1', 0, 5).toUpperCase() === 'HEAD ';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`);
    return;
  }
  socket.destroy();
}

/** Starts the HTTP door on a port (0 picks a free one) and returns its base URL. */
export function startMockServer(options: StartOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1';
  const remote = !isLoopbackHost(host);
  if (remote && !options.allowRemote) {
    return Promise.reject(
      new Error(`host: ${host} is reachable beyond this machine, and so would be the control API; pass --allow-remote (allowRemote: true) to mean it, and use the control token it prints`),
    );
  }
  const controlToken = options.controlToken ?? (remote ? newControlToken() : undefined);
  const simulator = doorSimulator(options);
  // The Host set needs the port, known once listening; the guard object is filled in then.
  const guard: { hosts?: Set<string>; token?: string } = { hosts: new Set(), token: controlToken };
  const server = createServer(createRequestListener(simulator, guard));
  const sockets = new Set<Socket>();
  server.on('clientError', answerUnparsable);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const port = (server.address() as { port: number }).port;
      guard.hosts = loopbackHosts(port, host);
      resolve({
        url: `http://${host}:${port}`,
        port,
        simulator,
        server,
        controlToken,
        close: () =>
          new Promise<void>((done) => {
            // Hanging requests would keep the server open forever; so would a
            // delivery in flight to a slow receiver (a shared simulator keeps its own).
            if (!options.simulator) simulator.deliveries.clear();
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
