// Family and emergency contacts: half of the active clients have one or two.
import { MARRIED, RELATIONSHIPS, type Relationship } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { FIRST_ID, IdSequence } from './ids.ts';
import { drawCity, drawGender, drawName, drawOffice, email, homeAddress, humanName, phone, type PersonName } from './people.ts';
import type { Client } from './patients.ts';
import type { ContactPoint, Gender, RelatedPerson } from './types.ts';

export interface Contact {
  record: RelatedPerson;
  client: Client;
  name: PersonName;
  relationship: Relationship;
}

export function generateRelatedPersons(ctx: SeedContext, activeClients: readonly Client[]): Contact[] {
  const { rng } = ctx;
  const ids = new IdSequence(FIRST_ID.relatedPerson);
  const perClient = rng.quota(activeClients.length, [
    [0, 50],
    [1, 30],
    [2, 20],
  ]);
  const contacts: Contact[] = [];
  activeClients.forEach((client, i) => {
    const count = perClient[i] ?? 0;
    const taken = new Set<string>();
    for (let n = 0; n < count; n++) {
      const contact = buildContact(ctx, ids.next(), client, n, taken);
      taken.add(contact.relationship.code);
      contacts.push(contact);
    }
  });
  return contacts;
}

function buildContact(ctx: SeedContext, id: string, client: Client, index: number, taken: ReadonlySet<string>): Contact {
  const { rng } = ctx;
  const married = client.record.maritalStatus?.coding?.[0]?.code === MARRIED.code;
  let relationship = rng.weighted(RELATIONSHIPS);
  // Only a married client has a spouse to list, and a client has one POA.
  if ((relationship.code === 'SPS' && !married) || (taken.has(relationship.code) && (relationship.code === 'SPS' || relationship.code === 'POA'))) {
    relationship = RELATIONSHIPS[0]?.[0] ?? relationship;
  }
  const gender: Gender = relationship.gender ?? (relationship.code === 'SPS' ? opposite(client.gender) : drawGender(ctx, 0.6));
  const keepsFamily = relationship.sameFamily || (relationship.code === 'DAU' && rng.chance(0.3));
  const name = drawName(ctx, gender, keepsFamily ? client.name.family : undefined);

  const telecom: ContactPoint[] = [];
  const localCodes = client.city.areaCodes;
  if (relationship.code === 'SPS' && client.homePhone) {
    telecom.push(phone(ctx, ctx.phones.allocate(localCodes), 'mobile'));
  } else if (rng.chance(0.92)) {
    // Family often lives out of state: a lower chance of a local number.
    telecom.push(phone(ctx, ctx.phones.allocate(localCodes, 0.55), 'mobile'));
  }
  if (rng.chance(0.15)) telecom.push(phone(ctx, ctx.phones.allocate(localCodes, 0.55), 'home'));
  if (rng.chance(0.25)) telecom.push(phone(ctx, ctx.phones.allocate(localCodes, 0.55), 'work'));
  if (rng.chance(0.55)) telecom.push(email(ctx, name));

  const livesNearby = relationship.code === 'SPS' || rng.chance(0.4);
  const record: RelatedPerson = {
    resourceType: 'RelatedPerson',
    id,
    patient: { id: client.id },
    name: humanName(name),
    telecom,
    ...(livesNearby ? { address: [relationship.code === 'SPS' ? { ...client.address, line: [...(client.address.line ?? [])] } : homeAddress(ctx, drawCity(ctx, drawOffice(ctx)))] } : {}),
    relationship: [{ coding: [{ code: relationship.code, display: relationship.display }] }],
    emergencyContact: index === 0 || rng.chance(0.5),
    primaryContact: index === 0,
    poa: relationship.code === 'POA' || ((relationship.code === 'DAU' || relationship.code === 'SON') && rng.chance(0.2)),
  };
  return { record, client, name, relationship };
}

function opposite(gender: Gender): Gender {
  if (gender === 'female') return 'male';
  if (gender === 'male') return 'female';
  return gender;
}
