// Numeric-string ids, one range per resource so an id never names two things.
// Ranges are wide enough for the largest agency (50,000 people, ~100,000 shifts).
export const AGENCY_ID = '3100';

export const FIRST_ID = {
  location: 11,
  profileTag: 31,
  referralSource: 801,
  practitioner: 2001,
  organization: 3100, // the agency itself, then its partners
  patient: 50_001,
  relatedPerson: 90_001,
  appointment: 700_001,
  encounter: 900_001,
} as const;

// Practitioner ids would run through the organization block (3100–3109) on a large agency: skip it.
const ORGANIZATION_BLOCK = { from: 3100, size: 10 } as const;

export function practitionerId(index: number): string {
  const id = FIRST_ID.practitioner + index;
  return String(id >= ORGANIZATION_BLOCK.from ? id + ORGANIZATION_BLOCK.size : id);
}

export function nthId(first: number, index: number): string {
  return String(first + index);
}

/** Hands out consecutive ids from `first`. */
export class IdSequence {
  #next: number;
  constructor(first: number) {
    this.#next = first;
  }
  next(): string {
    return String(this.#next++);
  }
}
