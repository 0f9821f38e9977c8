// What every generator step shares: the one random stream, the phone book, the
// agency's "today" and its offices.
import type { Office } from './places.ts';
import type { PhoneBook } from './phones.ts';
import type { Random } from './random.ts';

export interface SeedContext {
  rng: Random;
  phones: PhoneBook;
  /** The agency's today, as days since the epoch. */
  today: number;
  offices: readonly Office[];
  /** Invented street names, drawn once: faker's full street addresses are slow at 20,000 people. */
  streets: readonly string[];
  /** Family names drawn once, for the same reason (faker's lastName is the slowest call left). */
  familyNames: readonly string[];
}
