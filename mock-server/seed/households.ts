// Numbers deliberately shared by two people, as in a real agency's book: a married
// couple who are both clients on one landline, a daughter who lives with her
// mother and gave the home number, a caregiver whose household line is also a
// client's emergency contact. Caller-ID must cope with one number, two people.
import { ACTIVE_CLIENT, MARRIED } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { FIRST_ID, nthId } from './ids.ts';
import { phone, setTag } from './people.ts';
import type { Caregiver } from './practitioners.ts';
import type { Client } from './patients.ts';
import type { Contact } from './related-persons.ts';
import type { Address, ContactPoint, RelatedPerson } from './types.ts';

export function shareNumbers(ctx: SeedContext, size: number, caregivers: readonly Caregiver[], clients: readonly Client[], contacts: readonly Contact[]): string[] {
  const { rng } = ctx;
  const shared = new Set<string>();
  const inCouple = new Set<Client>();

  // A client who already lists a spouse as a contact is not the one to marry off.
  const listsSpouse = new Set(contacts.filter((c) => c.relationship.code === 'SPS').map((c) => c.client));
  const active = rng.shuffle(clients.filter((c) => c.status === ACTIVE_CLIENT && !listsSpouse.has(c)));
  const couples = Math.min(Math.floor(active.length / 2), 1 + Math.floor(size / 5000));
  for (let i = 0; i < couples; i++) {
    const first = active[2 * i] as Client;
    const second = active[2 * i + 1] as Client;
    shared.add(marry(ctx, first, second));
    inCouple.add(first).add(second);
  }

  const used = new Set<Contact>();
  const livingWith = rng.shuffle(contacts.filter((c) => !inCouple.has(c.client) && ['DAU', 'SON', 'GRNDDAU', 'GRNDSON'].includes(c.relationship.code)));
  const clientShares = 1 + Math.floor(size / 5000);
  const households = new Set<Client>();
  for (const contact of livingWith) {
    if (households.size >= clientShares) break;
    if (households.has(contact.client)) continue; // one relative per landline, so two people share it
    households.add(contact.client);
    const digits = homeLine(ctx, contact.client);
    replacePhones(contact.record.telecom, 'home', [phone(ctx, digits, 'home')]);
    contact.record = withAddress(contact.record, { ...contact.client.address, line: [...(contact.client.address.line ?? [])] });
    used.add(contact);
    shared.add(digits);
  }

  const withPhones = rng.shuffle(caregivers.filter((c) => c.schedulable && c.phone));
  const spare = rng.shuffle(contacts.filter((c) => !used.has(c) && c.relationship.code !== 'SPS'));
  const caregiverShares = Math.min(withPhones.length, spare.length, 1 + Math.floor(size / 10_000));
  for (let i = 0; i < caregiverShares; i++) {
    const caregiver = withPhones[i] as Caregiver;
    const contact = spare[i] as Contact;
    const digits = caregiver.phone as string;
    // Same household as the caregiver: same family name, the caregiver's number as their home line.
    const name = contact.record.name[0];
    if (name) name.family = caregiver.name.family;
    contact.name.family = caregiver.name.family;
    replacePhones(contact.record.telecom, 'home', [phone(ctx, digits, 'home')]);
    shared.add(digits);
  }

  return [...shared].sort();
}

/** The second client moves in with the first: family name, address, location and landline. */
function marry(ctx: SeedContext, first: Client, second: Client): string {
  const digits = homeLine(ctx, first);
  const secondName = second.record.name[0];
  if (secondName) secondName.family = first.name.family;
  second.name.family = first.name.family;
  second.address = { ...first.address, line: [...(first.address.line ?? [])] };
  second.record.address = [second.address];
  second.city = first.city;
  second.office = first.office;
  second.position = { ...first.position };
  second.homePhone = digits;
  setTag(second.record.meta, 'locationId', nthId(FIRST_ID.location, first.office.index));
  replacePhones(second.record.telecom, 'home', [phone(ctx, digits, 'home')]);
  for (const client of [first, second]) client.record.maritalStatus = { coding: [{ ...MARRIED }] };
  return digits;
}

/** The client's landline, adding one if the file had none. */
function homeLine(ctx: SeedContext, client: Client): string {
  if (client.homePhone) return client.homePhone;
  const digits = ctx.phones.allocate(client.city.areaCodes);
  client.homePhone = digits;
  client.record.telecom = client.record.telecom ?? [];
  client.record.telecom.unshift(phone(ctx, digits, 'home'));
  return digits;
}

/** The same record with its address replaced, keys in the usual order (address before relationship). */
function withAddress(record: RelatedPerson, address: Address): RelatedPerson {
  const { address: _old, relationship, emergencyContact, primaryContact, poa, ...head } = record;
  return { ...head, address: [address], relationship, emergencyContact, primaryContact, poa };
}

/** Drops the phones of one use and puts the given ones first. */
function replacePhones(telecom: ContactPoint[] | undefined, use: 'home' | 'mobile' | 'work', replacement: ContactPoint[]): void {
  if (!telecom) return;
  const kept = telecom.filter((t) => !(t.system === 'phone' && t.use === use));
  telecom.splice(0, telecom.length, ...replacement, ...kept);
}
