// POST /webhooks/retell/functions/<name>: Retell's custom-function calls, the
// way the voice agent asks Gigi to act mid-call (take a call-out, a complaint,
// a lead). The body is {name, call, args}, signed like the inbound webhook.
// Retell retries a call that failed or ran past its timeout (up to twice), so
// each answer is kept under the call's key (call id, function, arguments): a
// repeat while the first still runs waits for it, a repeat after gets the same
// answer, and neither repeats a text, a page or a note.
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../cache/database.ts';
import type { Clock } from '../clock.ts';
import { arrivalStamp, rawBodyReader } from './raw-body.ts';
import { RETELL_SIGNATURE_HEADER, verifyRetellSignature } from './retell-signature.ts';

export const RETELL_FUNCTIONS_PATH = '/webhooks/retell/functions';
/** A function call carries the call object with its transcript so far: a long call's is tens of KB. */
const BODY_LIMIT_BYTES = 512 * 1024;

/** What Retell sends about the call; only what Gigi reads is typed. */
export interface RetellCall {
  call_id: string;
  from_number?: string;
  to_number?: string;
  direction?: string;
  [more: string]: unknown;
}

export interface FunctionContext {
  call: RetellCall;
  /** When the request arrived, by Gigi's clock. */
  arrivedAt: number;
}

/** A custom function: its arguments checked by `parse` (a message naming the field on a bad one), then run. */
export interface RetellFunction<A = unknown> {
  name: string;
  description: string;
  /** Throws an ArgumentError naming the field and the fix. */
  parse(args: unknown): A;
  run(args: A, context: FunctionContext): Promise<Record<string, unknown>>;
}

export class ArgumentError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

export interface RetellFunctionsOptions {
  retellApiKey: string;
  clock: Clock;
  db: Database;
  functions: RetellFunction<never>[];
  log: (line: string) => void;
}

/** Stable JSON (keys sorted), so the same arguments give the same key however they are ordered. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function callKey(callId: string, name: string, args: unknown): string {
  return createHash('sha256').update(`${callId}\n${name}\n${canonical(args ?? {})}`).digest('hex');
}

export function createRetellFunctionsRouter(options: RetellFunctionsOptions): express.Router {
  const router = express.Router();
  const byName = new Map(options.functions.map((f) => [f.name, f]));
  const names = [...byName.keys()];
  const inFlight = new Map<string, Promise<Record<string, unknown>>>();

  async function stored(key: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await options.db.query<{ answer: unknown }>('SELECT answer FROM function_calls WHERE key = $1', [key]);
    const answer = rows[0]?.answer;
    if (answer === undefined) return undefined;
    return (typeof answer === 'string' ? JSON.parse(answer) : answer) as Record<string, unknown>;
  }

  async function runOnce(key: string, fn: RetellFunction<never>, args: never, context: FunctionContext): Promise<Record<string, unknown>> {
    const running = inFlight.get(key);
    if (running) return running;
    const work = (async () => {
      const earlier = await stored(key);
      if (earlier) return earlier;
      const answer = await fn.run(args, context);
      await options.db.query('INSERT INTO function_calls (key, name, call_id, answer, answered_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING', [
        key,
        fn.name,
        context.call.call_id,
        JSON.stringify(answer),
        new Date(options.clock.now()).toISOString(),
      ]);
      return answer;
    })();
    inFlight.set(key, work);
    try {
      return await work;
    } finally {
      inFlight.delete(key);
    }
  }

  router.post(
    `${RETELL_FUNCTIONS_PATH}/:name`,
    arrivalStamp(() => options.clock.now()),
    rawBodyReader(BODY_LIMIT_BYTES, 'request body too large: a custom-function call is a few KB'),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const raw: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
        const check = await verifyRetellSignature({ rawBody: raw, header: req.headers[RETELL_SIGNATURE_HEADER], apiKey: options.retellApiKey, clock: options.clock });
        if (!check.ok) {
          options.log(`retell function: refused (${check.reason})`);
          res.status(401).json({ error: check.message, reason: check.reason });
          return;
        }
        const name = String(req.params.name);
        const fn = byName.get(name);
        if (!fn) {
          res.status(404).json({ error: `no custom function "${name.slice(0, 60)}" here; this server has: ${names.join(', ')}`, functions: names });
          return;
        }
        let body: { name?: unknown; call?: unknown; args?: unknown };
        try {
          body = JSON.parse(Buffer.from(raw).toString('utf8')) as typeof body;
        } catch {
          res.status(400).json({ error: 'body is not JSON: Retell sends {"name", "call", "args"}', field: 'body' });
          return;
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          res.status(400).json({ error: 'body must be a JSON object {"name", "call", "args"}', field: 'body' });
          return;
        }
        if (body.name !== undefined && body.name !== name) {
          res.status(400).json({ error: `name is "${String(body.name).slice(0, 60)}" but this URL is the function "${name}": point the custom function's URL at …/functions/${String(body.name).slice(0, 60)}`, field: 'name' });
          return;
        }
        const call = body.call as RetellCall | undefined;
        if (!call || typeof call !== 'object' || typeof call.call_id !== 'string' || call.call_id === '') {
          res.status(400).json({ error: 'call.call_id is missing: Retell sends the call object with every function call', field: 'call.call_id' });
          return;
        }
        let args: never;
        try {
          args = fn.parse(body.args ?? {}) as never;
        } catch (error) {
          if (error instanceof ArgumentError) {
            res.status(400).json({ error: error.message, field: `args.${error.field}` });
            return;
          }
          throw error;
        }
        const context: FunctionContext = { call, arrivedAt: (req as Request & { arrivedAt?: number }).arrivedAt ?? options.clock.now() };
        const answer = await runOnce(callKey(call.call_id, name, body.args ?? {}), fn, args, context);
        const text = JSON.stringify(answer);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
      } catch (error) {
        next(error);
      }
    },
  );

  router.all(`${RETELL_FUNCTIONS_PATH}/:name`, (req: Request, res: Response) => {
    res.set('Allow', 'POST').status(405).json({ error: `${req.method} is not served here: Retell POSTs custom-function calls` });
  });

  return router;
}
