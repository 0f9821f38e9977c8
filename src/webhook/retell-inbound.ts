// POST /webhooks/retell/inbound: Retell asks, as a call comes in, what to tell
// the agent about the caller. In order, and stopping at the first refusal:
// 1. read the raw bytes (the signature is over them, not over re-serialised JSON);
// 2. check the signature — 401 {error, reason} and nothing else happens;
// 3. read the JSON — 400 {error, field} naming what is wrong and the fix;
// 4. ask caller ID, within a deadline on the injected clock — 200 with the
//    variables; if caller ID throws or runs late, 200 with "unknown": the call goes on.
// Nothing logged here holds the API key, the signature header or the body.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IdentifyCaller } from '../callerid/answer.ts';
import type { Clock } from '../clock.ts';
import { arrivalStamp, arrivedAt, rawBodyReader } from './raw-body.ts';
import { toRetellInbound, unknownCallerAnswer, type RetellInboundAnswer } from './dynamic-variables.ts';
import { RETELL_SIGNATURE_HEADER, verifyRetellSignature } from './retell-signature.ts';

export const RETELL_INBOUND_PATH = '/webhooks/retell/inbound';
/** Retell's call_inbound body is a few hundred bytes; anything near this is not Retell. */
export const RETELL_BODY_LIMIT = '64kb';
const BODY_LIMIT_BYTES = 64 * 1024;
/** Retell waits 10 s for the answer; caller ID has its own budget, this is the backstop under it. */
export const DEFAULT_ANSWER_WITHIN_MS = 8000;

export interface RetellInboundOptions {
  retellApiKey: string;
  identifyCaller: IdentifyCaller;
  clock: Clock;
  /** One line per event worth a person's attention; never given a secret. Default: stderr. */
  log?: (line: string) => void;
  /** The most caller ID may take before the answer is "unknown" anyway. */
  answerWithinMs?: number;
}

export interface RetellInboundBody {
  event: 'call_inbound';
  call_inbound: { from_number: string; to_number?: string; agent_id?: string };
}

export type BodyCheck = { ok: true; body: RetellInboundBody } | { ok: false; field: string; error: string };

export const defaultLog = (line: string) => {
  process.stderr.write(`${line}\n`);
};

/** The parsed JSON of a signed request, checked for what this endpoint needs. */
export function checkInboundBody(text: string): BodyCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, field: 'body', error: 'body is not JSON: send the call_inbound event as a JSON object {"event":"call_inbound","call_inbound":{…}}' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, field: 'body', error: 'body must be a JSON object {"event":"call_inbound","call_inbound":{…}}' };
  }
  const record = value as Record<string, unknown>;
  if (record.event !== 'call_inbound') {
    const got = typeof record.event === 'string' ? `"${record.event.slice(0, 40)}"` : record.event === undefined ? 'nothing' : typeof record.event;
    return {
      ok: false,
      field: 'event',
      error: `event must be "call_inbound" (got ${got}): this URL is the agent's inbound-call webhook; send other events to the agent's webhook URL`,
    };
  }
  const inbound = record.call_inbound;
  if (typeof inbound !== 'object' || inbound === null || Array.isArray(inbound)) {
    return { ok: false, field: 'call_inbound', error: 'call_inbound is missing or not an object: expected {"from_number":"+1…","to_number":"+1…"}' };
  }
  const call = inbound as Record<string, unknown>;
  // A withheld number comes without one (or empty): the call still goes on, greeted as unknown.
  if (call.from_number !== undefined && call.from_number !== null && typeof call.from_number !== 'string') {
    return {
      ok: false,
      field: 'call_inbound.from_number',
      error: "call_inbound.from_number must be the caller's number as a string, e.g. \"+13035550101\" (or absent for a withheld number)",
    };
  }
  return {
    ok: true,
    body: {
      event: 'call_inbound',
      call_inbound: {
        from_number: typeof call.from_number === 'string' ? call.from_number : '',
        ...(typeof call.to_number === 'string' ? { to_number: call.to_number } : {}),
        ...(typeof call.agent_id === 'string' ? { agent_id: call.agent_id } : {}),
      },
    },
  };
}

