// The plain request and response the simulator core works with. The express and
// MSW adapters translate to and from these; nothing in core knows either library.

export interface SimRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The path only, without query string, e.g. `/v1/practitioners/`. */
  path: string;
  /** Query parameters; repeated keys become arrays. */
  query: Record<string, string | string[]>;
  /** The query string as sent, without `?` (for the journal; derived from `query` when absent). */
  queryString?: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The raw body text, if any. The core parses it, so both adapters agree on malformed input. */
  body?: string;
}

/** What the transport must do besides sending a normal response (used by fault rules). */
export type TransportAction =
  | { kind: 'respond' }
  | { kind: 'hang' } // never answer; the client gives up
  | { kind: 'reset' }; // drop the connection without a response

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialised body (JSON text, HTML or empty). */
  body: string;
  transport: TransportAction;
  /** The same object may be answered again (a cached search): a door may keep its encoded bytes. */
  reused?: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
