// Retell's webhook signature: `x-retell-signature: v=<unix ms>,d=<hex>`, the
// HMAC-SHA256 of the raw body followed by the timestamp, keyed by the API key.
//
// The check itself is retell-sdk's (v5, `lib/webhook_auth`). What the SDK does:
// - `verify(body, apiKey, signature)` (the top-level and `Retell.verify` export)
//   is async (Web Crypto) and resolves true/false; it never says why.
// - It does check the timestamp itself: |now − v| > 5 minutes is false — and
//   its "now" is `Date.now()`, the real clock, with no way to pass another.
// - The same module exports `symmetric.verify(body, key, signature, { timestamp, timeout })`,
//   which the top-level `verify` calls with the defaults (Date.now(), 5 min).
// So we call `symmetric.verify` with `timestamp: clock.now()`: the SDK's own
// staleness check then runs against the injected clock, the same one our own
// check below uses. With a fake clock in tests, neither check looks at the
// real time, and a signature made at the fake clock's "now" verifies however
// far that is from the machine's date.
//
// Before the SDK, we read the header ourselves only to say *why* a request is
// refused (the SDK answers a bare false): missing, malformed, stale, or a
// digest that does not match.
import { symmetric } from 'retell-sdk/lib/webhook_auth';
import type { Clock } from '../clock.ts';

export const RETELL_SIGNATURE_HEADER = 'x-retell-signature';
/** How far the signed timestamp may be from now, either direction (Retell's and the SDK's 5 minutes). */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureFailure = 'missing-signature' | 'malformed-signature' | 'stale-signature' | 'bad-signature';

export type SignatureCheck =
  | { ok: true; signedAt: number }
  | { ok: false; reason: SignatureFailure; message: string };

const SIGNATURE = /^v=(\d{1,16}),d=([0-9a-f]{64})$/i;

/** The header's timestamp and digest, or undefined when it is not `v=<unix ms>,d=<64 hex>`. */
export function parseRetellSignature(header: string): { timestamp: number; digest: string } | undefined {
  const match = SIGNATURE.exec(header.trim());
  if (!match) return undefined;
  const timestamp = Number(match[1]);
  if (!Number.isSafeInteger(timestamp)) return undefined;
  return { timestamp, digest: match[2]!.toLowerCase() };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks a request's signature over its exact raw bytes. Never throws for a
 * bad request; the messages never contain the key, the header or the body.
 */
export async function verifyRetellSignature(input: {
  rawBody: Uint8Array;
  header: string | string[] | undefined;
  apiKey: string;
  clock: Clock;
}): Promise<SignatureCheck> {
  const { rawBody, header, apiKey, clock } = input;
  if (header === undefined || (typeof header === 'string' && header.trim() === '')) {
    return { ok: false, reason: 'missing-signature', message: `missing ${RETELL_SIGNATURE_HEADER} header: Retell signs every webhook; check the request comes from Retell` };
  }
  if (Array.isArray(header)) {
    return { ok: false, reason: 'malformed-signature', message: `${RETELL_SIGNATURE_HEADER} sent more than once; expected one v=<unix ms>,d=<hex>` };
  }
  const parsed = parseRetellSignature(header);
  if (!parsed) {
    return { ok: false, reason: 'malformed-signature', message: `malformed ${RETELL_SIGNATURE_HEADER}: expected v=<unix ms>,d=<64 hex digits>` };
  }
  const now = clock.now();
  const skew = now - parsed.timestamp;
  if (Math.abs(skew) > SIGNATURE_TOLERANCE_MS) {
    const minutes = Math.round(Math.abs(skew) / 60_000);
    return {
      ok: false,
      reason: 'stale-signature',
      message: `stale signature: signed ${minutes} min ${skew > 0 ? 'ago' : 'in the future'}, more than 5 min from this server's clock (replayed request, or a clock out of sync)`,
    };
  }
  // The SDK takes a string; decoding strictly keeps bytes ↔ string one-to-one,
  // so two different bodies can never verify against one signature.
  let body: string;
  try {
    body = strictUtf8.decode(rawBody);
  } catch {
    return { ok: false, reason: 'bad-signature', message: 'bad signature: the body is not valid UTF-8, so Retell cannot have signed it' };
  }
  let valid = false;
  try {
    valid = await symmetric.verify(body, apiKey, header.trim(), { timestamp: now, timeout: SIGNATURE_TOLERANCE_MS });
  } catch {
    valid = false;
  }
  if (!valid) {
    return { ok: false, reason: 'bad-signature', message: 'bad signature: it does not match the body and RETELL_API_KEY (a changed body, or a different API key)' };
  }
  return { ok: true, signedAt: parsed.timestamp };
}
