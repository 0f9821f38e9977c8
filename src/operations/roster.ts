// The people the workflows choose among and write to, read from the cache:
// caregivers with what ranking weighs (area, languages, tags, gender) and the
// number a text reaches; a client's profile. No WellSky call: the cache is
// what answers when WellSky is slow or down.
import type { Queryable } from '../cache/database.ts';
import { displayName, type CachedPhone } from '../cache/people.ts';
import type { CaregiverProfile } from './call-out/rank.ts';

export interface RosterCaregiver extends CaregiverProfile {
  firstName: string;
  /** The number a text reaches: the mobile, else any number that reads as one. */
  textTo?: string;
}

export interface RosterClient {
  id: string;
  name: string;
  firstName: string;
  /** "Kara J.": how a client is named in a text to a caregiver who may not take the shift. */
  shortName: string;
  active: boolean;
  gender?: string;
  locationId?: string;
  languages: string[];
  tags: string[];
  city?: string;
}

type ProfileColumns = {
  id: string;
  first_name: string;
  last_name: string;
  active: boolean;
  gender: string | null;
  location_id: string | null;
  languages: unknown;
  tags: unknown;
  phones: unknown;
};

const parsed = <T>(value: unknown, fallback: T): T => {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return (value ?? fallback) as T;
};

function textNumber(phones: CachedPhone[]): string | undefined {
  return (phones.find((p) => p.use === 'mobile' && p.e164) ?? phones.find((p) => p.e164))?.e164;
}

function common(row: ProfileColumns) {
  return {
    id: row.id,
    name: displayName({ firstName: row.first_name, lastName: row.last_name }),
    firstName: row.first_name,
    active: row.active,
    ...(row.gender ? { gender: row.gender } : {}),
    ...(row.location_id ? { locationId: row.location_id } : {}),
    languages: parsed<string[]>(row.languages, []),
    tags: parsed<string[]>(row.tags, []),
  };
}

/** Every caregiver the cache holds, current or not (ranking says why it leaves some out). */
export async function caregiversFromCache(db: Queryable): Promise<RosterCaregiver[]> {
  const { rows } = await db.query<ProfileColumns & { is_hired: boolean }>('SELECT id, first_name, last_name, active, is_hired, gender, location_id, languages, tags, phones FROM caregivers');
  return rows.map((row) => {
    const textTo = textNumber(parsed<CachedPhone[]>(row.phones, []));
    return { ...common(row), hired: row.is_hired, ...(textTo ? { textTo } : {}) };
  });
}

export async function caregiverFromCache(db: Queryable, id: string): Promise<RosterCaregiver | undefined> {
  const { rows } = await db.query<ProfileColumns & { is_hired: boolean }>('SELECT id, first_name, last_name, active, is_hired, gender, location_id, languages, tags, phones FROM caregivers WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  const textTo = textNumber(parsed<CachedPhone[]>(row.phones, []));
  return { ...common(row), hired: row.is_hired, ...(textTo ? { textTo } : {}) };
}

export async function clientFromCache(db: Queryable, id: string): Promise<RosterClient | undefined> {
  const { rows } = await db.query<ProfileColumns & { city: string | null }>('SELECT id, first_name, last_name, active, gender, location_id, languages, tags, phones, city FROM clients WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  const initial = row.last_name.trim().charAt(0);
  return { ...common(row), shortName: initial ? `${row.first_name} ${initial}.` : row.first_name, ...(row.city ? { city: row.city } : {}) };
}
