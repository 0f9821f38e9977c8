// A webhook receiver on a real local port: records every request it gets and
// answers from a script (say 500, 500, then 200), or holds the answer until
// released. Stands in for Gigi's endpoint when the simulated WellSky delivers
// subscriptions' notifications.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  text: string;
  json(): any;
}

export interface HookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedHook[];
  /** The statuses to answer next, in order; once used up, 200. */
  answer(...statuses: number[]): void;
  /** Hold every answer until `release()` (a slow or stuck receiver). */
  hold(): void;
  release(): void;
  /** Forget what came in and the script. */
  clear(): void;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  let script: number[] = [];
  let held: (() => void)[] | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, text, json: () => JSON.parse(text) });
      const status = script.shift() ?? 200;
      const send = () => {
        if (!res.writableEnded && !res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      };
      if (held) held.push(send);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (...statuses) => {
      script = statuses;
    },
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const send of waiting) send();
    },
    clear: () => {
      received.length = 0;
      script = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
