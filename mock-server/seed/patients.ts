// Clients, prospects and closed files. About 17% are active clients (status 80);
// FHIR `active` disagrees with the agency's status on about 1 in 10, as it did live.
import { ACTIVE_CLIENT, MARITAL_STATUSES, PATIENT_STATUSES } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { AGENCY_ID, FIRST_ID, nthId } from './ids.ts';
import {
  communication,
  drawBirthDate,
  drawCity,
  drawGender,
  drawLanguages,
  drawName,
  drawOffice,
  email,
  homeAddress,
  humanName,
  phone,
  recordMeta,
  type PersonName,
} from './people.ts';
import { positionIn, type City, type Office } from './places.ts';
import type { Address, ContactPoint, Gender, Patient, Position } from './types.ts';

export interface Client {
  record: Patient;
  id: string;
  name: PersonName;
  gender: Gender;
  office: Office;
  city: City;
  address: Address;
  /** The agency's status tag: "80" is an active client. */
  status: string;
  position: Required<Position>;
  /** Digits of the home landline, when there is one. */
  homePhone?: string;
}

const CLOSED = new Set(['90', '100']);

export function generatePatients(ctx: SeedContext, count: number): Client[] {
  const { rng } = ctx;
  const statuses = rng.quota(count, PATIENT_STATUSES);
  const disagree = rng.quota(count, [
    [true, 10],
    [false, 90],
  ]);
  return statuses.map((status, index) => buildClient(ctx, nthId(FIRST_ID.patient, index), status, disagree[index] ?? false));
}

function buildClient(ctx: SeedContext, id: string, status: string, disagrees: boolean): Client {
  const { rng } = ctx;
  const gender = drawGender(ctx, 0.62);
  const name = drawName(ctx, gender);
  const office = drawOffice(ctx);
  const city = drawCity(ctx, office);
  const address = homeAddress(ctx, city, { withCity: rng.chance(0.97) });
  const languages = drawLanguages(ctx, [
    ['english', 86],
    ['both', 6],
    ['other', 8],
  ]);

  // Older clients keep a landline; many have a mobile too; few use email.
  const telecom: ContactPoint[] = [];
  let homePhone: string | undefined;
  const hasHome = rng.chance(0.75);
  if (hasHome) {
    homePhone = ctx.phones.allocate(city.areaCodes);
    telecom.push(phone(ctx, homePhone, 'home'));
  }
  if (rng.chance(0.45) || (!hasHome && rng.chance(0.6))) telecom.push(phone(ctx, ctx.phones.allocate(city.areaCodes), 'mobile'));
  if (rng.chance(0.25)) telecom.push(email(ctx, name));

  const isClient = status === ACTIVE_CLIENT || status === '100';
  const agencyActive = !CLOSED.has(status);
  const maxAgeDays = isClient || CLOSED.has(status) ? 730 : 300;
  const record: Patient = {
    resourceType: 'Patient',
    id,
    active: disagrees ? !agencyActive : agencyActive,
    name: humanName(name),
    telecom,
    address: [address],
    gender,
    birthDate: drawBirthDate(ctx, 62, 100),
    maritalStatus: { coding: [{ ...rng.weighted(MARITAL_STATUSES) }] },
    communication: communication(languages),
    meta: recordMeta(ctx, maxAgeDays, [
      { code: 'isClient', display: String(isClient) },
      { code: 'agencyId', display: AGENCY_ID },
      { code: 'status', display: status },
      { code: 'locationId', display: nthId(FIRST_ID.location, office.index) },
    ]),
  };
  return {
    record,
    id,
    name,
    gender,
    office,
    city,
    address,
    status,
    position: positionIn(ctx.rng, city),
    ...(homePhone ? { homePhone } : {}),
  };
}
