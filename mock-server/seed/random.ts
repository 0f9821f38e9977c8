// One random stream per generated agency. Faker draws names and streets; its own
// randomizer serves the many plain numeric draws, which faker.number.* would make
// several times slower. Nothing here touches Math.random or module state.
import { Faker, en, en_US, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';

export class Random {
  readonly faker: Faker;
  readonly #randomizer: Randomizer;

  constructor(seed: number) {
    this.#randomizer = generateMersenne53Randomizer();
    this.faker = new Faker({ locale: [en_US, en], randomizer: this.#randomizer });
    this.faker.seed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#randomizer.next();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: nothing to pick from');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Random.weighted: no entries');
    return last[0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }

  /**
   * Exactly the apportioned number of each value, in random order. Quotas keep the
   * proportions a user checks (1 in 15 hired, 17% clients) stable at every size,
   * where independent coin flips would wander on small agencies.
   */
  quota<T>(total: number, entries: readonly (readonly [T, number])[]): T[] {
    const counts = apportion(total, entries.map(([, weight]) => weight));
    const out: T[] = [];
    entries.forEach(([value], i) => {
      for (let n = 0; n < (counts[i] ?? 0); n++) out.push(value);
    });
    return this.shuffle(out);
  }
}

/** Largest-remainder apportionment of `total` over `weights`; the counts sum to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}
