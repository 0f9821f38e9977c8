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
