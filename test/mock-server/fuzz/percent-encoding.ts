// Percent-encoding that never throws: a lone surrogate (which encodeURIComponent
// refuses) goes out as the UTF-8 of U+FFFD, as a browser would send it.
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Every byte outside the unreserved set as `%XX`. */
export function encodeComponent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * What Node's HTTP client will put in a request line: printable ASCII kept as
 * it is (so a broken `%zz` reaches the server broken), the rest encoded.
 */
export function onTheWire(pathOrQuery: string): string {
  return pathOrQuery.replace(/[^\u0021-\u007e]+/g, (run) => encodeComponent(run));
}
