// JSON text for fuzz bodies, including values nested deeper than JSON.stringify
// (or any recursive code) can walk: those are kept as text and spliced in.

/** JSON nested `depth` levels deep, as text (JSON.parse takes it; recursive code may not). */
export function deepJsonText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A value nested too deep to stringify, spliced into the JSON text instead. */
export class DeepText {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold DeepText leaves. */
export function serialize(value: unknown): string {
  const deep: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof DeepText ? `\u0000deep${deep.push(v.text) - 1}\u0000` : v));
  if (!deep.length || text === undefined) return text ?? 'null';
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_m, i: string) => deep[Number(i)]!);
}

/**
 * A fresh copy of a generated value (DeepText leaves kept as they are): values
 * from `fc.constantFrom` are shared between runs, and a mutation must not
 * change the next run's input.
 */
export function cloneValue(value: unknown): unknown {
  if (!value || typeof value !== 'object' || value instanceof DeepText) return value;
  if (Array.isArray(value)) return value.map(cloneValue);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) Object.defineProperty(out, key, { value: cloneValue(child), enumerable: true, writable: true, configurable: true });
  return out;
}
