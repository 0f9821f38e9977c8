// The agency's fixed vocabularies: profile tags, languages, services and tasks,
// funnel statuses, relationship and marital-status codes. Ids sit in their own
// ranges (tags 31+, services 61+, tasks 71+) so no two lists share an id.
export type TagCategory = 'skill' | 'certification' | 'language' | 'other';

export interface TagDef {
  id: string;
  name: string;
  type: TagCategory;
  description?: string;
}

// 31 and 34 match the spec's examples (Hoyer lift, Spanish).
export const PROFILE_TAGS: readonly TagDef[] = [
  { id: '31', name: 'Hoyer lift', type: 'skill', description: 'Trained on mechanical patient lifts' },
  { id: '32', name: 'Dementia care', type: 'skill' },
  { id: '33', name: 'Hospice support', type: 'skill' },
  { id: '34', name: 'Spanish', type: 'language' },
  { id: '35', name: 'CNA', type: 'certification', description: 'Certified Nursing Assistant' },
  { id: '36', name: 'HHA', type: 'certification', description: 'Home Health Aide' },
  { id: '37', name: 'CPR/First aid', type: 'certification' },
  { id: '38', name: 'Vietnamese', type: 'language' },
  { id: '39', name: 'Russian', type: 'language' },
  { id: '40', name: 'Transfer assist', type: 'skill' },
  { id: '41', name: 'Diabetic care', type: 'skill' },
  { id: '42', name: "Parkinson's care", type: 'skill' },
  { id: '43', name: 'Meal preparation', type: 'skill' },
  { id: '44', name: 'Medication reminders', type: 'skill' },
  { id: '45', name: 'QMAP', type: 'certification', description: 'Colorado Qualified Medication Administration Person' },
  { id: '46', name: 'Mandarin', type: 'language' },
  { id: '47', name: 'Amharic', type: 'language' },
  { id: '48', name: 'Korean', type: 'language' },
  { id: '49', name: 'Pet friendly', type: 'other' },
  { id: '50', name: 'Driver with own vehicle', type: 'skill' },
  { id: '51', name: 'Non-smoker', type: 'other' },
];

/** Share of hired caregivers holding each non-language tag; applicants hold fewer. */
export const TAG_PREVALENCE: readonly (readonly [string, number])[] = [
  ['31', 0.2],
  ['32', 0.3],
  ['33', 0.12],
  ['35', 0.35],
  ['36', 0.3],
  ['37', 0.8],
  ['40', 0.35],
  ['41', 0.15],
  ['42', 0.08],
  ['43', 0.45],
  ['44', 0.4],
  ['45', 0.2],
  ['49', 0.3],
  ['50', 0.55],
  ['51', 0.6],
];

export interface Language {
  code: string;
  display: string;
  /** The profile tag a speaker carries; English has none. */
  tagId?: string;
}

export const ENGLISH: Language = { code: 'en', display: 'English' };
export const OTHER_LANGUAGES: readonly (readonly [Language, number])[] = [
  [{ code: 'es', display: 'Spanish', tagId: '34' }, 60],
  [{ code: 'vi', display: 'Vietnamese', tagId: '38' }, 10],
  [{ code: 'ru', display: 'Russian', tagId: '39' }, 9],
  [{ code: 'am', display: 'Amharic', tagId: '47' }, 8],
  [{ code: 'zh', display: 'Mandarin', tagId: '46' }, 7],
  [{ code: 'ko', display: 'Korean', tagId: '48' }, 6],
];

export interface ServiceDef {
  id: string;
  name: string;
}

export const SERVICES = {
  companion: { id: '61', name: 'Companion care' },
  personal: { id: '62', name: 'Personal care' },
  respite: { id: '63', name: 'Respite care' },
  overnight: { id: '64', name: 'Overnight care' },
  dementia: { id: '65', name: 'Dementia care' },
  hospice: { id: '66', name: 'Hospice support' },
} as const satisfies Record<string, ServiceDef>;

export interface TaskDef {
  id: string;
  description: string;
}

export const TASKS = {
  meal: { id: '71', description: 'Prepare meal' },
  medication: { id: '72', description: 'Medication reminder' },
  housekeeping: { id: '73', description: 'Light housekeeping' },
  bathing: { id: '74', description: 'Bathing assistance' },
  dressing: { id: '75', description: 'Dressing assistance' },
  toileting: { id: '76', description: 'Toileting and incontinence care' },
  hoyer: { id: '77', description: 'Transfer with Hoyer lift' },
  walk: { id: '78', description: 'Walk or light exercise' },
  laundry: { id: '79', description: 'Laundry' },
  errands: { id: '80', description: 'Grocery shopping and errands' },
  companionship: { id: '81', description: 'Companionship and conversation' },
  safetyChecks: { id: '82', description: 'Overnight safety checks' },
  reposition: { id: '83', description: 'Turn and reposition' },
  bloodSugar: { id: '84', description: 'Record blood sugar' },
  bedtime: { id: '85', description: 'Evening and bedtime routine' },
} as const satisfies Record<string, TaskDef>;

