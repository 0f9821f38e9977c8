// What may leave the building. Secrets (the client id and secret, every token,
// and the gateway's hash of the Authorization header, which is derived from the
// token) are always replaced. Health data is replaced too unless the agency
// keeps it for its own use: by field, an allow-list — ids, statuses, counts,
// dates of service and codes stay, because support needs them; names, phones,
// emails, addresses, birth dates, free text and any field not known to be
// harmless are replaced, with pseudonyms that stay the same for the same value
// (`Patient-1`, 555-01xx numbers), so a pack still reads right.
// The pack, the recording and the logger (src/log.ts) all redact through here.

export type PseudonymKind = 'person' | 'given' | 'family' | 'phone' | 'email' | 'street' | 'city' | 'postal' | 'birth' | 'note' | 'secret' | 'coordinate' | 'other';

/** Fields whose values stay as they are: ids, statuses, counts, codes, dates of service. */
const KEEP = new Set([
  'id', 'resourceType', 'status', 'use', 'system', 'code', 'type', 'relation', 'total', 'totalRecords', 'active', 'is_hired',
  'preferred', 'success', 'gender', 'state', 'country', 'language', 'token_type', 'expires_in', 'issued_at', 'scope', 'grant_type',
  'refresh_token_expires_in', 'refresh_count', 'error', 'lastUpdated', 'created', 'updated', 'createdAt', 'start', 'end',
  'startDate', 'endDate', 'startDateTime', 'endDateTime', 'date', 'dateTo', 'recorded', 'executionDate', 'dueDate', 'additionalDays',
  'weekNo', 'monthNo', 'clockedOut', 'billRateMethod', 'payRateMethod', 'contentType', 'channel', 'criteria', 'reference', 'url',
  'emergencyContact', 'primaryContact', 'payer', 'poa', 'show_in_family_room', 'message_for_next_caregiver', 'mode', 'versionId',
  '_count', '_page', '_sort', '_lastUpdated', 'page', 'count', 'limit', 'offset', 'is_client', 'is_prospect', 'clientStatus', 'quantity',
  'value_type', 'activityType', 'relationship', 'maritalStatus',
  'severity',
]);

/** Error texts are evidence: kept, with secrets, hashes and any personal value in them replaced (after the record's other fields). */
const ERROR_TEXT = new Set(['message', 'error_description', 'diagnostics', 'detail', 'Message', 'error_message']);

/** The tags whose display is a code's name, not the agency's own words (a `notes` or `referralSource` tag is free text). */
const PLAIN_TAGS = new Set(['isClient', 'isHired', 'status', 'agencyId', 'locationId', 'is_client', 'is_hired']);

const PERSON_TYPES = new Set(['Patient', 'Practitioner', 'RelatedPerson', 'Person']);

/** Fields that hold a kind of personal data, by name (lower case). */
const KINDS: [RegExp, PseudonymKind][] = [
  [/^(client_secret|password|pass|secret|private_key|access_token|auth_token|graphql_token|drf_token|refresh_token|api_key|apikey|token|signature|bearer|authorization|cookie|set-cookie|client_id)$/, 'secret'],
  [/^(given|first_name|firstname|givenname)$/, 'given'],
  [/^(family|last_name|lastname|familyname|maiden_name)$/, 'family'],
  [/^(name|display|full_name|fullname|community_name|contact_name|caller_name)$/, 'person'],
  [/(phone|mobile|fax|telecom|tel)$/, 'phone'],
  [/(email|e_mail)$/, 'email'],
  [/^(line|street|address|address1|address2|line1|line2)$/, 'street'],
  [/^(city|district|county|town)$/, 'city'],
  [/(zip|postcode|postal)/, 'postal'],
  [/(birth|dob$|^dob|deceased)/, 'birth'],
  [/(^|_)ssn$|^ssn|social_?security/, 'note'],
  [/^(latitude|longitude|lat|lng|lon)$/, 'coordinate'],
  [/^(text|note|notes|comment|comments|generalcomment|description|title|valuestring|payload|data|reason|tags)$/, 'note'],
];

/** The kind of a field by its name, or `keep` when its value is harmless. */
export function fieldKind(field: string): PseudonymKind | 'keep' {
  if (KEEP.has(field) || ERROR_TEXT.has(field)) return 'keep';
  if (/(^id$|Id$|_id$|Ids$|_ids$)/.test(field)) return 'keep';
  const lower = field.toLowerCase();
  for (const [pattern, kind] of KINDS) if (pattern.test(lower)) return kind;
  return 'other';
}

