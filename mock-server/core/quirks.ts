// The live API's surprises, one named rule each. The `live-like` profile turns on
// what was seen in early 2026; `by-the-docs` follows the vendor's prose. Any rule
// can be switched on its own, so a test can show which one a client trips over.

export const PROFILES = ['live-like', 'by-the-docs'] as const;
export type Profile = (typeof PROFILES)[number];

export const QUIRKS = {
  'mixed-bundle-entries': {
    description: 'Bundle entries alternate between the bare resource and {"resource": ...}.',
    liveLike: true,
  },
  'empty-bundle-without-count': {
    description: 'An empty search answers {"resourceType":"Bundle","entry":[]} with no count field.',
    liveLike: true,
  },
  'post-patient-search-active-empty': {
    description: 'POST patients/_search/ with an "active" field returns no patients (GET patients/?active=true works).',
    liveLike: true,
  },
  'agency-id-narrows': {
    description: 'Sending agency_id narrows a search to the primary location instead of the whole agency.',
    liveLike: true,
  },
  'partial-first-patient-page': {
    description: 'A plain GET patients/ reports totalRecords as the size of its first page, so one page looks like everything.',
    liveLike: true,
  },
  'status-none': {
    description: 'About 1 in 7 non-client patients carry the status tag "None" instead of a number.',
    liveLike: true,
  },
  'count-capped-at-100': {
    description: '_count above 100 is quietly capped at 100 (by the docs it is a 400).',
    liveLike: true,
  },
  'document-writes-fail': {
    description: 'documentReferences writes answer 500 with an HTML page even for a valid payload (seen live; opt-in).',
    liveLike: false,
  },
} as const satisfies Record<string, { description: string; liveLike: boolean }>;

export type QuirkName = keyof typeof QUIRKS;
export const QUIRK_NAMES = Object.keys(QUIRKS) as QuirkName[];
export type QuirkSettings = Record<QuirkName, boolean>;

export function quirksForProfile(profile: Profile, overrides: Partial<Record<string, boolean>> = {}): QuirkSettings {
  const settings = {} as QuirkSettings;
  for (const name of QUIRK_NAMES) settings[name] = profile === 'live-like' ? QUIRKS[name].liveLike : false;
  for (const [name, on] of Object.entries(overrides)) {
    if (!(name in QUIRKS)) {
      throw new Error(`quirks.${name}: unknown quirk; known quirks are ${QUIRK_NAMES.join(', ')}`);
    }
    if (typeof on !== 'boolean') throw new Error(`quirks.${name}: must be true or false`);
    settings[name as QuirkName] = on;
  }
  return settings;
}
