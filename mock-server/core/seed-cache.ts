// Generating an agency is the slow part of a reset; the same seed, size and day
// always give the same data, so keep the last few (each store copies what it takes).
import { generateAgency, resolveSize } from '../seed/agency.ts';
import type { SeedData } from './store.ts';

const MAX_AGENCIES = 4;
const agencies = new Map<string, SeedData>();

export function seedData(options: { seed: number; size: Parameters<typeof resolveSize>[0]; today?: string; timeZone: string }): SeedData {
  const key = `${options.seed}|${resolveSize(options.size)}|${options.today ?? ''}|${options.timeZone}`;
  let data = agencies.get(key);
  if (!data) {
    data = generateAgency({ seed: options.seed, size: options.size, today: options.today, timeZone: options.timeZone }) as unknown as SeedData;
    if (agencies.size >= MAX_AGENCIES) agencies.delete(agencies.keys().next().value!);
    agencies.set(key, data);
  } else {
    // Most recently used last, so the oldest goes first.
    agencies.delete(key);
    agencies.set(key, data);
  }
  return data;
}
