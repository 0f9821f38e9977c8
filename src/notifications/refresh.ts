// One record named by a WellSky change notification, read again and written
// into the cache in one transaction: a caregiver, or a client with their
// family contacts. A record WellSky no longer has leaves the cache.
import type { Clock } from '../clock.ts';
import type { Database } from '../cache/database.ts';
import { removePeople, upsertPeople } from '../cache/people-cache.ts';
import { caregiverRow, clientRow, familyRow } from '../cache/people.ts';
import { entriesFrom, type WellSkyClient } from '../wellsky/client.ts';
import { WellSkyError } from '../wellsky/failures.ts';

export interface Notification {
  resourceType: string;
  id: string;
}

export type RefreshOutcome = 'updated' | 'removed' | 'ignored';

type Json = Record<string, unknown>;

const notFound = (error: unknown) => error instanceof WellSkyError && error.kind === 'not-found';

export async function refreshRecord(client: WellSkyClient, db: Database, clock: Clock, notification: Notification): Promise<RefreshOutcome> {
  const { resourceType, id } = notification;
  if (resourceType === 'Practitioner') {
    let record: Json;
    try {
      record = (await client.api.GET('/v1/practitioners/{id}/', { params: { path: { id } } })).data as Json;
    } catch (error) {
      if (!notFound(error)) throw error;
      await db.transaction((tx) => removePeople(tx, 'caregiver', [id]));
      return 'removed';
    }
    const now = clock.now();
    await db.transaction((tx) => upsertPeople(tx, { caregivers: [caregiverRow(record)], clients: [], family: [] }, now));
    return 'updated';
  }
  if (resourceType === 'Patient') {
    let record: Json;
    try {
      record = (await client.api.GET('/v1/patients/{id}/', { params: { path: { id } } })).data as Json;
    } catch (error) {
      if (!notFound(error)) throw error;
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM related_persons WHERE client_id = $1', [id]);
        await removePeople(tx, 'family', rows.map((r) => r.id));
        await removePeople(tx, 'client', [id]);
      });
      return 'removed';
    }
    let contacts: Json[];
    try {
      contacts = entriesFrom<Json>(await client.api.GET('/v1/relatedperson/{id}/', { params: { path: { id } } }));
    } catch (error) {
      // The client exists; a 404 on their contacts means they have none (as the sync reads it).
      if (!notFound(error)) throw error;
      contacts = [];
    }
    const now = clock.now();
    const family = contacts.flatMap((c) => {
      try {
        return [familyRow(c, id)];
      } catch {
        return [];
      }
    });
    await db.transaction((tx) => upsertPeople(tx, { caregivers: [], clients: [clientRow(record)], family }, now));
    return 'updated';
  }
  // Care logs (clock-outs) and the rest hold nothing caller ID needs.
  return 'ignored';
}
