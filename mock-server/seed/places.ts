// Colorado Front Range geography: the agency's offices and the towns each serves.
// Centres are approximate town centres; postal codes are real ZIPs for the town,
// street lines are invented, so no address points at a real home.
import type { Random } from './random.ts';
import type { Position } from './types.ts';

export interface City {
  name: string;
  latitude: number;
  longitude: number;
  postalCodes: readonly string[];
  /** Area codes a local number would carry. */
  areaCodes: readonly string[];
}

export interface Office {
  /** Index into the location id range (0 → '11'). */
  index: number;
  /** The office sits in the first of its towns. */
  name: string;
  /** Share of people on this office's books. */
  weight: number;
  cities: readonly City[];
}

const METRO = ['303', '720', '983'] as const;

const city = (name: string, latitude: number, longitude: number, postalCodes: string[], areaCodes: readonly string[] = METRO): City => ({
  name,
  latitude,
  longitude,
  postalCodes,
  areaCodes,
});

// Offices in the order they open: a tiny agency has the first two, a large one all four.
export const OFFICES: readonly Office[] = [
  {
    index: 0,
    name: 'West Metro office',
    weight: 35,
    cities: [
      city('Lakewood', 39.7047, -105.0814, ['80214', '80215', '80226', '80227', '80228', '80232']),
      city('Denver', 39.7392, -104.9903, ['80204', '80206', '80209', '80210', '80211', '80219', '80220', '80224', '80236']),
      city('Arvada', 39.8028, -105.0875, ['80002', '80003', '80004', '80005', '80007']),
      city('Wheat Ridge', 39.7661, -105.0772, ['80033', '80212']),
      city('Golden', 39.7555, -105.2211, ['80401', '80403']),
    ],
  },
  {
    index: 1,
    name: 'North Metro office',
    weight: 25,
    cities: [
      city('Westminster', 39.8367, -105.0372, ['80020', '80021', '80030', '80031', '80234']),
      city('Thornton', 39.868, -104.9719, ['80229', '80233', '80241', '80260', '80602']),
      city('Broomfield', 39.9205, -105.0867, ['80020', '80023']),
      city('Boulder', 40.015, -105.2705, ['80301', '80302', '80303', '80304', '80305']),
      city('Longmont', 40.1672, -105.1019, ['80501', '80503', '80504']),
    ],
  },
  {
    index: 2,
    name: 'South Metro office',
    weight: 25,
    cities: [
      city('Centennial', 39.5807, -104.8772, ['80015', '80016', '80112', '80121', '80122']),
      city('Aurora', 39.7294, -104.8319, ['80010', '80011', '80012', '80013', '80014', '80015', '80017']),
      city('Littleton', 39.6133, -105.0166, ['80120', '80123', '80127', '80128']),
      city('Englewood', 39.6478, -104.9878, ['80110', '80113']),
      city('Highlands Ranch', 39.5539, -104.9689, ['80126', '80129', '80130']),
      city('Parker', 39.5186, -104.7614, ['80134', '80138']),
      city('Castle Rock', 39.3722, -104.8561, ['80104', '80108', '80109']),
    ],
  },
  {
    index: 3,
    name: 'Northern Colorado office',
    weight: 15,
    cities: [
      city('Fort Collins', 40.5853, -105.0844, ['80521', '80524', '80525', '80526', '80528'], ['970']),
      city('Loveland', 40.3978, -105.075, ['80537', '80538'], ['970']),
      city('Greeley', 40.4233, -104.7091, ['80631', '80634'], ['970']),
    ],
  },
];

export function officeCount(size: number): number {
  if (size <= 100) return 2;
  if (size <= 1000) return 3;
  return 4;
}

/** A point near the town centre (within a few km), rounded the way GPS fixes are stored. */
export function positionIn(rng: Random, town: City): Required<Position> {
  return {
    latitude: round4(town.latitude + (rng.next() - 0.5) * 0.06),
    longitude: round4(town.longitude + (rng.next() - 0.5) * 0.08),
  };
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
