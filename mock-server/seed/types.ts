// The spec's shapes, named once for the seed modules.
import type { components } from '../../generated/wellsky.ts';

type Schemas = components['schemas'];
export type Practitioner = Schemas['Practitioner'];
export type Patient = Schemas['Patient'];
export type RelatedPerson = Schemas['RelatedPerson'];
export type ProfileTag = Schemas['ProfileTag'];
export type Location = Schemas['Location'];
export type Organization = Schemas['Organization'];
export type ReferralSource = Schemas['ReferralSource'];
export type Appointment = Schemas['Appointment'];
export type Encounter = Schemas['Encounter'];
export type ContactPoint = Schemas['ContactPoint'];
export type Address = Schemas['Address'];
export type Meta = Schemas['Meta'];
export type Tag = Schemas['Tag'];
export type Communication = Schemas['Communication'];
export type Position = Schemas['Position'];
export type Task = Schemas['Task'];
export type Gender = Schemas['Gender'];
