// The redaction the pack, the recording and the logger share: what stays (ids,
// statuses, dates of service, codes), what becomes a consistent pseudonym, and
// the shapes that defeat a naive one (cut-off JSON, a bad escape in a query,
// an unknown field, the gateway's hash).
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { loggingNotifier } from '../../src/operations/notifier.ts';
import { Redactor } from '../../src/repro/redaction.ts';

const patient = {
  resourceType: 'Patient',
  id: '50126',
  active: true,
  name: [{ use: 'official', family: 'Quintanilla', given: ['Rosalind'] }],
  telecom: [
    { system: 'phone', value: '+13035550142', use: 'mobile' },
    { system: 'email', value: 'rosalind.q@example.org', use: 'home' },
  ],
  address: [{ use: 'home', line: ['1429 Larkspur Lane'], city: 'Aurora', state: 'CO', postalCode: '80012' }],
  birthDate: '1948-06-02',
  communication: [{ coding: [{ code: 'es', display: 'Spanish' }] }],
  meta: { lastUpdated: '2026-11-19T11:24:42+00:00' },
  favourite_colour: 'teal',
};

describe('Redactor', () => {
  it('keeps ids, statuses, codes and dates of service; replaces the person with consistent pseudonyms', () => {
    const r = new Redactor();
    const out = r.json(patient) as typeof patient;
    expect(out).toMatchObject({ resourceType: 'Patient', id: '50126', active: true, meta: { lastUpdated: '2026-11-19T11:24:42+00:00' } });
    expect(out.name).toEqual([{ use: 'official', family: 'Example', given: ['Patient-1'] }]);
    expect(out.telecom[0]!.value).toBe('+17205550100');
    expect(out.telecom[1]!.value).toBe('person-1@example.invalid');
    expect(out.address[0]).toEqual({ use: 'home', line: ['1 Example Street'], city: 'Exampleville', state: 'CO', postalCode: '00000' });
    expect(out.birthDate).toBe('1948-01-01');
    expect(out.communication[0]!.coding[0]).toEqual({ code: 'es', display: 'Spanish' });
    // A field nobody listed is not trusted.
    expect(out.favourite_colour).toBe('[redacted]');
    // The same person read again gets the same pseudonyms; the next one the next.
    expect(r.json(patient)).toEqual(out);
    const other = r.json({ ...patient, id: '50127', name: [{ family: 'Okafor', given: ['Emeka'] }] }) as typeof patient;
    expect(other.name[0]!.given).toEqual(['Patient-2']);
    // Free text that mentions a value already met gets its pseudonym.
    expect(r.text('Rosalind Quintanilla called from +13035550142')).toBe('Patient-1 Example called from +17205550100');
  });

  it('birth dates keep only the year, and 90 or older not even that (Safe Harbor)', () => {
    const r = new Redactor();
    expect(r.field('birthDate', '1990-12-31')).toBe('1990-01-01');
    expect(r.field('birthDate', '1921-03-04')).toBe('1900-01-01');
  });

  it('free text is replaced by its length, and secrets wherever they appear', () => {
    const r = new Redactor();
    r.addSecret('s3cr3t-value-xyz', '$WELLSKY_CLIENT_SECRET');
    expect(r.field('generalComment', 'Client was confused and fell near the stairs')).toBe('[text, 44 characters]');
    expect(r.text('client_secret=s3cr3t-value-xyz')).toBe('client_secret=$WELLSKY_CLIENT_SECRET');
    expect(r.text(`x=${encodeURIComponent('s3cr3t-value-xyz')}`)).toBe('x=$WELLSKY_CLIENT_SECRET');
    expect(r.holdsSecret('...s3cr3t-value-xyz...')).toBe(true);
  });

  it("the gateway's hash of the Authorization header is replaced, even of a token never seen", () => {
    const r = new Redactor();
    const message = "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'q2c7mXbQ9JvL3eRrP0k1s8Zt5yWnA4uHfGdEiOoCx6M='.";
    expect(r.text(message)).toBe("Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '[hash of the Authorization header]'.");
    expect(r.holdsSecret(message)).toBe(true);
  });

  it('a query is redacted parameter by parameter; one that cannot be decoded is replaced, not kept', () => {
    const r = new Redactor();
    expect(r.url('/v1/patients/?_count=5&first_na%6De=Rosalind&mobile_phone=303-555-0142&x=%ZZ')).toBe(
      '/v1/patients/?_count=5&first_name=Patient-1&mobile_phone=(720)%20555-0100&x=%5Bundecodable%5D',
    );
  });

  it('a cut-off JSON body is redacted by its keys, and its unterminated last string dropped', () => {
    const r = new Redactor();
    const cut = '{"resourceType":"Bundle","entry":[{"resourceType":"Practitioner","id":"2004","name":[{"family":"Quintanilla","given":["Rosa';
    const out = r.body(cut);
    expect(out).toContain('"id":"2004"');
    expect(out).not.toContain('Quintanilla');
    expect(out).not.toContain('Rosa');
  });

  it('keeping health data still replaces secrets', () => {
    const r = new Redactor({ keepHealthData: true });
    r.addSecret('tok-0123456789abcdef', '$WELLSKY_TOKEN');
    expect(r.json({ family: 'Quintanilla', access_token: 'tok-0123456789abcdef' })).toEqual({ family: 'Quintanilla', access_token: '$WELLSKY_TOKEN' });
  });
});

