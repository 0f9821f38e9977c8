// A recorded exchange as it may be written: URL, headers and bodies through the
// Redactor. Headers by an allow-list: the ones that say how the API answered
// stay; Authorization keeps its scheme word (the January clue) with the token
// replaced; cookies and anything unknown are replaced.
import type { RecordedExchange } from './recorder.ts';
import type { Redactor } from './redaction.ts';

const HEADERS_KEPT = new Set([
  'accept', 'accept-encoding', 'content-type', 'content-length', 'retry-after', 'date', 'x-request-id', 'x-amzn-requestid',
  'x-amzn-errortype', 'x-amz-apigw-id', 'x-amzn-trace-id', 'www-authenticate', 'server', 'cache-control', 'connection', 'keep-alive',
  'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset',
  'user-agent', 'vary', 'etag', 'last-modified', 'x-powered-by', 'transfer-encoding', 'content-encoding', 'x-wellsky-quirks',
]);

export function redactHeaders(headers: Record<string, string> | undefined, redactor: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const [scheme, ...rest] = value.trim().split(/\s+/);
      out[name] = rest.length ? `${scheme} $WELLSKY_TOKEN` : '$WELLSKY_TOKEN';
    } else if (lower === 'cookie' || lower === 'set-cookie') out[name] = '[cookie]';
    else if (lower === 'location' || lower === 'content-location') out[name] = redactor.url(value);
    else if (HEADERS_KEPT.has(lower)) out[name] = redactor.text(value);
    else out[name] = '[redacted]';
  }
  return out;
}

export function redactExchange(exchange: RecordedExchange, redactor: Redactor): RecordedExchange {
  const body = (text: string | undefined, headers: Record<string, string> | undefined) => {
    if (text === undefined) return undefined;
    const type = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    // A form body (the token call may be one): each field by its name.
    if (/x-www-form-urlencoded/i.test(type)) return redactor.url(`?${text}`).slice(1);
    return redactor.body(text);
  };
  return {
    ...exchange,
    url: redactor.url(exchange.url),
    requestHeaders: redactHeaders(exchange.requestHeaders, redactor),
    ...(exchange.requestBody !== undefined ? { requestBody: body(exchange.requestBody, exchange.requestHeaders) } : {}),
    ...(exchange.responseHeaders ? { responseHeaders: redactHeaders(exchange.responseHeaders, redactor) } : {}),
    ...(exchange.responseBody !== undefined ? { responseBody: body(exchange.responseBody, exchange.responseHeaders) } : {}),
    ...(exchange.error ? { error: redactor.text(exchange.error) } : {}),
  };
}
