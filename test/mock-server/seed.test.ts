// The synthetic agency, checked for what a person using the mock would notice:
// it repeats for a seed, its proportions look like a real agency's, its phone
// numbers are all fictional, its schedule has the live API's quirks, and every
// record is what the spec says it is.
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../mock-server/core/schema-registry.ts';
import { loadSpec } from '../../mock-server/core/spec-document.ts';
import { generateAgency, phoneDigits, resolveSize, sharedPhones, type AgencyData } from '../../mock-server/seed/agency.ts';

const TODAY = '2026-03-10'; // the window spans the 8 March DST switch in Denver

const tag = (record: { meta?: { tag?: { code: string; display?: string }[] } }, code: string) => record.meta?.tag?.find((t) => t.code === code)?.display;

function people(data: AgencyData) {
  return [...data.practitioners, ...data.patients, ...data.relatedPersons];
}

function allPhoneValues(data: AgencyData): string[] {
  const holders = [...people(data), ...data.locations, ...data.organizations, ...data.referralSources];
  return holders.flatMap((r) => (r.telecom ?? []).filter((t) => t.system === 'phone').map((t) => t.value ?? ''));
}

const tiny = generateAgency({ seed: 1, size: 'tiny', today: TODAY });
const small = generateAgency({ seed: 1, size: 'small', today: TODAY });
const medium = generateAgency({ seed: 7, size: 'medium', today: TODAY });

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed, size and today', () => {
    const again = generateAgency({ seed: 1, size: 'small', today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
  });

  it('gives different people for a different seed', () => {
    const other = generateAgency({ seed: 2, size: 'small', today: TODAY });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(small));
    expect(other.practitioners.map((p) => p.name[0]?.family)).not.toEqual(small.practitioners.map((p) => p.name[0]?.family));
  });
});