describe('the logger', () => {
  it('passes personal and secret fields through the same redaction', () => {
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (l: string) => void lines.push(l) } });
    log.info({ to: { name: 'Rosalind Quintanilla', address: '+13035550142' }, authorization: 'Bearer 0123456789abcdef0123456789abcdef', url: 'http://h/v1/patients/?first_name=Rosalind&_count=5', status: 200 }, 'notifier: would send');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line.status).toBe(200);
    expect(JSON.stringify(line)).not.toMatch(/Rosalind|Quintanilla|3035550142|0123456789abcdef/);
    expect(line.url).toBe('http://h/v1/patients/?first_name=Patient-1&_count=5');
  });

  it("the production notifier's line says who by pseudonym, never the name, number or text", async () => {
    const lines: string[] = [];
    const notifier = loggingNotifier(createLogger({ destination: { write: (l: string) => void lines.push(l) } }));
    await notifier.send({ channel: 'sms', purpose: 'shift-offer', to: { name: 'Rosalind Quintanilla', address: '+13035550142', caregiverId: '2004' }, text: 'Can you cover Mrs Okafor at 4 pm?', about: 'appointment:7003' });
    const line = JSON.parse(lines[0]!) as { channel: string; purpose: string; to: { name: string; address: string; caregiverId: string }; msg: string };
    expect(line).toMatchObject({ channel: 'sms', purpose: 'shift-offer', to: { caregiverId: '2004' }, msg: 'notifier: would send; no sender is configured' });
    expect(lines[0]).not.toMatch(/Rosalind|Quintanilla|3035550142|Okafor|cover/);
    expect(line.to.address).toBe('+17205550100');
  });
});

