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

export function parseBody(raw: string | undefined, contentType: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  // A safety net: the simulator refuses such a body before it gets here.
  if (refuseLargeBody(raw)) throw new HttpError(413, `body: more than ${MAX_BODY_BYTES} bytes`);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new HttpError(400, `body: not valid JSON (${(error as Error).message}); send a JSON object with Content-Type: application/json`);
  }
}
