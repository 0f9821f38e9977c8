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
  // Error texts are evidence: kept, with secrets, hashes and any personal value in them replaced.
  'message', 'error_description', 'diagnostics', 'detail', 'severity',
]);

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
  [/^(postalcode|postal_code|zip|zipcode|zip_code)$/, 'postal'],
  [/^(birthdate|birth_date|dob|dateofbirth|date_of_birth|deceaseddatetime)$/, 'birth'],
  [/^(latitude|longitude|lat|lng|lon)$/, 'coordinate'],
  [/^(text|note|notes|comment|comments|generalcomment|description|title|valuestring|payload|data|reason|tags|ssn)$/, 'note'],
];

/** The kind of a field by its name, or `keep` when its value is harmless. */
export function fieldKind(field: string): PseudonymKind | 'keep' {
  if (KEEP.has(field)) return 'keep';
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
}

// The gateway's 403 quotes a hash of the Authorization header: it identifies the token and proves nothing to support.
const GATEWAY_HASH = /(hashed with SHA-256 and encoded with Base64\):\s*')[^']*(')/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Ten or more digits written as a phone is: +1 (303) 555-0142, 303.555.0142, 3035550142.
const PHONE = /(?<![\w/=-])\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])/g;
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

  constructor(options: RedactionOptions = {}) {
    this.keepHealthData = options.keepHealthData ?? false;
  }

  /** A value that must never be written, and the placeholder that stands for it (e.g. `$WELLSKY_CLIENT_SECRET`). */
  addSecret(value: string | undefined, placeholder: string): void {
    if (!value || value.length < 4 || this.secrets.has(value)) return;
    this.secrets.set(value, placeholder);
    // Encoded forms travel too: a form body, a URL, a base64 Basic header.
    for (const form of [encodeURIComponent(value), Buffer.from(value).toString('base64')]) if (form !== value && !this.secrets.has(form)) this.secrets.set(form, placeholder);
  }

  /** The placeholders in use, value → placeholder (the replay script maps them back to variables). */
  placeholders(): string[] {
    return [...new Set(this.secrets.values())];
  }

  /** Whether a text still holds a secret value or an unreplaced gateway hash. */
  holdsSecret(text: string): boolean {
    for (const secret of this.secrets.keys()) if (text.includes(secret)) return true;
    return [...text.matchAll(GATEWAY_HASH)].some((m) => !m[0].includes('[hash of the Authorization header]'));
  }

  /** Free text: secrets, the gateway's hash, and every personal value already seen or shaped like a phone or email. */
  text(value: string): string {
    let out = value;
    // Longest first, so a token that contains another secret is replaced whole.
    for (const [secret, placeholder] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) out = out.split(secret).join(placeholder);
    out = out.replace(GATEWAY_HASH, '$1[hash of the Authorization header]$2');
    if (this.keepHealthData) return out;
    for (const [original, pseudonym] of [...this.seen].sort((a, b) => b[0].length - a[0].length)) if (original.length >= 3) out = out.split(original).join(pseudonym);
    out = out.replace(EMAIL, (m) => this.pseudonym('email', m));
    out = out.replace(PHONE, (m) => this.pseudonym('phone', m));
    return out;
  }

  /** A JSON value, field by field. `role` names whose record this is (Patient, Practitioner…) for readable pseudonyms. */
  json(value: unknown, field?: string, role?: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.json(v, field, role));
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const recordRole = typeof record.resourceType === 'string' && record.resourceType !== 'Bundle' ? `${record.resourceType}:${String(record.id ?? '')}` : role;
      const out: Record<string, unknown> = {};
      // A coding's display names the code ("English", "Active"), not a person.
      const coding = 'code' in record || 'system' in record;
      for (const [k, v] of Object.entries(record)) out[k] = coding && k === 'display' && typeof v === 'string' ? this.text(v) : this.json(v, k, recordRole);
      return out;
    }
    if (typeof value === 'string') return this.field(field, value, role);
    if (typeof value === 'number' && field && fieldKind(field) === 'coordinate' && !this.keepHealthData) return 0;
    return value;
  }

  /** One field's string value. */
  field(field: string | undefined, value: string, role?: string): string {
    const kind = field === undefined ? 'other' : fieldKind(field);
    if (kind === 'secret') return this.secrets.get(value) ?? '[secret]';
    if (kind === 'keep') return field === 'url' || field === 'reference' ? this.url(value) : this.text(value);
    if (this.keepHealthData) return this.text(value);
    // Whatever the field is called, a value shaped like an email or a phone gets that pseudonym (an `address` may be either).
    if (kind !== 'birth' && EMAIL_ONLY.test(value)) return this.pseudonym('email', value);
    if (kind !== 'birth' && PHONE_ONLY.test(value) && value.replace(/\D/g, '').length >= 10) return this.pseudonym('phone', value);
    // A field not known either way: kept only when its shape says it cannot be about a person.
    if (kind === 'other' && (value.trim() === '' || HARMLESS_SHAPE.test(value))) return value;
    return this.pseudonym(kind, value, role);
  }

  /** A URL or path with a query: each parameter by its name (one that cannot be decoded is replaced). */
  url(value: string): string {
    const q = value.indexOf('?');
    if (q < 0) return this.text(value);
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
          return `${encodeURIComponent(this.text(rawName))}=${encodeURIComponent('[undecodable]')}`;
        }
        return eq < 0 ? encodeURIComponent(this.text(name)) : `${encodeURIComponent(this.text(name))}=${encodeURIComponent(this.field(name, v, role))}`;
      });
    return `${this.text(value.slice(0, q))}?${params.join('&')}`;
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
      // An unterminated last string: nothing of it stays.
      const unterminated = out.lastIndexOf('"') >= 0 && (out.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1;
      return this.text(unterminated && !this.keepHealthData ? `${out.slice(0, out.lastIndexOf('"'))}"[cut off]` : out);
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
        out = Number.isFinite(year) && year > new Date().getUTCFullYear() - 90 ? `${year}-01-01` : '1900-01-01';
        break;
      }
      case 'note':
        return `[text, ${[...value].length} characters]`;
      case 'secret':
        return '[secret]';
      case 'coordinate':
        out = '0';
        break;
      default:
        return '[redacted]';
    }
    if (value.length >= 3) this.seen.set(value, out);
    this.given.add(out);
    return out;
  }

  /** `Patient-1`, `Practitioner-2`: one label per record, numbered per kind in the order met. */
  private personLabel(role?: string): string {
    const [type = 'Person', id = ''] = (role ?? 'Person:').split(':');
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
