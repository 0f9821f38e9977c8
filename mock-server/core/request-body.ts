// Turns the raw body text into a value by its content type. One place, so the
// express and MSW doors answer malformed input the same way.
import { gatewayError, HttpError } from './responses.ts';
import type { SimResponse } from './types.ts';

/**
 * The largest request body the simulated WellSky takes: 1 MiB. Real WellSky
 * bodies are a few kilobytes (the largest, a patient with contacts, under 10 KB),
 * so this is far above any of them and far below what hurts the process. A
 * larger body is answered 413 before anything parses it.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The 413 the gateway answers for a body over the limit, naming the limit. */
export function bodyTooLargeResponse(): SimResponse {
  return gatewayError(413, `Request body too large: the simulated WellSky takes at most ${MAX_BODY_BYTES} bytes (1 MiB)`);
}

/** The 413 for a raw body over MAX_BODY_BYTES, or undefined. Cheap: most bodies are decided by their length alone. */
export function refuseLargeBody(raw: string | undefined): SimResponse | undefined {
  if (raw === undefined) return undefined;
  // UTF-8 takes at least one byte per UTF-16 unit and at most three.
  if (raw.length > MAX_BODY_BYTES) return bodyTooLargeResponse();
  if (raw.length * 3 <= MAX_BODY_BYTES) return undefined;
  return Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES ? bodyTooLargeResponse() : undefined;
}

/**
 * For a door: reads a body stream keeping at most MAX_BODY_BYTES + 1 bytes. The
 * rest is read and dropped (memory stays bounded, the connection stays usable),
 * and the text handed on is still over the limit, so the core answers 413 and
 * journals it. `undefined` for an empty body.
 */
export async function readBoundedBody(stream: AsyncIterable<Uint8Array | string> | null | undefined, limit = MAX_BODY_BYTES): Promise<string | undefined> {
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of stream) {
    if (kept > limit) continue;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const room = limit + 1 - kept;
    chunks.push(bytes.length > room ? bytes.subarray(0, room) : bytes);
    kept += Math.min(bytes.length, room);
  }
  if (kept === 0) return undefined;
  // Cut mid-character, the last character decodes as U+FFFD: still over the limit in bytes.
  return Buffer.concat(chunks, kept).toString('utf8');
}

/**
 * The deepest nesting a JSON body may have. Real WellSky bodies nest a handful
 * of levels (a care plan's `activity[].detail.code.coding[]` is six); JSON.parse
 * takes hundreds of thousands, but a value that deep breaks everything recursive
 * after it (JSON.stringify, structuredClone, the validator), and once stored it
 * would break every later read of the record.
 */
export const MAX_BODY_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, by one pass over
 * the characters (strings skipped), before anything builds the value.
 */
export function nestsDeeperThan(text: string, max = MAX_BODY_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export function parseBody(raw: string | undefined, contentType: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  // A safety net: the simulator refuses such a body before it gets here.
  if (refuseLargeBody(raw)) throw new HttpError(413, `body: more than ${MAX_BODY_BYTES} bytes`);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (nestsDeeperThan(raw)) throw new HttpError(400, `body: nested more than ${MAX_BODY_DEPTH} levels deep; WellSky bodies nest a few levels`);
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new HttpError(400, `body: not valid JSON (${(error as Error).message}); send a JSON object with Content-Type: application/json`);
  }
}
