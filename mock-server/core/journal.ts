import { createHash } from 'node:crypto';

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
  /** Length and a short SHA-256 of the response body, to compare runs without storing health data. */
  responseBytes?: number;
  responseSha?: string;
}

export interface Journal {
  /** `timeMs` is formatted into `time` when the journal is read, off the request path. */
  record(entry: Omit<JournalEntry, 'seq' | 'time' | 'responseBytes' | 'responseSha'> & { timeMs: number }, responseBody?: string): void;
  list(options?: { since?: number; limit?: number }): JournalEntry[];
  clear(): void;
  size(): number;
  /** Goes up by one at every clear, so a reader can tell its copy is stale. */
  generation(): number;
}

export function createJournal(capacity = 5000): Journal {
  let ring: (JournalEntry | undefined)[] = new Array(capacity);
  // Bodies are hashed only when someone reads the journal, off the request path.
  let bodies: (string | undefined)[] = new Array(capacity);
  let times: number[] = new Array(capacity);
  let seq = 0;
  let count = 0;
  let cleared = 0;
  return {
    record({ timeMs, ...entry }, responseBody) {
      ring[++seq % capacity] = { seq, time: '', ...entry };
      times[seq % capacity] = timeMs;
      bodies[seq % capacity] = responseBody;
      count = Math.min(count + 1, capacity);
    },
    list({ since = 0, limit = 500 } = {}) {
      const out: JournalEntry[] = [];
      const first = Math.max(since + 1, seq - count + 1, seq - limit + 1);
      for (let s = first; s <= seq; s++) {
        const entry = ring[s % capacity]!;
        const body = bodies[s % capacity];
        if (entry.time === '') entry.time = new Date(times[s % capacity]!).toISOString();
        if (body !== undefined && entry.responseSha === undefined) {
          entry.responseBytes = Buffer.byteLength(body);
          entry.responseSha = createHash('sha256').update(body).digest('hex').slice(0, 12);
          bodies[s % capacity] = undefined;
        }
        out.push(entry);
      }
      return out;
    },
    clear() {
      ring = new Array(capacity);
      bodies = new Array(capacity);
      times = new Array(capacity);
      count = 0;
      cleared++;
    },
    generation: () => cleared,
    size: () => count,
  };
}
