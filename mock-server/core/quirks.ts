// The live API's surprises, one named rule each. The `live-like` profile turns on
// what was seen in early 2026; `by-the-docs` follows the vendor's reference. Any
// rule can be switched on its own, so a test can show which one a client trips
// over. Evidence points into ../shared/docs/wellsky-live-requests.md (section and
// the agency's commit) or wellsky-connect-api.md ("Seen on the live API").
//
// Two kinds: `accepts` quirks let a request through that the reference would
// refuse (by the docs the answer is a 400/422, or the gateway's 403 for a route,
// naming the quirk); `answers` quirks shape what comes back (by the docs an
// undocumented parameter is ignored, not refused).

export const PROFILES = ['live-like', 'by-the-docs'] as const;
export type Profile = (typeof PROFILES)[number];

export interface QuirkInfo {
  kind: 'accepts' | 'answers';
  /** What the quirk does when it is on. */
  description: string;
  /** What the reference says instead (the behaviour with the quirk off). */
  byTheDocs: string;
  /** Where it was seen: a section of the live-requests page and the agency's commit. */
  evidence: string;
  liveLike: boolean;
}

export const QUIRKS = {
  'fhir-json-media-type': {
    kind: 'accepts',
    description: 'Bodies sent as application/fhir+json are read as JSON (the live client sent it on every call from 2026-02-22).',
    byTheDocs: 'A body must be application/json; fhir+json is a 400 naming Content-Type.',
    evidence: '§1 (ea678fb; task logs and care plans kept working after the switch, 82a675d, ce412ea)',
    liveLike: true,
  },
  'routes-beyond-reference': {
    kind: 'accepts',
    description: 'adminTasks/, careplan/activity-metadata/, careplan/activity/{patientId}/ and chargeitem/_search/ are routes, though the reference lists none of them.',
    byTheDocs: 'Not routes: the gateway answers 403.',
    evidence: '§8 (091bb6e), §12.1 (ce412ea), §12.2 (36c3f0b), §15',
    liveLike: true,
  },
  'patients-list-without-slash': {
    kind: 'accepts',
    description: 'GET /v1/patients (no trailing slash) answers like GET /v1/patients/.',
    byTheDocs: 'The slash is required: the gateway answers 403.',
    evidence: '§3.2 (c88e78c; records logged by 504f506, e8a4d53, d663dbd)',
    liveLike: true,
  },
  'people-pages-from-zero': {
    kind: 'accepts',
    description: 'Practitioner and patient lists count _page from 0: _page=0 is the first page, _page=1 the second.',
    byTheDocs: 'Pages count from 1; _page=0 is a 400.',
    evidence: '§3.1, §3.4, §4.1 (_page=0 sent throughout; 137fa1c)',
    liveLike: true,
  },
  'paging-in-search-query': {
    kind: 'answers',
    description: '_count, _page and _sort in the query string of POST …/_search/ are honoured.',
    byTheDocs: 'A POST search reads its paging from the body; the query string is ignored.',
    evidence: '§3.4, §4.1, §5.1 (b3be5c6 auto-paging), §6.1 (137fa1c, f8541aa)',
    liveLike: true,
  },
  'name-contains-search': {
    kind: 'answers',
    description: 'last_name:contains=Sa finds family names containing "sa" (the sync swept Aa … Zz with it).',
    byTheDocs: 'Not a documented parameter: ignored, so the whole list comes back.',
    evidence: '§3.3 (967801e: 71 active clients found)',
    liveLike: true,
  },
  'additional-days-lenient': {
    kind: 'accepts',
    description: 'additionalDays may be a string ("6") in a POST appointment search, and 7.',
    byTheDocs: 'additionalDays is an integer from 1 to 6; anything else is a 400.',
    evidence: '§5.1 (string, b3be5c6), §5.2 (additionalDays=7 sent, answer not recorded)',
    liveLike: true,
  },
  'compact-encounter-dates': {
    kind: 'accepts',
    description: 'Encounter searches take startDate and endDate as YYYYMMDD.',
    byTheDocs: 'Dates are YYYY-MM-DD; YYYYMMDD is a 400.',
    evidence: '§6.1 (137fa1c, c4b2506: encounters found and task logs attached)',
    liveLike: true,
  },
  'sort-date-alias': {
    kind: 'accepts',
    description: 'Encounter searches sort by "date" (the visit start), which the reference does not list.',
    byTheDocs: 'date is not a sort field: a 400 naming the sortable ones.',
    evidence: '§6.1 (_sort=-date, 137fa1c → HEAD)',
    liveLike: true,
  },
  'relationship-as-object': {
    kind: 'accepts',
    description: 'A contact\'s relationship is one object ({"coding": [...]}), both sent and answered.',
    byTheDocs: 'relationship is a list (FHIR); an object in a request is a 422.',
    evidence: '§10.1 (967801e: 93 contacts read as relationship.coding[0]), §10.2 (f8541aa)',
    liveLike: true,
  },
  'count-capped-at-100': {
    kind: 'accepts',
    description: '_count above 100 is quietly capped at 100.',
    byTheDocs: '_count is at most 100; more is a 400.',
    evidence: 'wellsky-connect-api.md, Seen on the live API: Searches',
    liveLike: true,
  },
  'mixed-bundle-entries': {
    kind: 'answers',
    description: 'Bundle entries alternate between the bare resource and {"resource": ...}.',
    byTheDocs: 'Every entry is the bare resource.',
    evidence: 'wellsky-connect-api.md, Seen on the live API: Bundles; §1 Bundle parsing',
    liveLike: true,
  },
  'empty-bundle-without-count': {
    kind: 'answers',
    description: 'An empty search answers {"resourceType":"Bundle","entry":[]} with no count field.',
    byTheDocs: 'An empty search carries its count, 0.',
    evidence: '§5.1 (967801e: every appointment search answered exactly this)',
    liveLike: true,
  },
  'total-on-visit-bundles': {
    kind: 'answers',
    description: 'Appointment and encounter searches report their count as "total" (the live client read only that).',
    byTheDocs: 'The count is "totalRecords".',
    evidence: '§5.1 (b3be5c6 pages by total), §6.1 (logs total)',
    liveLike: true,
  },
  'post-patient-search-active-empty': {
    kind: 'answers',
    description: 'POST patients/_search/ with an "active" field returns no patients (GET patients/?active=true works).',
    byTheDocs: 'The POST form filters like the GET form.',
    evidence: '§3.4 (c88e78c: {"active":"true"} answered 200 with no entries)',
    liveLike: true,
  },
  'agency-id-narrows': {
    kind: 'answers',
    description: 'agencyId in the query narrows the practitioner and patient lists to the primary location.',
    byTheDocs: 'agencyId is not a parameter: ignored.',
    evidence: '§1 (2b8e98a: "remove agencyId parameter to unlock visibility of 1000+ records")',
    liveLike: true,
  },
  'partial-first-patient-page': {
    kind: 'answers',
    description: 'A plain GET patients/ reports its first page as the whole count, so one page looks like everything.',
    byTheDocs: 'The count is the true total.',
    evidence: '§3.1 (137fa1c: about 29 of 70 active clients per request)',
    liveLike: true,
  },
  'status-none': {
    kind: 'answers',
    description: 'About 1 in 7 patients, clients included, carry the status tag "None" instead of a number.',
    byTheDocs: 'The status tag is always a numeric string.',
    evidence: '§3.1 (d663dbd: status "None", isClient the only reliable flag)',
    liveLike: true,
  },
  'encounter-search-needs-person': {
    kind: 'answers',
    description: 'An encounter search without clientId or caregiverId is a 400.',
    byTheDocs: 'A whole-agency search is allowed.',
    evidence: '§6.1 (36c3f0b: a whole-agency search failed; status not recorded)',
    liveLike: true,
  },
  'document-writes-fail': {
    kind: 'answers',
    description: 'Creating a document answers 500 with an HTML page, for a complete payload and for content sent as a list (seen live; opt-in).',
    byTheDocs: 'A complete document is stored (201); content as a list is a 422.',
    evidence: '§9.1 (0929997, 82a675d: 500 before and after the cleanup; ticket open with WellSky)',
    liveLike: false,
  },
} as const satisfies Record<string, QuirkInfo>;

export type QuirkName = keyof typeof QUIRKS;
export const QUIRK_NAMES = Object.keys(QUIRKS) as QuirkName[];
export type QuirkSettings = Record<QuirkName, boolean>;

export function isQuirkName(name: string): name is QuirkName {
  return Object.hasOwn(QUIRKS, name);
}

export function quirksForProfile(profile: Profile, overrides: Partial<Record<string, boolean>> = {}): QuirkSettings {
  const settings = {} as QuirkSettings;
  for (const name of QUIRK_NAMES) settings[name] = profile === 'live-like' ? QUIRKS[name].liveLike : false;
  for (const [name, on] of Object.entries(overrides)) {
    if (!isQuirkName(name)) {
      throw new Error(`quirks.${name}: unknown quirk; known quirks are ${QUIRK_NAMES.join(', ')}`);
    }
    if (typeof on !== 'boolean') throw new Error(`quirks.${name}: must be true or false`);
    settings[name] = on;
  }
  return settings;
}
