// WellSky's people as the cache holds them: names, phones read into E.164
// (the raw text kept beside, so a number that cannot be read is still seen in
// the data-quality report), the flags that matter, and the phone-index rows.
// Records are read defensively: live data is messier than the reference.
import { parsePhone } from '../wellsky/phone.ts';

export type PersonKind = 'caregiver' | 'client' | 'family';

export interface CachedPhone {
  use: string;
  raw: string;
  /** Undefined when the text is not a usable North American number. */
  e164?: string;
}

interface Common {
  id: string;
  firstName: string;
  lastName: string;
  phones: CachedPhone[];
  email?: string;
}

/** What ranking and the data-quality report read: gender, area, languages, tags, an address on file. */
export interface Profile {
  gender?: string;
  /** WellSky's locationId tag: the agency's area or office. */
  locationId?: string;
  /** Lower-case language codes (`en`, `es`), as WellSky's communication codings give them. */
  languages: string[];
  /** Profile tag ids (skills, certifications), from the profileTags tag. */
  tags: string[];
  hasAddress: boolean;
}

export interface CaregiverRow extends Common, Profile {
  active: boolean;
  isHired: boolean;
  status?: string;
  city?: string;
  updatedAt?: string;
}

export interface ClientRow extends Common, Profile {
  active: boolean;
  isClient: boolean;
  status?: string;
  city?: string;
  updatedAt?: string;
}

export interface FamilyRow extends Common {
  clientId: string;
  relationship?: string;
  emergencyContact: boolean;
}

export interface PhoneIndexRow {
  e164: string;
  kind: PersonKind;
  personId: string;
  use: string;
  displayName: string;
  firstName: string;
  clientId?: string;
  clientName?: string;
  relationship?: string;
  /** An active, hired caregiver; an active client; a contact (their client's standing is not theirs). */
  current: boolean;
}

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => !!v && typeof v === 'object') : []);

function names(record: Json): { firstName: string; lastName: string } {
  const name = list(record.name)[0] ?? {};
  const given = Array.isArray(name.given) ? name.given.map(text).filter(Boolean).join(' ') : text(name.given);
  return { firstName: given || text(record.first_name) || '', lastName: text(name.family) || text(record.last_name) || '' };
}

function phonesOf(record: Json): CachedPhone[] {
  return list(record.telecom)
    .filter((t) => t.system === 'phone' || t.system === 'sms' || t.system === undefined)
    .flatMap((t) => {
      const raw = text(t.value);
      if (!raw) return [];
      const parsed = parsePhone(raw);
      return [{ use: text(t.use) ?? 'other', raw, ...(parsed ? { e164: parsed.e164 } : {}) }];
    });
}

function emailOf(record: Json): string | undefined {
  return text(list(record.telecom).find((t) => t.system === 'email')?.value);
}

function tag(record: Json, code: string): string | undefined {
  const meta = record.meta as Json | undefined;
  return text(list(meta?.tag).find((t) => t.code === code)?.display);
}

function cityOf(record: Json): string | undefined {
  return text(list(record.address)[0]?.city);
}

function profileOf(record: Json): Profile {
  const languages = list(record.communication)
    .flatMap((c) => list(c.coding))
    .map((c) => text(c.code)?.toLowerCase())
    .filter((code): code is string => !!code);
  const tags = (tag(record, 'profileTags') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => /^\d+$/.test(t));
  const address = list(record.address)[0];
  const hasAddress = !!address && ((Array.isArray(address.line) && address.line.some((l) => text(l))) || !!text(address.city));
  return { ...optional({ gender: text(record.gender)?.toLowerCase(), locationId: tag(record, 'locationId') }), languages: [...new Set(languages)], tags: [...new Set(tags)], hasAddress };
}

function idOf(record: Json, what: string): string {
  const id = record.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') throw new TypeError(`a ${what} without an id`);
  return String(id);
}

const flag = (value: unknown, fallback: boolean) => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : fallback);

export function caregiverRow(record: Json): CaregiverRow {
  return {
    id: idOf(record, 'practitioner'),
    ...names(record),
    active: flag(record.active, true),
    isHired: flag(tag(record, 'isHired'), false),
    phones: phonesOf(record),
    ...profileOf(record),
    ...optional({ status: tag(record, 'status'), email: emailOf(record), city: cityOf(record), updatedAt: text((record.meta as Json | undefined)?.lastUpdated) }),
  };
}

export function clientRow(record: Json): ClientRow {
  return {
    id: idOf(record, 'patient'),
    ...names(record),
    active: flag(record.active, true),
    isClient: flag(tag(record, 'isClient'), true),
    phones: phonesOf(record),
    ...profileOf(record),
    ...optional({ status: tag(record, 'status'), email: emailOf(record), city: cityOf(record), updatedAt: text((record.meta as Json | undefined)?.lastUpdated) }),
  };
}

/** A contact; `clientId` from the record's patient link, else the client it was listed under. */
export function familyRow(record: Json, listedUnder?: string): FamilyRow {
  const patient = record.patient;
  const linked = typeof patient === 'string' || typeof patient === 'number' ? String(patient) : text((patient as Json | undefined)?.id);
  const clientId = linked ?? listedUnder;
  if (!clientId) throw new TypeError('a related person without a patient');
  // Live sent one object; the reference says a list. Both are read.
  const relationships = Array.isArray(record.relationship) ? record.relationship : [record.relationship];
  const relationship = list(relationships)
    .flatMap((r) => list(r.coding))
    .map((c) => text(c.display) ?? text(c.code))
    .find(Boolean);
  return {
    id: idOf(record, 'related person'),
    clientId,
    ...names(record),
    emergencyContact: flag(record.emergencyContact, false),
    phones: phonesOf(record),
    ...optional({ relationship, email: emailOf(record) }),
  };
}

export const displayName = (p: { firstName: string; lastName: string }) => [p.firstName, p.lastName].filter(Boolean).join(' ') || '(no name)';

/** The index rows of one person: one per readable number and field. */
export function indexRows(kind: PersonKind, person: Common & { clientId?: string; relationship?: string; active?: boolean; isHired?: boolean }, clientName?: string): PhoneIndexRow[] {
  const current = kind === 'caregiver' ? person.active !== false && person.isHired === true : kind === 'client' ? person.active !== false : true;
  const seen = new Set<string>();
  return person.phones.flatMap((phone) => {
    const key = `${phone.e164}|${phone.use}`;
    if (!phone.e164 || seen.has(key)) return [];
    seen.add(key);
    return [
      {
        e164: phone.e164,
        kind,
        personId: person.id,
        use: phone.use,
        displayName: displayName(person),
        firstName: person.firstName,
        current,
        ...optional({ clientId: person.clientId, clientName, relationship: person.relationship }),
      },
    ];
  });
}

function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
