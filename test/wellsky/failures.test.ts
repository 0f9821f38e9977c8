// The failure classifier, from status, headers and body alone. The cases are the
// API's documented and observed answers, written here independently of the
// simulated WellSky (which the client suite exercises end to end).
import { describe, expect, it } from 'vitest';
import { classifyResponse, classifyThrown } from '../../src/wellsky/failures.ts';

const NOW = Date.parse('2026-11-26T15:00:00Z');
const json = (body: unknown) => JSON.stringify(body);
const classify = (status: number, body: string, headers: Record<string, string> = {}, tokenCall = false) =>
  classifyResponse({ status, headers: new Headers(headers), body, tokenCall, now: NOW });

describe('classifyResponse', () => {
  it.each([
    ['gateway 403, Authorization sent', 403, json({ message: "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'AbC+/xyz='." }), {}, 'unknown-route'],
    ['gateway 403, no Authorization', 403, json({ message: 'Missing Authentication Token' }), {}, 'unknown-route'],
    ['403 with WellSky\'s own error on a real route', 403, json({ error: 'Client is not provisioned for agency 3100' }), {}, 'not-provisioned'],
    ['401 with the scheme refused', 401, json({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer error="invalid_request", error_description="The scheme must be \\"Bearer\\" (got \\"BearerToken\\")"' }, 'auth-scheme'],
    ['401, no Authorization header', 401, json({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer error="invalid_request", error_description="No Authorization header"' }, 'auth-scheme'],
    ['401, expired token', 401, json({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' }, 'token-expired'],
    ['401, unknown token', 401, json({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer error="invalid_token", error_description="not recognised"' }, 'token-rejected'],
    ['401 with no challenge', 401, json({ message: 'Unauthorized' }), {}, 'token-rejected'],
    ['404', 404, json({ error: 'Practitioner 9 not found' }), {}, 'not-found'],
    ['400 naming a field', 400, json({ error: 'startDate: expected YYYYMMDD' }), {}, 'validation'],
    ['422 naming a field', 422, json({ error: 'description: emoji are not allowed' }), {}, 'validation'],
    ['429', 429, json({ message: 'Too Many Requests' }), { 'retry-after': '2' }, 'rate-limited'],
    ['502 HTML', 502, '<html><body>502 Bad Gateway</body></html>', {}, 'upstream-down'],
    ['503', 503, json({ message: 'Service Unavailable' }), { 'retry-after': '30' }, 'upstream-down'],
    ['200 empty body', 200, '', {}, 'malformed-response'],
    ['200 cut short', 200, '{"resourceType":"Bundle","entry":[{"id":', {}, 'malformed-response'],
    ['200 HTML', 200, '<!DOCTYPE html><html></html>', {}, 'malformed-response'],
    ['a 3xx nobody asked for', 302, '', { location: '/elsewhere' }, 'malformed-response'],
  ])('%s → %s', (_, status, body, headers, kind) => {
    expect(classify(status, body, headers)?.kind).toBe(kind);
  });

  it('a usable answer is no failure', () => {
    expect(classify(200, json({ resourceType: 'Bundle', entry: [] }))).toBeUndefined();
    expect(classify(201, json({ id: '1' }))).toBeUndefined();
    expect(classify(204, '')).toBeUndefined();
  });

  it('on the token call, 401 and 403 are the credentials', () => {
    expect(classify(401, json({ error: 'invalid_client' }), {}, true)?.kind).toBe('bad-credentials');
    expect(classify(403, json({ error: 'client disabled' }), {}, true)?.kind).toBe('bad-credentials');
    // ... but the gateway's 403 is still a wrong path (the token path under /v1/).
    expect(classify(403, json({ message: 'Missing Authentication Token' }), {}, true)?.kind).toBe('unknown-route');
    // OAuth's 400 for a client it does not know is the credentials too; another 400 is the request.
    expect(classify(400, json({ error: 'invalid_client' }), {}, true)?.kind).toBe('bad-credentials');
    expect(classify(400, json({ error: 'grant_type: must be client_credentials' }), {}, true)?.kind).toBe('validation');
  });

  it('keeps the field a validation error names, and Retry-After in seconds or as a date', () => {
    expect(classify(400, json({ error: '_page: the first page is 1' }))?.field).toBe('_page');
    expect(classify(422, json({ error: "'context' is required." }))?.field).toBeUndefined();
    expect(classify(429, '', { 'retry-after': '7' })?.retryAfterSeconds).toBe(7);
    expect(classify(503, '', { 'retry-after': new Date(NOW + 12_000).toUTCString() })?.retryAfterSeconds).toBe(12);
    // Neither seconds nor an HTTP date: no instruction, not "now".
    expect(classify(429, '', { 'retry-after': '1.5' })?.retryAfterSeconds).toBeUndefined();
    expect(classify(429, '', { 'retry-after': 'soon' })?.retryAfterSeconds).toBeUndefined();
  });

  it('never repeats the hash the gateway derives from the token', () => {
    const facts = classify(403, json({ message: "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80='." }));
    expect(facts?.detail).not.toContain('q83vEjRW');
  });
});

describe('classifyThrown', () => {
  it('tells a timeout, a refused connection and a reset apart', () => {
    expect(classifyThrown(new Error('aborted'), true).kind).toBe('timeout');
    expect(classifyThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), false).kind).toBe('upstream-down');
    expect(classifyThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }), false).kind).toBe('connection-reset');
    // A mistyped host is the agency's setting, not WellSky being down.
    expect(classifyThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }), false).kind).toBe('host-not-found');
    expect(classifyThrown(new TypeError('Failed to fetch'), false).kind).toBe('connection-reset');
  });
});
