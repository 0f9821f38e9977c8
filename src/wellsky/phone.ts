// Phone numbers as WellSky holds them and as callers' phones report them:
// `(303) 555-0101`, `303.555.0101 x12`, `+1 303 555 0101`, `1-303-555-0101`,
// `3035550101`. Read with libphonenumber-js (US by default) into one form,
// E.164 plus an extension. Only North American numbers are kept: WellSky's
// phone fields are ten NANP digits, so anything else can match nobody.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface Phone {
  /** `+13035550101`. */
  e164: string;
  /** The digits after x / ext, when there were any. */
  extension?: string;
}

/** The number in E.164, or undefined for anything that is not a valid NANP number. Never throws. */
export function parsePhone(text: string | undefined | null): Phone | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, 'US');
  } catch {
    return undefined;
  }
  if (!parsed || parsed.countryCallingCode !== '1' || !parsed.isValid()) return undefined;
  return { e164: parsed.number, ...(parsed.ext ? { extension: parsed.ext } : {}) };
}

/** The 10 digits WellSky's phone search fields take (no country code). */
export function searchDigits(phone: Phone): string {
  return phone.e164.slice(2);
}