// What a read-only review of the first cut found, each case as it was shown.
describe('redaction: the review findings', () => {
  it("a tag's display is kept for the plain codes only: a notes or referral tag is the agency's own words", () => {
    const r = new Redactor();
    const out = r.json({ resourceType: 'Patient', id: '1', meta: { tag: [{ code: 'isClient', display: 'true' }, { code: 'notes', display: 'Wife Martha (303) 555-0177x3 has Alzheimers' }, { code: 'referralSource', display: 'Dr. Helen Okafor, Rose Medical' }] } }) as { meta: { tag: { display: string }[] } };
    expect(out.meta.tag.map((t) => t.display)).toEqual(['true', '[text, 43 characters]', '[text, 30 characters]']);
  });

  it('ids, resource types, references and paths are never rewritten by a value met elsewhere', () => {
    const r = new Redactor();
    const out = r.json({ resourceType: 'Bundle', entry: [
      { resourceType: 'Patient', id: '50001', name: [{ given: ['Pat'] }], address: [{ postalCode: '80226' }] },
      { resourceType: 'Appointment', id: '780226', client: { reference: 'Patient/50001' } },
    ] }) as { entry: Record<string, unknown>[] };
    expect(out.entry[1]).toEqual({ resourceType: 'Appointment', id: '780226', client: { reference: 'Patient/50001' } });
    expect(r.url('https://h/v1/appointment/780226/')).toBe('https://h/v1/appointment/780226/');
    // As a whole word the value met is still replaced.
    expect(r.text('Pat called about Patient/50001')).toBe('Patient-1 called about Patient/50001');
  });

  it('numbers that are phones, zips or birth dates are redacted too', () => {
    const out = new Redactor().json({ phone: 3035550142, postalCode: 80202, latitude: 39.7, total: 12 }) as Record<string, unknown>;
    expect(out).toEqual({ phone: '7205550100', postalCode: '00000', latitude: 0, total: 12 });
  });

  it('fields named in other words, and an identifier whose system is a social security number', () => {
    const out = new Redactor().json({ social_security_number: '123456789', socialSecurityNumber: '123456789', patient_dob: '1931-02-03', clientDOB: '19310203', postcode: '80202', zip5: '80202', identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '123456789' }] });
    expect(JSON.stringify(out)).not.toMatch(/123456789|1931-02-03|19310203|80202/);
  });

  it("an error text is read after its record's fields, and phones with an extension in it are replaced", () => {
    const out = new Redactor().json({ resourceType: 'OperationOutcome', issue: [{ diagnostics: 'Patient Zelda Quorn called from 303-555-0142x12', details: { text: 'x' } }], name: 'Zelda Quorn' });
    expect(JSON.stringify(out)).not.toMatch(/Zelda|Quorn|555-0142/);
  });

  it('a cut-off gateway message loses its hash; a cut-off token is dropped even when health data is kept', () => {
    const r = new Redactor();
    const cut = "403: Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '3xj8rM5mYuzCz+0oI3jwjFcCijbRuVbfrCkCYYPiy...";
    expect(r.text(cut)).not.toContain('3xj8rM5mYuzCz');
    expect(r.holdsSecret(cut)).toBe(true);
    expect(new Redactor({ keepHealthData: true }).body('{"token_type":"BearerToken","access_token":"tok-ABCDEFGH12345')).not.toContain('ABCDEFGH');
  });

  it('a long piece of a secret counts as the secret', () => {
    const r = new Redactor();
    r.addSecret('Zq4vR9tLm2XkP7wB3nY8cH5sJ1dF6gA0', '$WELLSKY_TOKEN');
    expect(r.holdsSecret('the scheme is "Zq4vR9tLm2XkP7wB3nY8"')).toBe(true);
  });

  it('a cut-off body whose kept string ends in a backslash still drops the open one', () => {
    expect(new Redactor().body('{"message":"saved to C:\\\\","family":"Quimbyfeather')).not.toContain('Quimbyfeather');
  });

  it('the logger redacts personal fields at any depth and in any case style', () => {
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (l: string) => void lines.push(l) } });
    log.info({ caregiver: { firstName: 'Petra', lastName: 'Ivanova', mobilePhone: '3035550199', id: '2004' }, a: { b: { c: { d: { name: 'Zelda Quorn' } } } }, contact: 'petra@example.org', status: 'sent' }, 'deep');
    expect(lines[0]).not.toMatch(/Petra|Ivanova|3035550199|Zelda|Quorn|petra@example/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ caregiver: { id: '2004' }, status: 'sent' });
  });
});
