// Pieces every person record is built from: names, birth dates, languages,
// addresses, phones, emails and record metadata.
import { DAY_MS, formatDay, formatUtc } from './calendar.ts';
import { EMAIL_DOMAINS, ENGLISH, OTHER_LANGUAGES, type Language } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { messyPhone } from './phones.ts';
import type { City, Office } from './places.ts';
import type { Address, Communication, ContactPoint, Gender, Meta, Tag } from './types.ts';

export interface PersonName {
  given: string;
  family: string;
}

export function drawGender(ctx: SeedContext, femaleShare: number): Gender {
  const roll = ctx.rng.next();
  if (roll < 0.01) return ctx.rng.chance(0.5) ? 'other' : 'unknown';
  return roll < femaleShare ? 'female' : 'male';
}

export function drawName(ctx: SeedContext, gender: Gender, family?: string): PersonName {
  const { faker } = ctx.rng;
  const sex = gender === 'female' || gender === 'male' ? gender : ctx.rng.chance(0.5) ? 'female' : 'male';
  return { given: faker.person.firstName(sex), family: family ?? ctx.rng.pick(ctx.familyNames) };
}

export function humanName(name: PersonName) {
  return [{ use: 'official', family: name.family, given: [name.given] }];
}

/** A birth date for someone aged between `minAge` and `maxAge` today. */
export function drawBirthDate(ctx: SeedContext, minAge: number, maxAge: number): string {
  const daysOld = ctx.rng.int(Math.round(minAge * 365.25), Math.round((maxAge + 1) * 365.25) - 1);
  return formatDay(ctx.today - daysOld);
}

export type LanguageMix = readonly (readonly ['english' | 'both' | 'other', number])[];

export function drawLanguages(ctx: SeedContext, mix: LanguageMix): Language[] {
  const kind = ctx.rng.weighted(mix);
  if (kind === 'english') return [ENGLISH];
  const other = ctx.rng.weighted(OTHER_LANGUAGES);
  return kind === 'both' ? [ENGLISH, other] : [other];
}

export function communication(languages: readonly Language[]): Communication[] {
  return languages.map((language, i) => ({
    coding: [{ code: language.code, display: language.display }],
    ...(languages.length > 1 && i === 0 ? { preferred: true } : {}),
  }));
}

export function drawOffice(ctx: SeedContext): Office {
  return ctx.rng.weighted(ctx.offices.map((office) => [office, office.weight] as const));
}

export function drawCity(ctx: SeedContext, office: Office): City {
  return ctx.rng.pick(office.cities);
}

export function streetLines(ctx: SeedContext): string[] {
  const line = `${ctx.rng.int(100, 19_999)} ${ctx.rng.pick(ctx.streets)}`;
  return ctx.rng.chance(0.1) ? [line, `Apt ${ctx.rng.int(1, 340)}`] : [line];
}

export function homeAddress(ctx: SeedContext, city: City, options: { withCity?: boolean } = {}): Address {
  return {
    use: 'home',
    line: streetLines(ctx),
    ...(options.withCity === false ? {} : { city: city.name }),
    state: 'CO',
    postalCode: ctx.rng.pick(city.postalCodes),
  };
}

export function phone(ctx: SeedContext, digits: string, use: 'mobile' | 'home' | 'work'): ContactPoint {
  return { system: 'phone', value: messyPhone(ctx.rng, digits, use), use };
}

export function email(ctx: SeedContext, name: PersonName): ContactPoint {
  const given = slug(name.given);
  const family = slug(name.family);
  const { rng } = ctx;
  const local = rng.weighted<string>([
    [`${given}.${family}`, 4],
    [`${given.slice(0, 1)}${family}`, 3],
    [`${given}${family}${rng.int(1, 99)}`, 2],
    [`${family}.${given}${rng.int(1950, 2005)}`, 1],
  ]);
  return { system: 'email', value: `${local}@${rng.pick(EMAIL_DOMAINS)}`, use: 'home' };
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Created within the last `maxAgeDays` (at least a day ago), updated some time since. */
export function recordMeta(ctx: SeedContext, maxAgeDays: number, tags: Tag[], options: { touchedWithinDays?: number } = {}): Meta {
  const { rng } = ctx;
  const todayMs = ctx.today * DAY_MS;
  const created = todayMs - rng.int(1, Math.max(1, maxAgeDays)) * DAY_MS + rng.int(0, DAY_MS / 1000 - 1) * 1000;
  const earliestUpdate = options.touchedWithinDays ? Math.max(created, todayMs - options.touchedWithinDays * DAY_MS) : created;
  const lastUpdated = earliestUpdate + Math.floor(rng.next() * (todayMs - earliestUpdate) / 1000) * 1000;
  return { lastUpdated: formatUtc(lastUpdated), created: formatUtc(created), tag: tags };
}

export function setTag(meta: Meta | undefined, code: string, display: string): void {
  const tag = meta?.tag?.find((t) => t.code === code);
  if (tag) tag.display = display;
}