/** The logger's redact paths (src/log.ts): the personal and secret fields above, at the top and two levels down. */
export function loggerRedactPaths(): string[] {
  const fields = ['name', 'given', 'family', 'first_name', 'last_name', 'phone', 'mobile_phone', 'home_phone', 'work_phone', 'email', 'address', 'line', 'city', 'postalCode', 'birthDate', 'text', 'note', 'comment', 'message_text', 'ssn', 'authorization', 'cookie', 'client_secret', 'client_id', 'access_token', 'auth_token', 'token', 'to', 'from', 'caller', 'number', 'url', 'body', 'query'];
  return fields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);
}

export interface RedactionOptions {
  /** Keep health data (names, phones, notes…): the agency's own use only. Secrets are replaced whatever this says. */
  keepHealthData?: boolean;
  /** What "now" is, for the Safe Harbor age rule on birth years (default: the system's time). */
  now?: () => number;
}

// The gateway's 403 quotes a hash of the Authorization header: it identifies the token and proves nothing to support.
// Its closing quote may be cut off (a summary of the body), and the hash with it.
const GATEWAY_HASH = /(hashed with SHA-256 and encoded with Base64\):\s*')(?!\[hash of)[^'\s]*'?/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Ten or more digits written as a phone is: +1 (303) 555-0142, 303.555.0142, 3035550142, 303-555-0142x12.
const PHONE = /(?<![\w-])\+?1?[\s.-]?\(?\d{3}\)?[\s./-]?\d{3}[\s.-]?\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w-])/g;
const EMAIL_ONLY = /^[^\s@]+@[^\s@]+$/;
const PHONE_ONLY = /^\s*\+?[\d\s().-]{10,20}\s*$/;
const HARMLESS_SHAPE = /^(-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?|\d{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|true|false|[A-Z][A-Za-z]+\/\d+)$/;

const ROLE_BY_COLLECTION: Record<string, string> = { patients: 'Patient', practitioners: 'Practitioner', relatedperson: 'RelatedPerson' };

export class Redactor {
  private readonly secrets = new Map<string, string>();
  private readonly seen = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly people = new Map<string, string>();
  // Pseudonyms already given: met again (in text built from redacted parts), they stay.
  private readonly given = new Set<string>();
  readonly keepHealthData: boolean;
  private readonly now: () => number;

  constructor(options: RedactionOptions = {}) {
    this.keepHealthData = options.keepHealthData ?? false;
    this.now = options.now ?? Date.now;
  }

  /** A value that must never be written, and the placeholder that stands for it (e.g. `$WELLSKY_CLIENT_SECRET`). */
  addSecret(value: string | undefined, placeholder: string): void {
    if (!value || value.length < 4 || this.secrets.has(value)) return;
    this.secrets.set(value, placeholder);
    // Encoded forms travel too: a form body, a URL, a base64 Basic header.
    for (const form of [encodeURIComponent(value), Buffer.from(value).toString('base64')]) if (form !== value && !this.secrets.has(form)) this.secrets.set(form, placeholder);
  }

  /** Whether a text still holds a secret (or a long piece of one) or an unreplaced gateway hash. */
  holdsSecret(text: string): boolean {
    for (const secret of this.secrets.keys()) {
      if (text.includes(secret)) return true;
      // A message may quote the start of a token: any 16 characters of a long secret count.
      if (secret.length >= 20) for (let i = 0; i + 16 <= secret.length; i += 4) if (text.includes(secret.slice(i, i + 16))) return true;
    }
    return [...text.matchAll(GATEWAY_HASH)].length > 0;
  }

  /** Secrets and the gateway's hash replaced; nothing else touched (ids, paths, codes). */
  secretsOnly(value: string): string {
    let out = value;
    // Longest first, so a token that contains another secret is replaced whole.
    for (const [secret, placeholder] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) out = out.split(secret).join(placeholder);
    return out.replace(GATEWAY_HASH, '$1[hash of the Authorization header]\'');
  }

  /** Free text: secrets, the gateway's hash, and every personal value already met (as a whole word) or shaped like a phone or email. */
  text(value: string): string {
    const out = this.secretsOnly(value);
    if (this.keepHealthData) return out;
    return this.seenPattern()
      .reduce((text, pattern) => text.replace(pattern, (m) => this.seen.get(m) ?? m), out)
      .replace(EMAIL, (m) => this.pseudonym('email', m))
      .replace(PHONE, (m) => this.pseudonym('phone', m));
  }

  private seenCache: { size: number; patterns: RegExp[] } = { size: 0, patterns: [] };

  /** The values met so far as whole-word patterns, longest first, in chunks a RegExp takes comfortably. */
  private seenPattern(): RegExp[] {
    if (this.seenCache.size === this.seen.size) return this.seenCache.patterns;
    const values = [...this.seen.keys()].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
    const patterns: RegExp[] = [];
    for (let i = 0; i < values.length; i += 200) {
      const alternatives = values.slice(i, i + 200).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      // Not inside a longer word or number: "Pat" in "Patient", "80226" in "780226" stay.
      patterns.push(new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'gu'));
    }
    this.seenCache = { size: this.seen.size, patterns };
    return patterns;
  }

  /** A JSON value, field by field. `role` names whose record this is (Patient, Practitioner…) for readable pseudonyms. */
  json(value: unknown, field?: string, role?: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.json(v, field, role));
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const recordRole = typeof record.resourceType === 'string' && record.resourceType !== 'Bundle' ? `${record.resourceType}:${String(record.id ?? '')}` : role;
      const out: Record<string, unknown> = {};
      const coding = 'code' in record || 'system' in record;
      // An identifier whose system says it is a social security number.
      const ssn = typeof record.system === 'string' && /ssn|social.?security/i.test(record.system);
      // This record's own values first, then what it holds, then error texts: an error that
      // quotes a name or number of the record (or of one inside it) meets it already known.
      const nested: string[] = [];
      const texts: string[] = [];
      for (const [k, v] of Object.entries(record)) {
        if (ERROR_TEXT.has(k) && typeof v === 'string') texts.push(k);
        else if (v !== null && typeof v === 'object') nested.push(k);
        else if (k === 'display' && typeof v === 'string' && coding) out[k] = this.display(record, field, v);
        else if (ssn && k === 'value' && !this.keepHealthData) out[k] = '[redacted]';
        else out[k] = this.json(v, k, recordRole);
      }
      for (const k of nested) out[k] = this.json(record[k], k, recordRole);
      for (const k of texts) out[k] = this.text(record[k] as string);
      return Object.fromEntries(Object.keys(record).map((k) => [k, out[k]]));
    }
    if (typeof value === 'string') return this.field(field, value, role);
    if (typeof value === 'number' && field && !this.keepHealthData) {
      const kind = fieldKind(field);
      if (kind === 'coordinate') return 0;
      // A phone, zip or birth date sent as a number is still one.
      if (kind !== 'keep' && kind !== 'other') return this.field(field, String(value), role);
    }
    return value;
  }

  /** A coding's display names its code ("English", "Active"); a tag's may be the agency's own words (a `notes` tag). */
  private display(record: Record<string, unknown>, field: string | undefined, value: string): string {
    if (field !== 'tag' || PLAIN_TAGS.has(String(record.code))) return this.secretsOnly(value);
    return this.keepHealthData ? this.secretsOnly(value) : this.pseudonym('note', value);
  }

  /** A value shaped like an email or a phone, as its pseudonym; anything else as it is. */
  shaped(value: string): string {
    if (this.keepHealthData) return value;
    if (EMAIL_ONLY.test(value)) return this.pseudonym('email', value);
    if (PHONE_ONLY.test(value) && value.replace(/\D/g, '').length >= 10) return this.pseudonym('phone', value);
    return value;
  }

  /** One field's string value. */
  field(field: string | undefined, value: string, role?: string): string {
    const kind = field === undefined ? 'other' : fieldKind(field);
    if (kind === 'secret') return this.secrets.get(value) ?? '[secret]';
    if (kind === 'keep') return field === 'url' || field === 'reference' ? this.url(value) : field !== undefined && ERROR_TEXT.has(field) ? this.text(value) : this.secretsOnly(value);
    if (this.keepHealthData) return this.secretsOnly(value);
    // Whatever the field is called, a value shaped like an email or a phone gets that pseudonym (an `address` may be either).
    const shaped = kind === 'birth' ? value : this.shaped(value);
    if (shaped !== value) return shaped;
    // A field not known either way: kept only when its shape says it cannot be about a person.
    if (kind === 'other' && (value.trim() === '' || HARMLESS_SHAPE.test(value))) return value;
    return this.pseudonym(kind, value, role);
  }

  /** A URL or path with a query: the path as it is (ids), each parameter by its name (one that cannot be decoded is replaced). */
  url(value: string): string {
    const q = value.indexOf('?');
    if (q < 0) return this.secretsOnly(value);
    // Whose names a search asks for, by its collection: /v1/patients/?first_name=… is a Patient's.
    const collection = /\/v1\/([A-Za-z]+)\//.exec(value.slice(0, q))?.[1]?.toLowerCase();
    const role = collection ? `${ROLE_BY_COLLECTION[collection] ?? 'Person'}:` : undefined;
    const params = value
      .slice(q + 1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const rawName = eq < 0 ? pair : pair.slice(0, eq);
        let name: string;
        let v: string;
        try {
          name = decodeURIComponent(rawName.replace(/\+/g, ' '));
          v = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
        } catch {
          return `${encodeURIComponent(this.secretsOnly(rawName))}=${encodeURIComponent('[undecodable]')}`;
        }
        return eq < 0 ? encodeURIComponent(this.secretsOnly(name)) : `${encodeURIComponent(this.secretsOnly(name))}=${encodeURIComponent(this.field(name, v, role))}`;
      });
    return `${this.secretsOnly(value.slice(0, q))}?${params.join('&')}`;
  }

  /** A body as sent or received: JSON field by field; anything else (an HTML page, cut-off JSON) by its string literals and as text. */
  body(text: string): string {
    try {
      return JSON.stringify(this.json(JSON.parse(text)));
    } catch {
      // Cut-off JSON still holds whole "key": "value" pairs: redact each value by its key.
      let lastKey: string | undefined;
      const out = text.replace(/"((?:[^"\\]|\\.)*)"(\s*:)?/g, (match, inner: string, colon?: string) => {
        if (colon) {
          lastKey = inner;
          return match;
        }
        let decoded: string;
        try {
          decoded = JSON.parse(`"${inner}"`) as string;
        } catch {
          decoded = inner;
        }
        return JSON.stringify(this.field(lastKey, decoded));
      });
      // An unterminated last string: nothing of it stays (a secret's never, whatever the mode).
      const open = openStringAt(out);
      const secretKey = lastKey !== undefined && fieldKind(lastKey) === 'secret';
      return this.text(open >= 0 && (!this.keepHealthData || secretKey) ? `${out.slice(0, open)}"[cut off]` : out);
    }
  }

  /** The same pseudonym for the same value, every time. */
  pseudonym(kind: PseudonymKind, value: string, role?: string): string {
    if (this.given.has(value)) return value;
    const known = this.seen.get(value);
    if (known !== undefined && kind !== 'note' && kind !== 'secret') return known;
    const n = (c: string) => {
      const next = (this.counters.get(c) ?? 0) + 1;
      this.counters.set(c, next);
      return next;
    };
    let out: string;
    switch (kind) {
      case 'given':
      case 'family':
      case 'person': {
        const label = this.personLabel(role);
        out = kind === 'given' ? label : kind === 'family' ? 'Example' : `${label} Example`;
        break;
      }
      case 'phone': {
        // 555-0100 to 555-0199 are the fictional numbers; past a hundred people the area code moves on.
        const i = n('phone') - 1;
        const local = `${720 + Math.floor(i / 100)}5550${100 + (i % 100)}`;
        out = value.trim().startsWith('+') ? `+1${local}` : /^\d+$/.test(value.trim()) ? local : `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`;
        break;
      }
      case 'email':
        out = `person-${n('email')}@example.invalid`;
        break;
      case 'street':
        out = `${n('street')} Example Street`;
        break;
      case 'city':
        out = 'Exampleville';
        break;
      case 'postal':
        out = '00000';
        break;
      case 'birth': {
        // Safe Harbor keeps the year, except for anyone 90 or older.
        const year = Number(/^(\d{4})/.exec(value)?.[1]);
        out = Number.isFinite(year) && year > new Date(this.now()).getUTCFullYear() - 90 ? `${year}-01-01` : '1900-01-01';
        break;
      }
      case 'note':
        out = `[text, ${[...value].length} characters]`;
        // Remembered (when short enough to be quoted) so an error that echoes it is redacted too.
        if (value.length >= 4 && value.length <= 200) this.seen.set(value, out);
        return out;
      case 'secret':
        return '[secret]';
      case 'coordinate':
        out = '0';
        break;
      default:
        if (value.length >= 4 && value.length <= 200) this.seen.set(value, '[redacted]');
        return '[redacted]';
    }
    if (value.length >= 3) this.seen.set(value, out);
    this.given.add(out);
    return out;
  }

  /** `Patient-1`, `Practitioner-2`: one label per record, numbered per kind in the order met. */
  private personLabel(role?: string): string {
    const [given = 'Person', id = ''] = (role ?? 'Person:').split(':');
    // A name inside an appointment or an error is a person's, not the appointment's.
    const type = PERSON_TYPES.has(given) ? given : 'Person';
    const key = `${type}:${id || `anon-${this.people.size}`}`;
    let label = this.people.get(key);
    if (!label) {
      const count = [...this.people.keys()].filter((k) => k.startsWith(`${type}:`)).length + 1;
      label = `${type === 'Practitioner' ? 'Caregiver' : type}-${count}`;
      this.people.set(key, label);
    }
    return label;
  }
}

/** Where a string left open at the end of a cut-off JSON text starts, or -1 (escapes honoured). */
function openStringAt(text: string): number {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (start < 0) {
      if (c === '"') start = i;
    } else if (c === '\\') i++;
    else if (c === '"') start = -1;
  }
  return start;
}
