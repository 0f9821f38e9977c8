// Phone numbers as WellSky holds them and as callers' phones report them:
// `(303) 555-0101`, `303.555.0101 x12`, `+1 303 555 0101`, `1-303-555-0101`,
// `3035550101`. Read into one form (E.164 plus an extension); what is not a
// North American number is not guessed at.

export interface Phone {
  /** `+13035550101`. */
  e164: string;
  /** The digits after x / ext, when there were any. */
  extension?: string;
}

const EXTENSION = /\s*(?:x|ext\.?|extension|#)\s*(\d{1,6})\s*$/i;

export function parsePhone(text: string | undefined | null): Phone | undefined {
  if (typeof text !== 'string') return undefined;
  let rest = text.trim();
  const ext = rest.match(EXTENSION);
  if (ext) rest = rest.slice(0, ext.index);
  if (/[^\d\s().+-]/.test(rest)) return undefined;
  let digits = rest.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  // Area code and exchange do not start with 0 or 1 (the API's own rule for search values).
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return undefined;
  return { e164: `+1${digits}`, ...(ext ? { extension: ext[1]! } : {}) };
}

/** The 10 digits WellSky's phone search fields take (no country code). */
export function searchDigits(phone: Phone): string {
  return phone.e164.slice(2);
}
