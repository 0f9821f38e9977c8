import { createHash } from 'node:crypto';

// The request journal: what came in, what went out, and which rule answered.
// A fixed-size ring, bounded in entries and in bytes (each entry's size capped,
// the oldest dropped past the total), so a long `npm run mock` session or a
// hostile client cannot grow it without end; recording stays O(1) on the
// request path, and a read is a bounded page.

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

/**
 * Bounds on the journal's memory, in bytes (of JSON text, roughly what an entry
 * costs to keep and to send). Entries beyond them are cut down or dropped, oldest first.
 */
export const JOURNAL_LIMITS = {
  /** One entry's path or query beyond this many characters keeps its start and its length. */
  textChars: 2048,
  /** One entry's redacted request body beyond this is replaced by its size. */
  bodyBytes: 16 * 1024,
  /** All entries together; the oldest are dropped past it. */
  totalBytes: 16 * 1024 * 1024,
  /** Cached answers' texts remembered with their hash, so an answer served many times is hashed once. */
  sharedDigestBytes: 32 * 1024 * 1024,
  /** One read (one page) at most this many bytes of entries, whatever `limit` says. */
  pageBytes: 1024 * 1024,
} as const;

/** One page of the journal, as GET /__admin/journal answers it. */
export interface JournalPage {
  generation: number;
  lastSeq: number;
  entries: JournalEntry[];
  /** Entries the byte bound held back: ask again with `since` = the last entry's seq. */
  more: boolean;
}

export interface Journal {
  /** Kept as given, with the response body; formatting and hashing wait until someone reads. */
  record(entry: RecordedRequest, responseBody?: string, shared?: boolean): void;
  list(options?: { since?: number; limit?: number; maxBytes?: number }): JournalEntry[];
  /**
   * A bounded page: at most `limit` entries and about `maxBytes` (default
   * JOURNAL_LIMITS.pageBytes) of them, so no read can build an unbounded string.
   * `since` pages forward in order; without it, the newest that fit.
   */
  page(options?: { since?: number; limit?: number; maxBytes?: number }): JournalPage;
  clear(): void;
  size(): number;
  /** Bytes the kept entries take, by the journal's own estimate. */
  bytes(): number;
  /** Goes up by one at every clear, so a reader can tell its copy is stale. */
  generation(): number;
  /** The newest sequence number given out (0 before the first request). */
  lastSeq(): number;
}

interface Slot {
  seq: number;
  recorded: RecordedRequest;
  digest?: { bytes: number; sha: string };
  /** Made at the first read, then reused. */
  entry?: JournalEntry;
  /** Estimated bytes of the entry's JSON. */
  size: number;
}

