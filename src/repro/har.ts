// exchanges.har: HAR 1.2, which a browser's devtools (Network → Import) and
// most HTTP tools open. Built from exchanges already redacted. An exchange that
// got no answer is kept, with status 0 and the reason in `_error`, as browsers
// record a failed request.
import type { Entry, Har, Header } from 'har-format';
import type { RecordedExchange } from './recorder.ts';

export function buildHar(exchanges: RecordedExchange[], creator: { name: string; version: string }): Har {
  return {
    log: {
      version: '1.2',
      creator,
      pages: [],
      entries: exchanges.map(entry),
    },
  };
}

function headerList(headers: Record<string, string> | undefined): Header[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
}

function contentType(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
}

function entry(x: RecordedExchange): Entry {
  const url = new URL(x.url);
  const queryString = [...url.searchParams].map(([name, value]) => ({ name, value }));
  const responseText = x.responseBody ?? '';
  const out: Entry & { _requestId?: string; _error?: string } = {
    startedDateTime: new Date(x.startedAt).toISOString(),
    time: x.waitMs + x.receiveMs,
    request: {
      method: x.method,
      url: x.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(x.requestHeaders),
      queryString,
      ...(x.requestBody !== undefined ? { postData: { mimeType: contentType(x.requestHeaders) || 'application/octet-stream', text: x.requestBody } } : {}),
      headersSize: -1,
      bodySize: x.requestBody === undefined ? 0 : Buffer.byteLength(x.requestBody),
    },
    response: {
      status: x.status ?? 0,
      statusText: x.statusText ?? (x.error ? 'no answer' : ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(x.responseHeaders),
      content: { size: Buffer.byteLength(responseText), mimeType: contentType(x.responseHeaders) || 'x-unknown', text: responseText },
      redirectURL: '',
      headersSize: -1,
      bodySize: x.status === undefined ? -1 : Buffer.byteLength(responseText),
    },
    cache: {},
    timings: { send: 0, wait: x.waitMs, receive: x.receiveMs },
    ...(x.requestId ? { _requestId: x.requestId } : {}),
    ...(x.error ? { _error: x.error } : {}),
  };
  return out;
}