/** Caregiver funnel: status id, meaning, and weight among the not-yet/never-hired. */
export const PRACTITIONER_FUNNEL: readonly (readonly [string, number])[] = [
  ['10', 20], // new applicant
  ['15', 8], // passed phone screen
  ['18', 5], // interview scheduled
  ['20', 7], // interviewed
  ['25', 3], // conditional offer
  ['30', 3], // skills passed
  ['40', 4], // background passed
  ['50', 3], // references passed
  ['60', 3], // offer given
  ['70', 3], // paperwork received
  ['80', 3], // orientation done
  ['90', 32], // not hired
  ['110', 6], // application completed
];
export const HIRED = '100';

/**
 * Patient statuses with their share of the book; 80 is an active client. The live
 * API's literal "None" is not stored here: the simulator's `status-none` quirk shows
 * it at response time, so it can be switched off.
 */
export const PATIENT_STATUSES: readonly (readonly [string, number])[] = [
  ['80', 17], // care started
  ['1', 10], // new lead
  ['10', 10], // initial call
  ['20', 8], // assessment scheduled
  ['30', 7], // assessment done
  ['40', 5], // meeting candidates
  ['50', 3], // needs contract
  ['60', 2], // awaiting signature
  ['70', 3], // ready to schedule
  ['90', 20], // closed lost
  ['100', 15], // closed won (former clients)
];
export const ACTIVE_CLIENT = '80';

export interface Relationship {
  code: string;
  display: string;
  /** The contact shares the client's family name. */
  sameFamily: boolean;
  gender?: 'male' | 'female';
}

// HL7 v3 RoleCode values, plus POA, which agencies record as a relationship of its own.
export const RELATIONSHIPS: readonly (readonly [Relationship, number])[] = [
  [{ code: 'DAU', display: 'Daughter', sameFamily: false, gender: 'female' }, 30],
  [{ code: 'SON', display: 'Son', sameFamily: true, gender: 'male' }, 24],
  [{ code: 'SPS', display: 'Spouse', sameFamily: true }, 8],
  [{ code: 'POA', display: 'Power of attorney', sameFamily: false }, 7],
  [{ code: 'FRND', display: 'Friend', sameFamily: false }, 8],
  [{ code: 'NIECE', display: 'Niece', sameFamily: false, gender: 'female' }, 5],
  [{ code: 'NEPHEW', display: 'Nephew', sameFamily: true, gender: 'male' }, 4],
  [{ code: 'GRNDDAU', display: 'Granddaughter', sameFamily: false, gender: 'female' }, 5],
  [{ code: 'GRNDSON', display: 'Grandson', sameFamily: true, gender: 'male' }, 4],
  [{ code: 'NBOR', display: 'Neighbor', sameFamily: false }, 5],
];

// HL7 v3 MaritalStatus; most clients are in their seventies to nineties.
export const MARITAL_STATUSES: readonly (readonly [{ code: string; display: string }, number])[] = [
  [{ code: 'W', display: 'Widowed' }, 38],
  [{ code: 'M', display: 'Married' }, 30],
  [{ code: 'D', display: 'Divorced' }, 15],
  [{ code: 'S', display: 'Never Married' }, 9],
  [{ code: 'L', display: 'Legally Separated' }, 2],
  [{ code: 'UNK', display: 'unknown' }, 6],
];
export const MARRIED = { code: 'M', display: 'Married' } as const;

export const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net'] as const;

export interface ReferralDef {
  name: string;
  type: string;
  hasPhone: boolean;
}

// Fictional names; 801 matches the spec's example.
export const REFERRAL_SOURCES: readonly ReferralDef[] = [
  { name: 'Maple Grove Senior Center', type: 'community', hasPhone: true },
  { name: 'Mesa Ridge Regional Hospital - Case Management', type: 'hospital', hasPhone: true },
  { name: 'Bluebell Valley Hospice', type: 'hospice', hasPhone: true },
  { name: 'Juniper Family Medicine', type: 'physician', hasPhone: true },
  { name: 'Agency website', type: 'online', hasPhone: false },
  { name: 'Client or family referral', type: 'word of mouth', hasPhone: false },
];

export const AGENCY_NAME = 'Example Home Care';
export const PARTNER_ORGANIZATIONS = ['Mesa Ridge Regional Hospital', 'Bluebell Valley Hospice'] as const;
