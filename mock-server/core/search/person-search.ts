// The practitioner and patient search filters, as documented, applied to stored records.
import type { QuirkContext } from '../by-the-docs.ts';
import type { ResourceRecord } from '../store.ts';
import { dateFilter } from './date-filter.ts';
import { addresses, familyName, givenName, metaDate, normalisePhone, tagValue, telecoms } from './fhir-fields.ts';

type Predicate = (r: ResourceRecord) => boolean;

const lower = (v: unknown) => String(v).toLowerCase();
const asBool = (v: unknown) => String(v).toLowerCase() === 'true';

// Stored records never change in place, so each one's phones are normalised once.
const phoneBook = new WeakMap<object, { use?: string; number: string }[]>();
function phonesOf(record: ResourceRecord): { use?: string; number: string }[] {
  let phones = phoneBook.get(record);
  if (!phones) {
    phones = [];
    for (const t of telecoms(record)) {
      const number = t.system === 'phone' && t.value ? normalisePhone(t.value) : undefined;
      if (number) phones.push({ use: t.use, number });
    }
    phoneBook.set(record, phones);
  }
  return phones;
}

function phoneFilter(use: 'home' | 'mobile' | 'work', wanted: string): Predicate {
  const target = normalisePhone(wanted);
  if (target === undefined) return () => false;
  // A search without an extension finds the number with any extension.
  const anyExtension = !target.includes('x');
  return (r) => phonesOf(r).some((p) => p.use === use && (p.number === target || (anyExtension && p.number.split('x')[0] === target)));
}

/** One predicate per search field present in the query or body. */
export function personPredicates(
  params: Record<string, unknown>,
  context: QuirkContext & { primaryLocationId?: string },
): Predicate[] {
  const p: Predicate[] = [];
  const has = (k: string) => params[k] !== undefined && params[k] !== '';
  if (has('first_name')) p.push((r) => lower(givenName(r) ?? '').startsWith(lower(params.first_name)));
  if (has('last_name')) p.push((r) => lower(familyName(r) ?? '').startsWith(lower(params.last_name)));
  // Not in the reference: live, the sync swept `Aa` … `Zz` with it. By the docs
  // an unknown parameter is ignored, so the whole list comes back.
  if (has('last_name:contains') && context.quirks['name-contains-search']) {
    context.applied('name-contains-search');
    p.push((r) => lower(familyName(r) ?? '').includes(lower(params['last_name:contains'])));
  }
  if (has('family')) p.push((r) => lower(familyName(r) ?? '') === lower(params.family));
  if (has('city')) p.push((r) => addresses(r).some((a) => lower(a.city ?? '') === lower(params.city)));
  if (has('state')) p.push((r) => addresses(r).some((a) => lower(a.state ?? '') === lower(params.state)));
  if (has('gender')) p.push((r) => r.gender === params.gender);
  if (has('active')) p.push((r) => r.active === asBool(params.active));
  if (has('is_hired')) p.push((r) => tagValue(r, 'isHired') === String(asBool(params.is_hired)));
  if (has('home_phone')) p.push(phoneFilter('home', String(params.home_phone)));
  if (has('mobile_phone')) p.push(phoneFilter('mobile', String(params.mobile_phone)));
  if (has('work_phone')) p.push(phoneFilter('work', String(params.work_phone)));
  if (has('external_id')) p.push((r) => tagValue(r, 'externalId') === String(params.external_id));
  if (has('tags')) {
    const wanted = String(params.tags).split(',');
    p.push((r) => {
      const held = new Set((tagValue(r, 'profileTags') ?? '').split(','));
      return wanted.every((t) => held.has(t));
    });
  }
  if (has('created')) {
    const test = dateFilter(String(params.created));
    p.push((r) => test(metaDate(r, 'created')));
  }
  if (has('updated')) {
    const test = dateFilter(String(params.updated));
    p.push((r) => test(metaDate(r, 'lastUpdated')));
  }
  if (has('community_id')) p.push((r) => tagValue(r, 'communityId') === String(params.community_id));
  if (has('community_name')) p.push((r) => lower(tagValue(r, 'communityName') ?? '') === lower(params.community_name));
  if (has('agency_id')) p.push((r) => tagValue(r, 'agencyId') === String(params.agency_id));
  // `agencyId` (camel case) is not in the reference; live, it narrowed the lists
  // (1,058 patients appeared once it was dropped). By the docs it is ignored.
  if (has('agencyId') && context.quirks['agency-id-narrows'] && context.primaryLocationId) {
    context.applied('agency-id-narrows');
    const agency = String(params.agencyId);
    const location = context.primaryLocationId;
    p.push((r) => tagValue(r, 'agencyId') === agency && tagValue(r, 'locationId') === location);
  }
  return p;
}

export const PERSON_SORT_KEYS = {
  id: (r: Record<string, unknown>) => Number(r.id),
  first_name: (r: Record<string, unknown>) => lower(givenName(r) ?? ''),
  last_name: (r: Record<string, unknown>) => lower(familyName(r) ?? ''),
  birthDate: (r: Record<string, unknown>) => r.birthDate as string | undefined,
  created: (r: Record<string, unknown>) => metaDate(r, 'created'),
  updated: (r: Record<string, unknown>) => metaDate(r, 'lastUpdated'),
  city: (r: Record<string, unknown>) => lower(addresses(r)[0]?.city ?? ''),
};
