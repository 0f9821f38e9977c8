// How usable the agency's records are for Gigi, from the cache: current
// caregivers and clients without a mobile number a text can reach, without an
// email, without an address; numbers that cannot be read as phone numbers;
// numbers several people share. Counts and lists (ids and names: the office
// fixes them in WellSky).
import type { Queryable } from '../cache/database.ts';
import { displayName, type CachedPhone } from '../cache/people.ts';

export interface PersonRef {
  kind: 'caregiver' | 'client';
  id: string;
  name: string;
}

export interface DataQualityReport {
  /** Current people only: active, hired caregivers and active clients (applicants and former clients are not called). */
  counted: { caregivers: number; clients: number };
  noMobile: PersonRef[];
  noEmail: PersonRef[];
  noAddress: PersonRef[];
  /** A phone field whose text is not a North American number. */
  unreadableNumbers: (PersonRef & { use: string; text: string })[];
  /** A number two or more current people hold. */
  sharedNumbers: { e164: string; people: PersonRef[] }[];
}

type Row = { id: string; first_name: string; last_name: string; phones: unknown; email: string | null; has_address: boolean };

const phonesOf = (value: unknown): CachedPhone[] => (typeof value === 'string' ? (JSON.parse(value) as CachedPhone[]) : ((value as CachedPhone[] | null) ?? []));

export async function dataQuality(db: Queryable): Promise<DataQualityReport> {
  const caregivers = (await db.query<Row>('SELECT id, first_name, last_name, phones, email, has_address FROM caregivers WHERE active = true AND is_hired = true ORDER BY id')).rows;
  const clients = (await db.query<Row>('SELECT id, first_name, last_name, phones, email, has_address FROM clients WHERE active = true AND is_client = true ORDER BY id')).rows;
  const report: DataQualityReport = { counted: { caregivers: caregivers.length, clients: clients.length }, noMobile: [], noEmail: [], noAddress: [], unreadableNumbers: [], sharedNumbers: [] };
  const holders = new Map<string, PersonRef[]>();
  const visit = (kind: PersonRef['kind'], row: Row) => {
    const ref: PersonRef = { kind, id: row.id, name: displayName({ firstName: row.first_name, lastName: row.last_name }) };
    const phones = phonesOf(row.phones);
    if (!phones.some((p) => p.use === 'mobile' && p.e164)) report.noMobile.push(ref);
    if (!row.email) report.noEmail.push(ref);
    if (!row.has_address) report.noAddress.push(ref);
    for (const phone of phones) {
      if (!phone.e164) report.unreadableNumbers.push({ ...ref, use: phone.use, text: phone.raw });
      else {
        const list = holders.get(phone.e164) ?? [];
        if (!list.some((p) => p.kind === kind && p.id === row.id)) list.push(ref);
        holders.set(phone.e164, list);
      }
    }
  };
  for (const row of caregivers) visit('caregiver', row);
  for (const row of clients) visit('client', row);
  report.sharedNumbers = [...holders.entries()].filter(([, people]) => people.length > 1).map(([e164, people]) => ({ e164, people })).sort((a, b) => a.e164.localeCompare(b.e164));
  return report;
}

/** The report for a person: counts first, then who to fix. */
export function formatDataQuality(report: DataQualityReport, listAtMost = 10): string {
  const names = (people: PersonRef[]) => people.slice(0, listAtMost).map((p) => `${p.name} (${p.kind} ${p.id})`).join(', ') + (people.length > listAtMost ? `, and ${people.length - listAtMost} more` : '');
  const lines = [
    `Data quality of ${report.counted.caregivers} current caregivers and ${report.counted.clients} current clients:`,
    `  no mobile number a text can reach: ${report.noMobile.length}${report.noMobile.length ? ` — ${names(report.noMobile)}` : ''}`,
    `  no email: ${report.noEmail.length}`,
    `  no address: ${report.noAddress.length}${report.noAddress.length ? ` — ${names(report.noAddress)}` : ''}`,
    `  numbers that are not phone numbers: ${report.unreadableNumbers.length}${report.unreadableNumbers.length ? ` — ${report.unreadableNumbers.slice(0, listAtMost).map((u) => `${u.name}'s ${u.use} "${u.text}"`).join(', ')}` : ''}`,
    `  numbers shared by several people: ${report.sharedNumbers.length}${report.sharedNumbers.length ? ` — ${report.sharedNumbers.slice(0, listAtMost).map((s) => `${s.e164}: ${s.people.map((p) => p.name).join(' and ')}`).join('; ')}` : ''}`,
  ];
  return lines.join('\n');
}
