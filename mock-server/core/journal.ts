import { createHash } from 'node:crypto';

// The request journal: what came in, what went out, and which rule answered.
// A fixed-size ring, so a long `npm run mock` session does not grow without end
// and recording stays O(1) on the request path.

/** One attempt to deliver a subscription's notification, as the journal keeps it. */
export interface DeliveryAttemptNote {
  id: number;
  subscriptionId: string;
  criteria: string;
  attempt: number;
  /** Attempts allowed in all (the first plus the retries). */
  of: number;
  /** delivered (2xx) · retrying (failed, another attempt will follow) · failed (the last attempt failed). */
  outcome: 'delivered' | 'retrying' | 'failed';
  /** Why the attempt got no answer (refused, timed out, ...). */
  error?: string;
  /** The subscription's header lines: names, and values only as fingerprints. */
  headers: Record<string, string>;
}

export interface JournalEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  latencyMs: number;
  /** The spec operation that answered, when the request reached one. */
  operationId?: string;
  /** The rule that decided the answer: a gateway rule, an auth rule, a fault, a quirk. */
  rule?: string;
  /** Scheme and a short hash of the Authorization header, never the token. */
  auth?: string;
  /** The request body with secrets and note text redacted. */
  requestBody?: unknown;
  /** Which transport behaviour a fault chose: respond, hang or reset; `callback` for a subscription's delivery. */
  transport: string;
  /** On a callback WellSky sent (not a request it answered): which delivery and attempt. */
  delivery?: DeliveryAttemptNote;
  /** Length and a short SHA-256 of the response body, to compare runs without storing health data. */
  responseBytes?: number;
  responseSha?: string;
}

/** What the request path hands over: no sequence number or formatted time yet. */
export type RecordedRequest = Omit<JournalEntry, 'seq' | 'time' | 'responseBytes' | 'responseSha'> & { timeMs: number };

export interface Journal {
  /** Kept as given, with the response body; formatting and hashing wait until someone reads. */
  record(entry: RecordedRequest, responseBody?: string, shared?: boolean): void;
  list(options?: { since?: number; limit?: number }): JournalEntry[];
  clear(): void;
  size(): number;
  /** Goes up by one at every clear, so a reader can tell its copy is stale. */
  generation(): number;
  /** The newest sequence number given out (0 before the first request). */
  lastSeq(): number;
}

interface Slot {
  seq: number;
  recorded: RecordedRequest;
  body?: string;
  digest?: { bytes: number; sha: string };
  /** Made at the first read, then reused. */
  entry?: JournalEntry;
}

function digest(body: string): { bytes: number; sha: string } {
  return { bytes: Buffer.byteLength(body), sha: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

export function createJournal(capacity = 5000): Journal {
  let ring: (Slot | undefined)[] = new Array(capacity);
  let seq = 0;
  let count = 0;
  let cleared = 0;

  function entryOf(slot: Slot): JournalEntry {
    if (!slot.entry) {
      const { timeMs, ...rest } = slot.recorded;
      slot.entry = { seq: slot.seq, time: new Date(timeMs).toISOString(), ...rest };
      const { bytes, sha } = slot.digest ?? (slot.body !== undefined ? digest(slot.body) : { bytes: undefined, sha: undefined });
      if (sha !== undefined) Object.assign(slot.entry, { responseBytes: bytes, responseSha: sha });
      slot.body = undefined;
    }
    return slot.entry;
  }

  return {
    record(recorded, body, shared = false) {
      const slot: Slot = { seq: ++seq, recorded };
      // A cached answer's text is held by the cache anyway: hash it when read.
      // Any other body is hashed now, so the journal never holds thousands of pages.
      if (shared) slot.body = body;
      else if (body !== undefined) slot.digest = digest(body);
      ring[seq % capacity] = slot;
      count = Math.min(count + 1, capacity);
    },
    list({ since, limit = 500 } = {}) {
      const oldest = seq - count + 1;
      // A poller (`since`) gets the next `limit` entries in order, so it never skips
      // any; without `since`, the newest `limit`.
      const first = since === undefined ? Math.max(oldest, seq - limit + 1) : Math.max(oldest, since + 1);
      const last = Math.min(seq, first + limit - 1);
      const out: JournalEntry[] = [];
      for (let s = first; s <= last; s++) out.push(entryOf(ring[s % capacity]!));
      return out;
    },
    clear() {
      ring = new Array(capacity);
      count = 0;
      cleared++;
    },
    generation: () => cleared,
    lastSeq: () => seq,
    size: () => count,
  };
}
