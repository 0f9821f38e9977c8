// The request journal: what came in, what went out, and which rule answered.
// A bounded ring so a long `npm run mock` session does not grow without end.

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
  let entries: JournalEntry[] = [];
  let seq = 0;
  return {
    record(entry) {
      const full = { seq: ++seq, ...entry };
      entries.push(full);
      if (entries.length > capacity) entries = entries.slice(entries.length - capacity);
      return full;
    },
    list({ since = 0, limit = 500 } = {}) {
      const after = entries.filter((e) => e.seq > since);
      return after.slice(Math.max(0, after.length - limit));
    },
    clear() {
      entries = [];
    },
    size: () => entries.length,
  };
}
