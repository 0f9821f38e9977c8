// Entry point: a whole synthetic home-care agency from a seed, a size and a date.
// Same seed, size, today and time zone → byte-identical JSON; different seed →
// different people. Everything is synthetic: invented names and streets, 555-01XX
// phone numbers, example.org/.com/.net emails.
import { ZoneClock, parseDay } from './calendar.ts';
import { ACTIVE_CLIENT } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { generateDirectory, openOffices, profileTags } from './directory.ts';
import { generateEncounters } from './encounters.ts';
import { shareNumbers } from './households.ts';
import { AGENCY_ID } from './ids.ts';
import { generatePatients } from './patients.ts';
import { phoneDigits, PhoneBook } from './phones.ts';
import { officeCount } from './places.ts';
import { generatePractitioners } from './practitioners.ts';
import { Random } from './random.ts';
import { generateRelatedPersons } from './related-persons.ts';
import { planSchedule, toAppointment, type ScheduleConflict } from './schedule.ts';
import { resolveSize, type SizeName } from './sizes.ts';
import type { Appointment, ContactPoint, Encounter, Location, Organization, Patient, Practitioner, ProfileTag, ReferralSource, RelatedPerson } from './types.ts';

export { resolveSize, SIZE_PRESETS, MAX_SIZE, type SizeName } from './sizes.ts';
export { phoneDigits } from './phones.ts';
export type { ScheduleConflict } from './schedule.ts';

export interface SeedOptions {
  seed: number;
  size: number | SizeName;
  /** `YYYY-MM-DD`; default: today's date in the agency's time zone. */
  today?: string;
  /** IANA zone the agency plans shifts in; default 'America/Denver'. */
  timeZone?: string;
}

/** Realistic defects planted on purpose, so tests can find them. */
export interface AgencyDefects {
  /** 10-digit numbers that two people deliberately share (a couple, a household). */
  sharedPhones: string[];
  /** Caregivers double-booked on overlapping shifts. */
  scheduleConflicts: ScheduleConflict[];
}

export interface AgencyData {
  agencyId: string;
  practitioners: Practitioner[];
  patients: Patient[];
  relatedPersons: RelatedPerson[];
  profileTags: ProfileTag[];
  locations: Location[];
  organizations: Organization[];
  referralSources: ReferralSource[];
  appointments: Appointment[];
  encounters: Encounter[];
  defects: AgencyDefects;
}

export const DEFAULT_TIME_ZONE = 'America/Denver';

function agencyToday(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
// Share of people who are practitioners; the rest are patients.
const PRACTITIONER_SHARE = 0.44;

export function generateAgency(options: SeedOptions): AgencyData {
  if (typeof options?.seed !== 'number' || !Number.isSafeInteger(options.seed)) {
    throw new Error(`seed must be a whole number; got ${String(options?.seed)}`);
  }
  const size = resolveSize(options.size);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  // The agency's today is its local date: in a Denver evening the UTC date is already tomorrow.
  const today = parseDay(options.today ?? agencyToday(timeZone));
  const clock = new ZoneClock(timeZone);
  const rng = new Random(options.seed);

  const ctx: SeedContext = {
    rng,
    phones: new PhoneBook(rng),
    today,
    offices: openOffices(officeCount(size)),
    streets: Array.from({ length: 400 }, () => rng.faker.location.street()),
    familyNames: Array.from({ length: Math.min(size, 2500) }, () => rng.faker.person.lastName()),
  };

  const directory = generateDirectory(ctx);
  const practitionerCount = Math.round(size * PRACTITIONER_SHARE);
  const caregivers = generatePractitioners(ctx, practitionerCount);
  const clients = generatePatients(ctx, size - practitionerCount);
  const activeClients = clients.filter((c) => c.status === ACTIVE_CLIENT);
  const contacts = generateRelatedPersons(ctx, activeClients);
  const sharedPhones = shareNumbers(ctx, size, caregivers, clients, contacts);

  const schedule = planSchedule(
    ctx,
    clock,
    size,
    caregivers.filter((c) => c.schedulable),
    activeClients,
  );
  const encounters = generateEncounters(ctx, clock, schedule.shifts);

  return {
    agencyId: AGENCY_ID,
    practitioners: caregivers.map((c) => c.record),
    patients: clients.map((c) => c.record),
    relatedPersons: contacts.map((c) => c.record),
    profileTags: profileTags(),
    locations: directory.locations,
    organizations: directory.organizations,
    referralSources: directory.referralSources,
    appointments: schedule.shifts.map(toAppointment),
    encounters,
    defects: { sharedPhones, scheduleConflicts: schedule.conflicts },
  };
}

/**
 * Numbers held by more than one person (practitioners, patients, related persons),
 * found by reading the records, so it also sees numbers shared after edits.
 */
export function sharedPhones(data: Pick<AgencyData, 'practitioners' | 'patients' | 'relatedPersons'>): string[] {
  const holders = new Map<string, Set<string>>();
  const note = (who: string, telecom: readonly ContactPoint[] | undefined) => {
    for (const point of telecom ?? []) {
      if (point.system !== 'phone' || !point.value) continue;
      const digits = phoneDigits(point.value);
      const set = holders.get(digits) ?? new Set<string>();
      set.add(who);
      holders.set(digits, set);
    }
  };
  for (const p of data.practitioners) note(`Practitioner/${p.id}`, p.telecom);
  for (const p of data.patients) note(`Patient/${p.id}`, p.telecom);
  for (const p of data.relatedPersons) note(`RelatedPerson/${p.id}`, p.telecom);
  return [...holders].filter(([, who]) => who.size > 1).map(([digits]) => digits).sort();
}
