// The request journal: what came in, what went out, and which rule answered.
// A fixed-size ring, so a long `npm run mock` session does not grow without end
// and recording stays O(1) on the request path.

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
  /** Which transport behaviour a fault chose: respond, hang or reset. */
  transport: string;
}

export interface Journal {
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  list(options?: { since?: number; limit?: number }): JournalEntry[];
  clear(): void;
  size(): number;
}

export function createJournal(capacity = 5000): Journal {
  let ring: (JournalEntry | undefined)[] = new Array(capacity);
  let seq = 0;
  let count = 0;
  return {
    record(entry) {
      const full = { seq: ++seq, ...entry };
      ring[seq % capacity] = full;
      count = Math.min(count + 1, capacity);
      return full;
    },
    list({ since = 0, limit = 500 } = {}) {
      const out: JournalEntry[] = [];
      const first = Math.max(since + 1, seq - count + 1, seq - limit + 1);
      for (let s = first; s <= seq; s++) out.push(ring[s % capacity]!);
      return out;
    },
    clear() {
      ring = new Array(capacity);
      count = 0;
    },
    size: () => count,
  };
}