function digest(body: string): { bytes: number; sha: string } {
  return { bytes: Buffer.byteLength(body), sha: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

/** Fixed fields' JSON (names, time, numbers, hashes), before the variable texts. */
const ENTRY_OVERHEAD = 320;

function capText(text: string): string {
  return text.length <= JOURNAL_LIMITS.textChars ? text : `${text.slice(0, JOURNAL_LIMITS.textChars)}…[${text.length} chars in all]`;
}

/** Cuts the entry down to its bounds and says how many bytes it keeps. */
function bounded(recorded: RecordedRequest): { recorded: RecordedRequest; size: number } {
  let size = ENTRY_OVERHEAD;
  if (recorded.path.length > JOURNAL_LIMITS.textChars) recorded = { ...recorded, path: capText(recorded.path) };
  if (recorded.query.length > JOURNAL_LIMITS.textChars) recorded = { ...recorded, query: capText(recorded.query) };
  size += recorded.path.length + recorded.query.length + (recorded.rule?.length ?? 0) + (recorded.operationId?.length ?? 0) + (recorded.auth?.length ?? 0);
  if (recorded.rule !== undefined && recorded.rule.length > JOURNAL_LIMITS.textChars) recorded = { ...recorded, rule: capText(recorded.rule) };
  if (recorded.requestBody !== undefined) {
    const bodyBytes = (JSON.stringify(recorded.requestBody) ?? '').length;
    if (bodyBytes > JOURNAL_LIMITS.bodyBytes) {
      recorded = { ...recorded, requestBody: `[redacted body of ${bodyBytes} bytes: more than ${JOURNAL_LIMITS.bodyBytes} kept per entry]` };
      size += 80;
    } else size += bodyBytes;
  }
  if (recorded.delivery !== undefined) size += (JSON.stringify(recorded.delivery) ?? '').length;
  return { recorded, size };
}

export function createJournal(capacity = 5000): Journal {
  let ring: (Slot | undefined)[] = new Array(capacity);
  let seq = 0;
  let count = 0;
  let cleared = 0;
  let totalBytes = 0;
  // Answer text → its digest, for answers the search cache serves again and again
  // (the same string each time: V8 keeps a string's hash, so the lookup is cheap).
  let sharedDigests = new Map<string, { bytes: number; sha: string }>();
  let sharedBytes = 0;

  const oldest = () => seq - count + 1;

  function entryOf(slot: Slot): JournalEntry {
    if (!slot.entry) {
      const { timeMs, ...rest } = slot.recorded;
      slot.entry = { seq: slot.seq, time: new Date(timeMs).toISOString(), ...rest };
      const { bytes, sha } = slot.digest ?? { bytes: undefined, sha: undefined };
      if (sha !== undefined) Object.assign(slot.entry, { responseBytes: bytes, responseSha: sha });
    }
    return slot.entry;
  }

  function sharedDigest(body: string): { bytes: number; sha: string } {
    let known = sharedDigests.get(body);
    if (known) return known;
    known = digest(body);
    sharedDigests.set(body, known);
    sharedBytes += body.length;
    // Bounded: the earliest remembered go first.
    for (const [text] of sharedDigests) {
      if (sharedBytes <= JOURNAL_LIMITS.sharedDigestBytes || sharedDigests.size === 1) break;
      sharedDigests.delete(text);
      sharedBytes -= text.length;
    }
    return known;
  }

  function dropOldest(): void {
    const slot = ring[oldest() % capacity];
    if (slot) totalBytes -= slot.size;
    ring[oldest() % capacity] = undefined;
    count--;
  }

  function page({ since, limit = 500, maxBytes = JOURNAL_LIMITS.pageBytes }: { since?: number; limit?: number; maxBytes?: number }): JournalPage {
    const first = oldest();
    const out: JournalEntry[] = [];
    let bytes = 0;
    let more = false;
    // Room for at least one entry, whatever maxBytes says.
    const fits = (slot: Slot) => out.length === 0 || bytes + slot.size <= maxBytes;
    if (since === undefined) {
      // Without `since`, the newest `limit` that fit, in order.
      for (let s = seq; s >= first && out.length < limit; s--) {
        const slot = ring[s % capacity]!;
        if (!fits(slot)) break;
        bytes += slot.size;
        out.push(entryOf(slot));
      }
      out.reverse();
    } else {
      // A poller (`since`) gets the next entries in order, so it never skips any.
      for (let s = Math.max(first, since + 1); s <= seq && out.length < limit; s++) {
        const slot = ring[s % capacity]!;
        if (!fits(slot)) {
          more = true;
          break;
        }
        bytes += slot.size;
        out.push(entryOf(slot));
      }
    }
    return { generation: cleared, lastSeq: seq, entries: out, more };
  }

  return {
    record(given, body, shared = false) {
      const { recorded, size } = bounded(given);
      const slot: Slot = { seq: seq + 1, recorded, size };
      // Hashed now, so the journal never holds answers' texts; a cached answer once.
      if (body !== undefined) slot.digest = shared ? sharedDigest(body) : digest(body);
      if (count === capacity) dropOldest();
      seq++;
      ring[seq % capacity] = slot;
      count++;
      totalBytes += size;
      // Bounded in bytes too: the oldest go first.
      while (totalBytes > JOURNAL_LIMITS.totalBytes && count > 1) dropOldest();
    },
    list: (options = {}) => page(options).entries,
    page: (options = {}) => page(options),
    clear() {
      ring = new Array(capacity);
      count = 0;
      totalBytes = 0;
      sharedDigests = new Map();
      sharedBytes = 0;
      cleared++;
    },
    generation: () => cleared,
    lastSeq: () => seq,
    size: () => count,
    bytes: () => totalBytes,
  };
}
