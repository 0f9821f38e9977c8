// The agency's reference records: profile tags, offices (locations), the agency
// and partner organizations, and referral sources.
import { AGENCY_NAME, PARTNER_ORGANIZATIONS, PROFILE_TAGS, REFERRAL_SOURCES } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { AGENCY_ID, FIRST_ID, nthId } from './ids.ts';
import { phone } from './people.ts';
import { OFFICES, type Office } from './places.ts';
import type { Address, Location, Organization, ProfileTag, ReferralSource } from './types.ts';

export function profileTags(): ProfileTag[] {
  return PROFILE_TAGS.map((tag) => ({ id: tag.id, name: tag.name, type: tag.type, ...(tag.description ? { description: tag.description } : {}) }));
}

export function openOffices(count: number): Office[] {
  return OFFICES.slice(0, Math.max(1, Math.min(OFFICES.length, count)));
}

export interface Directory {
  locations: Location[];
  organizations: Organization[];
  referralSources: ReferralSource[];
}

export function generateDirectory(ctx: SeedContext): Directory {
  const { rng } = ctx;
  const officeAddress = (office: Office): Address => {
    const town = office.cities[0] ?? rng.pick(ctx.offices[0]?.cities ?? []);
    const street = `${rng.int(100, 9_999)} ${rng.pick(ctx.streets)}`;
    return { line: rng.chance(0.5) ? [street, `Suite ${rng.int(100, 450)}`] : [street], city: town.name, state: 'CO', postalCode: rng.pick(town.postalCodes) };
  };
  const officePhone = (office: Office) => ctx.phones.allocate(office.cities[0]?.areaCodes ?? ['303'], 1);

  const addresses = ctx.offices.map(officeAddress);
  const locations: Location[] = ctx.offices.map((office, i) => ({
    resourceType: 'Location',
    id: nthId(FIRST_ID.location, office.index),
    name: office.name,
    address: addresses[i] as Address,
    telecom: [phone(ctx, officePhone(office), 'work')],
  }));

  const head = ctx.offices[0] as Office;
  const organizations: Organization[] = [
    {
      resourceType: 'Organization',
      id: AGENCY_ID,
      name: AGENCY_NAME,
      // The agency's address is its first office's.
      address: [{ use: 'work', ...(addresses[0] as Address), line: [...((addresses[0] as Address).line ?? [])] }],
      telecom: [phone(ctx, officePhone(head), 'work'), { system: 'email', value: 'office@example.org', use: 'work' }],
    },
    ...PARTNER_ORGANIZATIONS.map(
      (name, i): Organization => ({
        resourceType: 'Organization',
        id: String(Number(AGENCY_ID) + i + 1),
        name,
        address: [{ use: 'work', ...officeAddress(rng.pick(ctx.offices)) }],
        telecom: [phone(ctx, officePhone(head), 'work')],
      }),
    ),
  ];

  const referralSources: ReferralSource[] = REFERRAL_SOURCES.map((source, i) => ({
    id: nthId(FIRST_ID.referralSource, i),
    name: source.name,
    type: source.type,
    ...(source.hasPhone ? { telecom: [phone(ctx, officePhone(rng.pick(ctx.offices)), 'work')] } : {}),
  }));

  return { locations, organizations, referralSources };
}
