// Caregivers and applicants, spread through the hiring funnel the way a live
// agency's book looks: most never hired, about 1 in 15 active and hired, some
// hired but gone inactive, and about 1 in 5 missing a phone, an email or a city.
import { HIRED, PRACTITIONER_FUNNEL, TAG_PREVALENCE } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { AGENCY_ID, FIRST_ID, nthId, practitionerId } from './ids.ts';
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
import type { Office } from './places.ts';
import type { ContactPoint, Practitioner } from './types.ts';

export interface Caregiver {
  record: Practitioner;
  id: string;
  name: PersonName;
  office: Office;
  /** Status 100, isHired "true" and FHIR active: the ones who can be scheduled. */
  schedulable: boolean;
  /** The first phone's digits, when there is one. */
  phone?: string;
}

type Standing = { status: string; hired: boolean; active: boolean } | 'pipeline';
type Gap = 'none' | 'phone' | 'email' | 'city';

export function generatePractitioners(ctx: SeedContext, count: number): Caregiver[] {
  const { rng } = ctx;
  // A tiny agency still gets two schedulable caregivers, so it has a schedule at all.
  const activeHired = count === 0 ? 0 : Math.min(count, Math.max(2, Math.round(count / 15)));
  const hiredInactive = Math.min(count - activeHired, Math.round(count * 0.09));
  const standings: Standing[] = rng.shuffle([
    ...Array.from({ length: activeHired }, () => ({ status: HIRED, hired: true, active: true })),
    ...Array.from({ length: hiredInactive }, () => ({ status: HIRED, hired: true, active: false })),
    ...Array.from({ length: count - activeHired - hiredInactive }, () => 'pipeline' as const),
  ]);
  const funnel = rng.quota(count - activeHired - hiredInactive, PRACTITIONER_FUNNEL);
  const gaps = rng.quota<Gap>(count, [
    ['none', 80],
    ['phone', 8],
    ['email', 7],
    ['city', 5],
  ]);

  let nextFunnel = 0;
  return standings.map((drawn, index) => {
    let standing = drawn;
    if (standing === 'pipeline') {
      const status = funnel[nextFunnel++] ?? '10';
      // Applicants in progress mostly show as active; rejected ones mostly not.
      standing = { status, hired: false, active: status === '90' ? rng.chance(0.1) : rng.chance(0.75) };
    }
    return buildCaregiver(ctx, practitionerId(index), standing, gaps[index] ?? 'none');
  });
}

function buildCaregiver(ctx: SeedContext, id: string, standing: { status: string; hired: boolean; active: boolean }, gap: Gap): Caregiver {
  const { rng } = ctx;
  const gender = drawGender(ctx, 0.86);
  const name = drawName(ctx, gender);
  const office = drawOffice(ctx);
  const city = drawCity(ctx, office);
  const languages = drawLanguages(ctx, [
    ['english', 70],
    ['both', 26],
    ['other', 4],
  ]);

  const tagIds = new Set<string>();
  for (const language of languages) if (language.tagId) tagIds.add(language.tagId);
  const depth = standing.hired ? 1 : standing.status === '90' || standing.status === '10' ? 0.25 : 0.5;
  for (const [tagId, share] of TAG_PREVALENCE) if (rng.chance(share * depth)) tagIds.add(tagId);
  const profileTags = [...tagIds].sort((a, b) => Number(a) - Number(b)).join(',');

  const telecom: ContactPoint[] = [];
  let firstPhone: string | undefined;
  if (gap !== 'phone') {
    firstPhone = ctx.phones.allocate(city.areaCodes);
    telecom.push(phone(ctx, firstPhone, 'mobile'));
    if (rng.chance(0.12)) telecom.push(phone(ctx, ctx.phones.allocate(city.areaCodes), 'home'));
  }
  if (gap !== 'email') telecom.push(email(ctx, name));

  const schedulable = standing.hired && standing.active;
  const record: Practitioner = {
    resourceType: 'Practitioner',
    id,
    active: standing.active,
    name: humanName(name),
    telecom,
    address: [homeAddress(ctx, city, { withCity: gap !== 'city' })],
    gender,
    birthDate: drawBirthDate(ctx, 19, 68),
    communication: communication(languages),
    meta: recordMeta(
      ctx,
      730,
      [
        { code: 'isHired', display: String(standing.hired) },
        { code: 'agencyId', display: AGENCY_ID },
        { code: 'status', display: standing.status },
        { code: 'locationId', display: nthId(FIRST_ID.location, office.index) },
        { code: 'profileTags', display: profileTags },
      ],
      schedulable ? { touchedWithinDays: 60 } : {},
    ),
  };
  return { record, id, name, office, schedulable, ...(firstPhone ? { phone: firstPhone } : {}) };
}
