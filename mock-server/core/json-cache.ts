// Stored records never change in place (every write stores a new object), so a
// record's JSON text can be made once and reused by every page that shows it.
// This is what keeps a 20-entry search near the speed of sending fixed bytes.
const cache = new WeakMap<object, string>();

export function recordJson(record: object): string {
  let text = cache.get(record);
  if (text === undefined) {
    text = JSON.stringify(record);
    cache.set(record, text);
  }
  return text;
}

/** Marks text that is already JSON, so jsonResponse sends it as is. */
export class RawJson {
  constructor(readonly text: string) {}
}
