// The data-quality report over a cache holding people with known defects:
// every list names exactly the people who have the defect, current people only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/cache/database.ts';
import { migrate } from '../../src/cache/migrate.ts';
import { caregiverRow, clientRow } from '../../src/cache/people.ts';
import { replaceAll } from '../../src/cache/people-cache.ts';
import { dataQuality, formatDataQuality } from '../../src/operations/data-quality.ts';
import { FakeClock } from '../support/fake-clock.ts';

const tags = (pairs: Record<string, string>) => ({ tag: Object.entries(pairs).map(([code, display]) => ({ code, display })) });
const person = (id: string, given: string, family: string, extra: Record<string, unknown>) => ({ id, name: [{ family, given: [given] }], active: true, ...extra });
const address = [{ line: ['1 Fictional Way'], city: 'Golden', state: 'CO' }];

describe('data-quality report', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase({});
    await migrate(db, new FakeClock());
    const caregivers = [
      // Complete.
      person('2001', 'Avery', 'Quill', { telecom: [{ system: 'phone', value: '303-555-0101', use: 'mobile' }, { system: 'email', value: 'avery@example.org' }], address, meta: tags({ isHired: 'true' }) }),
      // Only a home number, no email, no address; shares the client's number.
      person('2002', 'Blair', 'Noor', { telecom: [{ system: 'phone', value: '(303) 555-0102', use: 'home' }], meta: tags({ isHired: 'true' }) }),
      // A mobile that is not a phone number.
      person('2003', 'Casey', 'Wren', { telecom: [{ system: 'phone', value: '5235550191', use: 'mobile' }, { system: 'email', value: 'casey@example.org' }], address, meta: tags({ isHired: 'true' }) }),
      // An applicant: not counted, whatever is missing.
      person('2004', 'Drew', 'Applicant', { telecom: [], meta: tags({ isHired: 'false' }) }),
    ].map(caregiverRow);
    const clients = [
      person('5001', 'Emery', 'Stone', { telecom: [{ system: 'phone', value: '3035550102', use: 'home' }, { system: 'phone', value: '720.555.0150', use: 'mobile' }], address, meta: tags({ isClient: 'true' }) }),
      // A lead: not counted.
      person('5002', 'Finley', 'Lead', { active: false, telecom: [], meta: tags({ isClient: 'false' }) }),
    ].map(clientRow);
    await db.transaction((tx) => replaceAll(tx, { caregivers, clients, family: [] }, Date.parse('2026-11-28T12:00:00Z')));
  });
  afterEach(async () => {
    await db.close();
  });

  it('lists exactly the current people with each defect', async () => {
    const report = await dataQuality(db);
    const ids = (list: { id: string }[]) => list.map((p) => p.id);
    expect(report.counted).toEqual({ caregivers: 3, clients: 1 });
    expect(ids(report.noMobile)).toEqual(['2002', '2003']);
    expect(ids(report.noEmail)).toEqual(['2002', '5001']);
    expect(ids(report.noAddress)).toEqual(['2002']);
    expect(report.unreadableNumbers).toEqual([{ kind: 'caregiver', id: '2003', name: 'Casey Wren', use: 'mobile', text: '5235550191' }]);
    expect(report.sharedNumbers).toEqual([{ e164: '+13035550102', people: [{ kind: 'caregiver', id: '2002', name: 'Blair Noor' }, { kind: 'client', id: '5001', name: 'Emery Stone' }] }]);
  });

  it('says the counts first, then who to fix', async () => {
    const text = formatDataQuality(await dataQuality(db));
    expect(text.split('\n')[0]).toBe('Data quality of 3 current caregivers and 1 current clients:');
    expect(text).toContain('no mobile number a text can reach: 2 — Blair Noor (caregiver 2002), Casey Wren (caregiver 2003)');
    expect(text).toContain('+13035550102: Blair Noor and Emery Stone');
  });
});
