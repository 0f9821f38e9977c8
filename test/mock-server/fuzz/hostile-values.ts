// Values a careless parser, validator or handler trips over: wrong types,
// prototype names, Unicode edge cases, huge strings, deep nesting, broken
// JSON and percent-encoding. The fuzz mixes them into every field it fills.
import fc from 'fast-check';
import { DeepText, deepJsonText } from './json-text.ts';
import { encodeComponent } from './percent-encoding.ts';

/** Names that are properties of every plain object. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'prototype', 'isPrototypeOf', '__lookupGetter__'] as const;

/** Strings that are short but hostile: Unicode edge cases and control characters. */
export const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'e\u0301\u0301\u0301', // combining marks stacked
  'Z\u0351\u0360\u0361\u0489\u0338', // "zalgo"
  '\u202Eevil\u202C', // right-to-left override
  '\u05E9\u05DC\u05D5\u05DD', // Hebrew, right to left
  '\u0645\u0631\u062D\u0628\u0627', // Arabic
  '\u200B', // zero-width space
  'a\u200Db\u200Cc\u2060d', // zero-width joiner, non-joiner, word joiner
  '\uFEFF', // byte-order mark
  '\uD800', // lone high surrogate
  '\uDC00x', // lone low surrogate
  '\uD83D\uDE00', // an emoji (a surrogate pair)
  '\uD83D\uDC69\u200D\u{1F469}\u200D\u{1F467}', // a ZWJ family
  '\uFFFD\uFFFF\uFFFE',
  '\r\n',
  '\t\v\f',
  '\u0085\u2028\u2029',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f',
  '..\\..\\',
  '<script>alert(1)</script>',
  '"\\',
  "'; DROP TABLE patients; --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  '9007199254740993',
  '-1',
  'true',
  '[]',
  '{}',
  ...PROTOTYPE_NAMES,
];

// Built once for the whole file: each arbitrary holding its own copy would be
// megabytes per operation, and the heap check would see them arrive.
// Under a MiB in UTF-16 units, over it in UTF-8 bytes: the byte count must be taken.
const EUROS = '\u20AC'.repeat(400_000);
const COMBINING = '\u0301'.repeat(300_000);
const X_SIZES = [1024 * 1024 + 1, 1024 * 1024 - 64, 200_000, 1024 * 1024 * 2];

/** A string over 1 MiB in UTF-8, or just under, built cheaply (no character-by-character generation). */
export const bigString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...X_SIZES).map((n) => 'x'.repeat(n)),
    fc.constantFrom(EUROS, COMBINING),
  );

/** Any short string a field might get: plain text, edge strings, or a mix. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...EDGE_STRINGS), fc.string({ maxLength: 8 }), fc.constantFrom(...EDGE_STRINGS)).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );

/** A value nested up to 200,000 levels deep, kept as text until the body is serialised. */
export const deepValue = (): fc.Arbitrary<unknown> =>
  fc.tuple(fc.constantFrom(50, 2_000, 20_000, 200_000), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => new DeepText(deepJsonText(depth, kind)));

/** A value of the wrong type for whatever field it lands in. */
export const wrongTypeValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { '': '' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(fc.constantFrom(null, 1, 'a', {}), { maxLength: 3 }),
    protoKeyedObject(fc.constantFrom<unknown>(1, 'x', null, {}, [])),
  );

/** Anything hostile for a field: a wrong type, an edge string, sometimes huge or deep. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: hostileString() },
    { weight: 8, arbitrary: wrongTypeValue() },
    { weight: 1, arbitrary: deepValue() },
  );

/** Defines `key` as an own, enumerable property, `__proto__` included (assignment would set the prototype). */
export function defineOwn<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** An object whose own keys are prototype names, as JSON.parse would make it. */
export function protoKeyedObject(values: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), values), { minLength: 1, maxLength: 3 }).map((pairs) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of pairs) defineOwn(out, key, value);
    return out;
  });
}

/** Text that is not valid JSON, or only just is. */
export const brokenJsonText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('{', '}', '{"a":}', '{"a":1,}', "{'a':1}", '[1,2', 'nul', 'tru', '"unterminated', '{"a":"\\u12"}', '\uFEFF{}', '{}\u0000', '\u0000', ' ', '\n', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '1e99999', '-', '0001', '{"a":1}{"b":2}', '[]', '""', '123', 'null', 'true', '"\uD800"', '{"\uD800":1}'),
    fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.tuple(fc.constantFrom(200, 20_000, 200_000), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => deepJsonText(depth, kind)),
    // Unbalanced: deep, never closed.
    fc.constantFrom(50_000, 500_000).map((depth) => '['.repeat(depth)),
  );

/** A path segment as it goes on the wire: encoded, or broken on purpose. */
export const hostileSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '..%2f..%2f', '..%2F..%2F__admin', '%2f', '%5c', '%00', '%', '%zz', '%E0%A4%A', '%C0%AE%C0%AE', '%u002e', '%%32%65', '%25', '~', '*', ';', ';jsessionid=1', '%0d%0aX-Injected:%201', '%20', '+'),
    fc.constantFrom(...PROTOTYPE_NAMES).map(encodeComponent),
    hostileString().map(encodeComponent),
    fc.string({ unit: 'binary', maxLength: 12 }).map(encodeComponent),
    fc.constantFrom(5000, 20_000).map((n) => '9'.repeat(n)),
  );
