// Reading the FHIR-ish fields the searches filter and sort on.
type Rec = Record<string, unknown>;

export function tagValue(record: Rec, code: string): string | undefined {
  const tags = (record.meta as { tag?: { code?: string; display?: string }[] } | undefined)?.tag;
  return tags?.find((t) => t.code === code)?.display;
}

export function givenName(record: Rec): string | undefined {
  return (record.name as { given?: string[] }[] | undefined)?.[0]?.given?.[0];
}

export function familyName(record: Rec): string | undefined {
  return (record.name as { family?: string }[] | undefined)?.[0]?.family;
}

export function addresses(record: Rec): { city?: string; state?: string }[] {
  return (record.address as { city?: string; state?: string }[] | undefined) ?? [];
}

export function telecoms(record: Rec): { system?: string; value?: string; use?: string }[] {
  return (record.telecom as { system?: string; value?: string; use?: string }[] | undefined) ?? [];
}

/**
 * Ten digits (plus `x` and an extension when there is one) from any of the
 * formats real data holds: `(303) 555-0101`, `303.555.0101 x12`, `+1 303...`.
 */
export function normalisePhone(value: string): string | undefined {
  const [main, extension] = value.toLowerCase().split(/\s*(?:x|ext\.?)\s*/);
  let digits = (main ?? '').replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10) return undefined;
  const ext = extension?.replace(/\D/g, '');
  return ext ? `${digits}x${ext}` : digits;
}

export function metaDate(record: Rec, field: 'created' | 'lastUpdated'): string | undefined {
  return (record.meta as Record<string, string> | undefined)?.[field];
}
