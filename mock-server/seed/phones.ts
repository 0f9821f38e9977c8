// Phone numbers: only the fictional NPA-555-0100..0199 block exists here, which
// leaves 100 numbers per area code. A phone book hands out each number once,
// local Colorado codes first and then hundreds of other area codes, so even a
// 20,000-person agency gets distinct numbers; sharing is done on purpose elsewhere.
import type { Random } from './random.ts';

export const COLORADO_AREA_CODES = ['303', '720', '983', '970', '719'] as const;

/**
 * Codes shaped like geographic area codes: first digit 2–9, no N11 service codes,
 * no N9X/37X/96X (reserved), no toll-free, premium or personal-service codes.
 */
export function otherAreaCodes(): string[] {
  const excluded = new Set(['500', '522', '533', '544', '555', '566', '577', '588', '600', '700', '800', '822', '833', '844', '855', '866', '877', '900', '950', '958', '959', '976', ...COLORADO_AREA_CODES]);
  const codes: string[] = [];
  for (let a = 2; a <= 9; a++) {
    for (let b = 0; b <= 8; b++) {
      for (let c = 0; c <= 9; c++) {
        const code = `${a}${b}${c}`;
        if (b === 1 && c === 1) continue; // 211, 311, …
        if (b === 0 && c === 0) continue; // N00
        if (code.startsWith('37') || code.startsWith('96') || code.startsWith('88')) continue;
        if (!excluded.has(code)) codes.push(code);
      }
    }
  }
  return codes;
}

const NUMBERS_PER_CODE = 100;
const OPEN_CODES = 16;

export class PhoneBook {
  readonly #rng: Random;
  readonly #lines = new Map<string, number[]>();
  readonly #elsewhere: string[];
  #cursor = 0;
  readonly #open: string[] = [];

  constructor(rng: Random) {
    this.#rng = rng;
    this.#elsewhere = rng.shuffle(otherAreaCodes());
  }

  /**
   * A fresh 10-digit number. Most people have a local number; the rest (and
   * everyone once the local codes run out) get one from elsewhere, as people
   * who moved to Colorado keep their old mobile numbers.
   */
  allocate(localCodes: readonly string[], localChance = 0.8): string {
    if (this.#rng.chance(localChance)) {
      const withRoom = localCodes.filter((code) => this.#remaining(code) > 0);
      if (withRoom.length > 0) return this.#take(this.#rng.pick(withRoom));
    }
    return this.#takeElsewhere();
  }

  #remaining(code: string): number {
    return this.#lines.get(code)?.length ?? NUMBERS_PER_CODE;
  }

  #take(code: string): string {
    let lines = this.#lines.get(code);
    if (!lines) {
      lines = this.#rng.shuffle(Array.from({ length: NUMBERS_PER_CODE }, (_, i) => i));
      this.#lines.set(code, lines);
    }
    const line = lines.pop() ?? this.#rng.int(0, 99);
    return `${code}55501${String(line).padStart(2, '0')}`;
  }

  #takeElsewhere(): string {
    // A small rotating set of open codes spreads numbers over area codes
    // instead of filling one code after another.
    while (this.#open.length < OPEN_CODES && this.#cursor < this.#elsewhere.length) {
      this.#open.push(this.#elsewhere[this.#cursor++] as string);
    }
    if (this.#open.length === 0) {
      // Every fictional number is taken (past ~65,000): reuse one at random.
      return `${this.#rng.pick(this.#elsewhere)}55501${String(this.#rng.int(0, 99)).padStart(2, '0')}`;
    }
    const slot = this.#rng.int(0, this.#open.length - 1);
    const code = this.#open[slot] as string;
    const number = this.#take(code);
    if (this.#remaining(code) === 0) this.#open.splice(slot, 1);
    return number;
  }
}

export type PhoneStyle = 'digits' | 'parens' | 'dashes' | 'dots' | 'plus1' | 'one';

// How often each spelling turns up when people type numbers in by hand.
const STYLES: readonly (readonly [PhoneStyle, number])[] = [
  ['digits', 50],
  ['parens', 20],
  ['dashes', 12],
  ['dots', 8],
  ['plus1', 6],
  ['one', 4],
];

export function formatPhone(digits: string, style: PhoneStyle): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 6);
  const c = digits.slice(6);
  switch (style) {
    case 'digits':
      return digits;
    case 'parens':
      return `(${a}) ${b}-${c}`;
    case 'dashes':
      return `${a}-${b}-${c}`;
    case 'dots':
      return `${a}.${b}.${c}`;
    case 'plus1':
      return `+1 ${a}-${b}-${c}`;
    case 'one':
      return `1-${a}-${b}-${c}`;
  }
}

/** A number spelled the way a person typed it; work numbers sometimes carry an extension. */
export function messyPhone(rng: Random, digits: string, use: 'mobile' | 'home' | 'work'): string {
  if (use === 'work' && rng.chance(0.4)) {
    return `${rng.chance(0.7) ? digits : formatPhone(digits, rng.weighted(STYLES))}x${rng.int(1, rng.chance(0.8) ? 99 : 9999)}`;
  }
  return formatPhone(digits, rng.weighted(STYLES));
}

/** The 10 digits behind a messy value: extension dropped, punctuation stripped, a leading country code 1 dropped. */
export function phoneDigits(value: string): string {
  const digits = (value.split(/x|ext/i)[0] ?? '').replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}
