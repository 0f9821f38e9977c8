// Sends fuzz requests through the real HTTP door: one keep-alive connection, so
// a request that breaks framing (a body left unread, a bad header) shows up on
// the next request over the same socket.
import { Agent, request } from 'node:http';
import type { Answer } from './response-oracle.ts';

export interface WireRequest {
  method: string;
  /** Path and query as they go in the request line. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** Send the body in chunks (Transfer-Encoding: chunked) rather than with a Content-Length. */
  chunked?: boolean;
}

export interface HttpSender {
  send(req: WireRequest): Promise<Answer>;
  /** Sockets the agent opened: with keep-alive, a handful for thousands of requests. */
  readonly socketsOpened: number;
  close(): void;
}

/** A header value Node will put on the wire: UTF-8 bytes as Latin-1, control characters replaced. */
export function wireHeaderValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '?');
}

export function createHttpSender(port: number, timeoutMs = 30_000): HttpSender {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let socketsOpened = 0;
  const countSocket = () => socketsOpened++;
  return {
    get socketsOpened() {
      return socketsOpened;
    },
    send(req) {
      return new Promise<Answer>((resolve, reject) => {
        const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
        const headers: Record<string, string | number> = {};
        for (const [name, value] of Object.entries(req.headers)) headers[name] = wireHeaderValue(value);
        // Said outright: Node's client frames GET, DELETE and OPTIONS bodies only when told to.
        if (body) {
          if (req.chunked) headers['transfer-encoding'] = 'chunked';
          else headers['content-length'] = body.length;
        }
        const outgoing = request({ host: '127.0.0.1', port, method: req.method, path: req.target, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Answer['headers'], body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        outgoing.on('socket', (socket) => {
          if (!(socket as { fuzzCounted?: boolean }).fuzzCounted) {
            (socket as { fuzzCounted?: boolean }).fuzzCounted = true;
            countSocket();
          }
        });
        outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
        outgoing.on('error', reject);
        if (body && req.chunked) {
          // Three writes of uneven size: the door must put them back together (a UTF-8 character may be split).
          const cut = [Math.floor(body.length / 3), Math.floor((2 * body.length) / 3) + 1];
          outgoing.write(body.subarray(0, cut[0]));
          outgoing.write(body.subarray(cut[0], cut[1]));
          outgoing.end(body.subarray(cut[1]));
        } else outgoing.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
