// What the suite reads for itself from the warm-up WellSky, with its own
// paging and its own reading of the records, to judge Gigi's data-quality
// report: who is current, and who has no email, no address, no mobile field.
import type { WellSkyClient } from '../wellsky/client.ts';
import { entriesFrom } from '../wellsky/client.ts';

type Json = Record<string, unknown>;

export interface AgencyFacts {
  caregivers: number;
  clients: number;
  noEmail: string[];
  noAddress: string[];
  /** No telecom entry with use "mobile" and a value at all (a subset of Gigi's "no usable mobile"). */
  noMobileField: string[];
}

const tagOf = (record: Json, code: string) => ((record.meta as Json | undefined)?.tag as Json[] | undefined)?.find((t) => t.code === code)?.display;
const telecom = (record: Json) => ((record.telecom as Json[] | undefined) ?? []).filter((t) => t && typeof t === 'object');
const hasText = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** Every record of a collection: pages until one brings nothing new (whatever the page base). */
async function everyRecord(client: WellSkyClient, path: '/v1/practitioners/' | '/v1/patients/'): Promise<Json[]> {
  const byId = new Map<string, Json>();
  for (let page = 0; page < 1000; page++) {
    const query = page === 0 ? { _count: 100 } : { _count: 100, _page: page };
    const records = entriesFrom<Json>(await client.api.GET(path, { params: { query } }));
    let fresh = 0;
    for (const r of records) if (!byId.has(String(r.id))) (byId.set(String(r.id), r), fresh++);
    if (page > 0 && fresh === 0) break;
  }
  return [...byId.values()];
}

export async function readAgencyFacts(client: WellSkyClient): Promise<AgencyFacts> {
  const caregivers = (await everyRecord(client, '/v1/practitioners/')).filter((r) => r.active !== false && r.active !== 'false' && tagOf(r, 'isHired') === 'true');
  const clients = (await everyRecord(client, '/v1/patients/')).filter((r) => r.active !== false && r.active !== 'false' && tagOf(r, 'isClient') !== 'false');
  const people = [...caregivers, ...clients];
  const ids = (records: Json[]) => records.map((r) => String(r.id)).sort();
  return {
    caregivers: caregivers.length,
    clients: clients.length,
    noEmail: ids(people.filter((r) => !telecom(r).some((t) => t.system === 'email' && hasText(t.value)))),
    noAddress: ids(people.filter((r) => {
      const first = ((r.address as Json[] | undefined) ?? [])[0];
      return !first || !(hasText(first.city) || (Array.isArray(first.line) && first.line.some(hasText)));
    })),
    noMobileField: ids(people.filter((r) => !telecom(r).some((t) => t.use === 'mobile' && hasText(t.value)))),
  };
}