describe('size', () => {
  it('resolves the named sizes and accepts whole numbers', () => {
    expect([resolveSize('tiny'), resolveSize('small'), resolveSize('medium'), resolveSize('large')]).toEqual([40, 300, 2000, 20000]);
    expect(resolveSize(1)).toBe(1);
    expect(resolveSize(50_000)).toBe(50_000);
  });

  it('counts practitioners plus patients, about 44% practitioners', () => {
    expect(tiny.practitioners.length + tiny.patients.length).toBe(40);
    expect(tiny.practitioners.length).toBe(18);
    expect(tiny.patients.length).toBe(22);
    expect(medium.practitioners.length / 2000).toBeCloseTo(0.44, 2);
  });

  it('refuses a bad size with a message naming size and the accepted values', () => {
    for (const bad of ['huge', 0, -3, 1.5, 50_001, Number.NaN] as const) {
      expect(() => generateAgency({ seed: 1, size: bad as never, today: TODAY })).toThrow(/size.*tiny.*small.*medium.*large.*1 to 50000/);
    }
  });

  it('refuses a malformed today and an unknown time zone', () => {
    expect(() => generateAgency({ seed: 1, size: 'tiny', today: '2026-02-30' })).toThrow(/today/);
    expect(() => generateAgency({ seed: 1, size: 'tiny', today: TODAY, timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });

  it('handles the smallest agencies', () => {
    for (const size of [1, 2, 5]) {
      const data = generateAgency({ seed: 3, size, today: TODAY });
      expect(data.practitioners.length + data.patients.length).toBe(size);
    }
  });
});

describe('practitioners', () => {
  it('has about 1 in 15 active and hired', () => {
    const activeHired = medium.practitioners.filter((p) => p.active === true && tag(p, 'isHired') === 'true');
    const ratio = medium.practitioners.length / activeHired.length;
    expect(ratio).toBeGreaterThan(11);
    expect(ratio).toBeLessThan(20);
    for (const p of activeHired) expect(tag(p, 'status')).toBe('100');
  });

  it('puts most through the funnel without hiring them, and keeps some hired but inactive', () => {
    const notHired = medium.practitioners.filter((p) => tag(p, 'isHired') === 'false').length;
    expect(notHired / medium.practitioners.length).toBeGreaterThan(0.6);
    expect(medium.practitioners.some((p) => tag(p, 'isHired') === 'true' && p.active === false)).toBe(true);
    const statuses = new Set(medium.practitioners.map((p) => tag(p, 'status')));
    for (const s of ['10', '15', '18', '20', '25', '30', '40', '50', '60', '70', '80', '90', '100', '110']) expect(statuses).toContain(s);
  });

  it('leaves about 1 in 5 without a phone, an email or a city', () => {
    const lacking = medium.practitioners.filter(
      (p) => !p.telecom?.some((t) => t.system === 'phone') || !p.telecom?.some((t) => t.system === 'email') || !p.address?.[0]?.city,
    ).length;
    expect(lacking / medium.practitioners.length).toBeGreaterThan(0.12);
    expect(lacking / medium.practitioners.length).toBeLessThan(0.3);
  });

  it('tags every language other than English as a profile tag', () => {
    const languageTags = new Map(medium.profileTags.filter((t) => t.type === 'language').map((t) => [t.name, t.id]));
    let speakers = 0;
    for (const p of medium.practitioners) {
      const tagIds = (tag(p, 'profileTags') ?? '').split(',');
      for (const c of p.communication ?? []) {
        const display = c.coding?.[0]?.display;
        if (!display || display === 'English') continue;
        speakers++;
        expect(tagIds).toContain(languageTags.get(display));
      }
    }
    expect(speakers).toBeGreaterThan(0);
  });
});

describe('patients', () => {
  it('has 15–20% active clients and prospects with low statuses', () => {
    const clients = medium.patients.filter((p) => tag(p, 'status') === '80');
    expect(clients.length / medium.patients.length).toBeGreaterThanOrEqual(0.15);
    expect(clients.length / medium.patients.length).toBeLessThanOrEqual(0.2);
    for (const c of clients) expect(tag(c, 'isClient')).toBe('true');
    const prospects = medium.patients.filter((p) => tag(p, 'isClient') === 'false' && ['1', '10', '20', '30', '40'].includes(tag(p, 'status') ?? ''));
    expect(prospects.length).toBeGreaterThan(medium.patients.length / 4);
  });

  it('gives contacts to about half the active clients, linked to real patients', () => {
    const clientIds = new Set(medium.patients.filter((p) => tag(p, 'status') === '80').map((p) => p.id));
    const withContacts = new Set(medium.relatedPersons.map((r) => (r.patient as { id: string }).id));
    for (const id of withContacts) expect(clientIds.has(id)).toBe(true);
    expect(withContacts.size / clientIds.size).toBeGreaterThan(0.35);
    expect(withContacts.size / clientIds.size).toBeLessThan(0.65);
  });
});

describe('phone numbers', () => {
  it('are all fictional NPA-555-01XX numbers, however they are spelled', () => {
    for (const data of [tiny, small, medium]) {
      for (const value of allPhoneValues(data)) {
        const digits = phoneDigits(value);
        expect(digits, value).toMatch(/^[2-9]\d{9}$/);
        expect(digits.slice(3, 8), value).toBe('55501');
      }
    }
  });

  it('come in mixed formats, some work numbers with an extension', () => {
    const values = allPhoneValues(medium);
    expect(values.some((v) => /^\d{10}$/.test(v))).toBe(true);
    expect(values.some((v) => /^\(\d{3}\) \d{3}-\d{4}$/.test(v))).toBe(true);
    expect(values.some((v) => /^\d{3}\.\d{3}\.\d{4}$/.test(v))).toBe(true);
    expect(values.some((v) => /^\+1 /.test(v))).toBe(true);
    expect(values.some((v) => /x\d+$/.test(v))).toBe(true);
  });

  it('are shared only where the seed planted it, and it always plants some', () => {
    for (const data of [tiny, small, medium]) {
      expect(data.defects.sharedPhones.length).toBeGreaterThan(0);
      expect(sharedPhones(data)).toEqual(data.defects.sharedPhones);
    }
  });

  it('are mostly distinct', () => {
    const digits = people(medium).flatMap((r) => (r.telecom ?? []).filter((t) => t.system === 'phone').map((t) => phoneDigits(t.value ?? '')));
    expect(new Set(digits).size / digits.length).toBeGreaterThan(0.99);
  });

  it('use example domains for email', () => {
    const emails = people(medium).flatMap((r) => (r.telecom ?? []).filter((t) => t.system === 'email').map((t) => t.value ?? ''));
    expect(emails.length).toBeGreaterThan(0);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@example\.(org|com|net)$/);
  });
});

describe('schedule', () => {
  const localHour = (utc: string) =>
    Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', hour: 'numeric', hourCycle: 'h23' }).format(new Date(utc)));

  it('covers today−14 … today+14, in UTC', () => {
    for (const a of medium.appointments) {
      expect(a.start).toMatch(/\+00:00$/);
      expect(a.start >= '2026-02-24' && a.start < '2026-03-26').toBe(true);
    }
  });

  it('has overnight shifts that end before they start on the local clock', () => {
    for (const data of [tiny, small]) {
      const overnight = data.appointments.filter((a) => localHour(a.start) === 22 && localHour(a.end) === 6);
      expect(overnight.length).toBeGreaterThan(0);
    }
  });

  it('keeps the wall clock across the DST switch (the overnight into 8 March is 7 hours)', () => {
    const night = medium.appointments.find((a) => a.start === '2026-03-08T05:00:00+00:00' && localHour(a.start) === 22);
    expect(night?.end).toBe('2026-03-08T12:00:00+00:00');
  });

  it('reuses one id across the dates of a recurring series', () => {
    for (const data of [tiny, small]) {
      const dates = new Map<string, Set<string>>();
      for (const a of data.appointments) dates.set(a.id, (dates.get(a.id) ?? new Set()).add(a.start.slice(0, 10)));
      expect([...dates.values()].some((d) => d.size >= 3)).toBe(true);
    }
  });

  it('staffs shifts with active hired caregivers, plus a few open ones', () => {
    const staff = new Set(medium.practitioners.filter((p) => p.active && tag(p, 'isHired') === 'true').map((p) => p.id));
    const clients = new Set(medium.patients.filter((p) => tag(p, 'status') === '80').map((p) => p.id));
    for (const a of medium.appointments) {
      if (a.caregiver) expect(staff.has(a.caregiver.id)).toBe(true);
      expect(clients.has(a.client.id)).toBe(true);
    }
    const open = medium.appointments.filter((a) => !a.caregiver);
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(medium.appointments.length / 20);
  });

  it('completes the past and schedules the future, with a few cancellations', () => {
    const past = medium.appointments.filter((a) => a.start < '2026-03-09');
    const future = medium.appointments.filter((a) => a.start > '2026-03-11');
    expect(new Set(past.map((a) => a.status))).toEqual(new Set(['COMPLETED', 'CANCELLED']));
    expect(new Set(future.map((a) => a.status))).toEqual(new Set(['SCHEDULED', 'CANCELLED']));
  });

  it('double-books only where the seed planted a conflict', () => {
    const byCaregiver = new Map<string, { id: string; start: number; end: number }[]>();
    for (const a of medium.appointments) {
      if (!a.caregiver || a.status === 'CANCELLED') continue;
      const list = byCaregiver.get(a.caregiver.id) ?? [];
      list.push({ id: a.id, start: Date.parse(a.start), end: Date.parse(a.end) });
      byCaregiver.set(a.caregiver.id, list);
    }
    const overlapping = new Set<string>();
    for (const [caregiver, list] of byCaregiver) {
      list.sort((x, y) => x.start - y.start);
      for (let i = 1; i < list.length; i++) {
        if ((list[i] as { start: number }).start < (list[i - 1] as { end: number }).end) overlapping.add(caregiver);
      }
    }
    expect(medium.defects.scheduleConflicts.length).toBeGreaterThan(0);
    expect([...overlapping].sort()).toEqual([...new Set(medium.defects.scheduleConflicts.map((c) => c.caregiverId))].sort());
  });

  it('has an encounter for every completed shift and a few in progress today', () => {
    const completed = medium.appointments.filter((a) => a.status === 'COMPLETED');
    const done = medium.encounters.filter((e) => e.status === 'COMPLETE');
    expect(done.length).toBe(completed.length);
    const byKey = new Set(completed.map((a) => `${a.id}|${a.caregiver?.id}|${a.client.id}`));
    for (const e of done) {
      expect(e.clockedOut).toBe(true);
      expect(e.period?.end).toBeDefined();
      expect(byKey.has(`${e.appointmentId}|${e.caregiver?.id}|${e.client?.id}`)).toBe(true);
    }
    const running = medium.encounters.filter((e) => e.status === 'IN_PROGRESS');
    expect(running.length).toBeGreaterThan(0);
    for (const e of running) {
      expect(e.clockedOut).toBe(false);
      expect(e.period?.end).toBeUndefined();
      expect((e.period?.start ?? '').slice(0, 10) >= '2026-03-10').toBe(true);
    }
  });
});

describe('ids', () => {
  it('are numeric strings, unique per resource (a series id repeats only within appointments)', () => {
    const groups: [string, { id: string }[]][] = [
      ['practitioners', medium.practitioners],
      ['patients', medium.patients],
      ['relatedPersons', medium.relatedPersons],
      ['encounters', medium.encounters],
      ['profileTags', medium.profileTags],
      ['locations', medium.locations],
      ['organizations', medium.organizations],
      ['referralSources', medium.referralSources],
    ];
    const seen = new Map<string, string>();
    for (const [name, records] of groups) {
      expect(new Set(records.map((r) => r.id)).size, name).toBe(records.length);
      for (const { id } of records) {
        expect(id).toMatch(/^\d+$/);
        expect(seen.get(id), `${name} ${id}`).toBeUndefined();
        seen.set(id, name);
      }
    }
    for (const a of medium.appointments) expect(seen.has(a.id)).toBe(false);
    expect(medium.organizations[0]?.id).toBe(medium.agencyId);
  });
});

describe('every record against the spec', () => {
  const registry = createSchemaRegistry(loadSpec());
  const kinds = [
    ['practitioners', 'Practitioner'],
    ['patients', 'Patient'],
    ['relatedPersons', 'RelatedPerson'],
    ['profileTags', 'ProfileTag'],
    ['locations', 'Location'],
    ['organizations', 'Organization'],
    ['referralSources', 'ReferralSource'],
    ['appointments', 'Appointment'],
    ['encounters', 'Encounter'],
  ] as const;

  for (const [field, schema] of kinds) {
    it(`${field} are valid ${schema}s`, () => {
      const validate = registry.byPointer(`#/components/schemas/${schema}`);
      for (const data of [tiny, medium]) {
        const records: unknown[] = data[field];
        expect(records.length, field).toBeGreaterThan(0);
        for (const record of records) {
          if (!validate(record)) expect.fail(`${schema} ${JSON.stringify(record)}: ${JSON.stringify(validate.errors)}`);
        }
      }
    });
  }
});

describe('the agency\'s today', () => {
  it('is its local date: in a Denver evening past UTC midnight, tonight\'s shifts are still to come', async () => {
    const { createSimulator } = await import('../../mock-server/core/simulator.ts');
    // 21:30 on 26 November in Denver is already 27 November in UTC.
    const now = Date.parse('2026-11-27T04:30:00Z');
    const simulator = createSimulator({ seed: 5, size: 'small', now: () => now });
    const appointments = simulator.state().store.appointments.all();
    const done = appointments.filter((a) => a.status === 'COMPLETED');
    expect(done.length).toBeGreaterThan(0);
    for (const a of done) expect(Date.parse(String(a.end)) < now, `${a.id} ends ${String(a.end)}`).toBe(true);
    // Tomorrow (local) has shifts that are merely scheduled.
    expect(appointments.some((a) => String(a.start) > '2026-11-27T13:00:00' && a.status === 'SCHEDULED')).toBe(true);
    for (const e of simulator.state().store.encounters.all()) {
      expect(Date.parse(String((e.period as { start: string }).start)) < now + 15 * 60_000, e.id).toBe(true);
    }
  });
});