/** A message that may be logged: the key and anything shaped like a signature removed, one line, bounded. */
function loggable(text: string, apiKey: string): string {
  let out = text;
  if (apiKey) out = out.split(apiKey).join('[retell-api-key]');
  return out.replace(/v=\d+,d=[0-9a-f]+/gi, '[signature]').replace(/\s+/g, ' ').slice(0, 200);
}

/** Caller ID within the deadline, or the "unknown" answer: never throws. */
async function answerFor(options: RetellInboundOptions, fromNumber: string, arrivedAt: number, log: (line: string) => void): Promise<RetellInboundAnswer> {
  const { clock, identifyCaller, retellApiKey } = options;
  const within = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  // Both clocks start when the request arrived: reading the body and checking the signature are part of the wait.
  const started = arrivedAt;
  let cancel = () => {};
  const late = new Promise<'late'>((resolve) => {
    cancel = clock.timer(Math.max(0, started + within - clock.now()), () => resolve('late'));
  });
  try {
    const lookup = identifyCaller(fromNumber, { startedAt: started });
    // A lookup that fails after the deadline has nobody to tell: its rejection is dropped here.
    lookup.catch(() => {});
    const result = await Promise.race([lookup, late]);
    if (result === 'late') {
      log(`retell inbound: caller ID took more than ${within} ms; answered "unknown" so the call goes on`);
      return toRetellInbound(unknownCallerAnswer(fromNumber, `caller ID took more than ${within} ms`, clock.now() - started));
    }
    return toRetellInbound(result);
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    log(`retell inbound: caller ID failed (${loggable(`${name}: ${message}`, retellApiKey)}); answered "unknown" so the call goes on`);
    // The error's text stays in our log; Retell's call record gets only that it failed.
    return toRetellInbound(unknownCallerAnswer(fromNumber, `caller ID failed (${name})`, clock.now() - started));
  } finally {
    cancel();
  }
}

/** The router that serves POST /webhooks/retell/inbound (other methods there: 405). */
export function createRetellInboundRouter(options: RetellInboundOptions): express.Router {
  if (typeof options.retellApiKey !== 'string' || options.retellApiKey.trim() === '') {
    throw new Error('RETELL_API_KEY is required to serve the Retell webhook: without it no signature can be checked');
  }
  const log = options.log ?? defaultLog;
  const router = express.Router();
  const readRaw = rawBodyReader(BODY_LIMIT_BYTES, "request body too large: Retell's webhooks are a few hundred bytes");
  // Taken before the body is read: under load, reading and verifying can wait behind other calls.
  const arrival = arrivalStamp(() => options.clock.now());

  router.post(RETELL_INBOUND_PATH, arrival, readRaw, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const raw: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
      const check = await verifyRetellSignature({
        rawBody: raw,
        header: req.headers[RETELL_SIGNATURE_HEADER],
        apiKey: options.retellApiKey,
        clock: options.clock,
      });
      if (!check.ok) {
        log(`retell inbound: refused (${check.reason})`);
        res.status(401).json({ error: check.message, reason: check.reason });
        return;
      }
      const body = checkInboundBody(Buffer.from(raw).toString('utf8'));
      if (!body.ok) {
        res.status(400).json({ error: body.error, field: body.field });
        return;
      }
      const answer = await answerFor(options, body.body.call_inbound.from_number, arrivedAt(req, options.clock.now()), log);
      const text = JSON.stringify({ call_inbound: answer });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
    } catch (error) {
      next(error);
    }
  });

  router.all(RETELL_INBOUND_PATH, (req: Request, res: Response) => {
    res.set('Allow', 'POST').status(405).json({ error: `${req.method} is not served here: Retell POSTs the call_inbound event to ${RETELL_INBOUND_PATH}` });
  });

  return router;
}
