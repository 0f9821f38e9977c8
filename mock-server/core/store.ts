// The in-memory state of the simulated agency. Records are kept as the JSON the
// API returns; each collection keeps insertion (= id) order, so a default search
// is already sorted and paging is a slice.
import type { JsonObject } from './types.ts';

export type ResourceRecord = JsonObject & { id: string };

/** Bumped by every write to any collection; cached search answers are keyed by it. */
export interface Revision {
  value: number;
}

/** One write to a collection: `before` is absent for a new record, `after` for a deleted one. */
export interface StoreChange {
  collection: string;
  before?: ResourceRecord;
  after?: ResourceRecord;
}

export type ChangeListener = (change: StoreChange) => void;

export class Collection<T extends ResourceRecord = ResourceRecord> {
  private readonly records = new Map<string, T>();
  private highest = 0;

  constructor(
    readonly name: string,
    initial: T[] = [],
    private readonly firstId = 1,
    private readonly revision: Revision = { value: 0 },
  ) {
    for (const record of initial) this.put(record);
  }

  /** All records in id order; the same array until the next write (searches call this a lot). */
  private snapshot: readonly T[] | undefined;
  /** Set once the seed is in, so only writes through the API are heard. */
  private listener: ChangeListener | undefined;

  /** Hears every later put and delete (subscriptions' notifications). */
  watch(listener: ChangeListener): void {
    this.listener = listener;
  }

  get(id: string): T | undefined {
    return this.records.get(id);
  }
  put(record: T): T {
    this.revision.value++;
    this.snapshot = undefined;
    const before = this.listener ? this.records.get(record.id) : undefined;
    this.records.set(record.id, record);
    this.listener?.({ collection: this.name, before, after: record });
    const numeric = Number(record.id);
    if (Number.isFinite(numeric) && numeric > this.highest) this.highest = numeric;
    return record;
  }
  delete(id: string): boolean {
    this.revision.value++;
    this.snapshot = undefined;
    const before = this.records.get(id);
    const deleted = this.records.delete(id);
    if (deleted) this.listener?.({ collection: this.name, before });
    return deleted;
  }
  all(): readonly T[] {
    return (this.snapshot ??= [...this.records.values()]);
  }
  size(): number {
    return this.records.size;
  }
  /** The next free numeric id, continuing after the highest one seen. */
  nextId(): string {
    this.highest = Math.max(this.highest + 1, this.firstId);
    return String(this.highest);
  }
}

/**
 * Shifts. A recurring series reuses one id across dates (as the live API does),
 * so an occurrence is keyed by id and start date.
 */
export class AppointmentBook {
  private readonly occurrences = new Map<string, ResourceRecord[]>();
  private highest = 0;

  constructor(
    initial: ResourceRecord[] = [],
    private readonly revision: Revision = { value: 0 },
  ) {
    for (const a of initial) this.add(a);
  }

  add(appointment: ResourceRecord): ResourceRecord {
    this.revision.value++;
    this.index = undefined;
    const list = this.occurrences.get(appointment.id) ?? [];
    list.push(appointment);
    list.sort((a, b) => String(a.start).localeCompare(String(b.start)));
    this.occurrences.set(appointment.id, list);
    const numeric = Number(appointment.id);
    if (numeric > this.highest) this.highest = numeric;
    return appointment;
  }
  /** The occurrence nearest to `nowMs` (live: "a lookup picks the nearest occurrence"). */
  nearest(id: string, nowMs: number): ResourceRecord | undefined {
    const list = this.occurrences.get(id);
    if (!list?.length) return undefined;
    let best = list[0]!;
    for (const a of list) {
      if (Math.abs(Date.parse(String(a.start)) - nowMs) < Math.abs(Date.parse(String(best.start)) - nowMs)) best = a;
    }
    return best;
  }
  replace(previous: ResourceRecord, next: ResourceRecord): void {
    this.revision.value++;
    this.index = undefined;
    const list = this.occurrences.get(previous.id);
    if (!list) return;
    list[list.indexOf(previous)] = next;
    list.sort((a, b) => String(a.start).localeCompare(String(b.start)));
  }
  remove(occurrence: ResourceRecord): void {
    this.revision.value++;
    this.index = undefined;
    const list = this.occurrences.get(occurrence.id);
    if (!list) return;
    list.splice(list.indexOf(occurrence), 1);
    if (list.length === 0) this.occurrences.delete(occurrence.id);
  }
  all(): readonly ResourceRecord[] {
    return (this.index ??= this.buildIndex()).all;
  }
  /** The shifts of one caregiver or one client (every search names one of them). */
  of(role: 'caregiver' | 'client', id: string): readonly ResourceRecord[] {
    const index = (this.index ??= this.buildIndex());
    return (role === 'caregiver' ? index.byCaregiver : index.byClient).get(id) ?? [];
  }

  private index: { all: ResourceRecord[]; byCaregiver: Map<string, ResourceRecord[]>; byClient: Map<string, ResourceRecord[]> } | undefined;
  private buildIndex() {
    const all = [...this.occurrences.values()].flat();
    const byCaregiver = new Map<string, ResourceRecord[]>();
    const byClient = new Map<string, ResourceRecord[]>();
    for (const a of all) {
      const caregiver = (a.caregiver as { id?: string } | undefined)?.id;
      const client = (a.client as { id?: string } | undefined)?.id;
      if (caregiver) (byCaregiver.get(caregiver) ?? byCaregiver.set(caregiver, []).get(caregiver)!).push(a);
      if (client) (byClient.get(client) ?? byClient.set(client, []).get(client)!).push(a);
    }
    return { all, byCaregiver, byClient };
  }
  size(): number {
    let n = 0;
    for (const list of this.occurrences.values()) n += list.length;
    return n;
  }
  nextId(): string {
    return String(++this.highest);
  }
}

export interface TaskLogRecord extends ResourceRecord {
  encounterId: string;
}

/** Everything the seed provides, by the collection names the store uses. */
export interface SeedData {
  agencyId: string;
  practitioners: object[];
  patients: object[];
  relatedPersons: object[];
  profileTags: object[];
  locations: object[];
  organizations: object[];
  referralSources: object[];
  appointments: object[];
  encounters: object[];
}

export interface Store {
  agencyId: string;
  revision: Revision;
  practitioners: Collection;
  patients: Collection;
  relatedPersons: Collection;
  profileTags: Collection;
  locations: Collection;
  organizations: Collection;
  referralSources: Collection;
  subscriptions: Collection;
  adminTasks: Collection;
  documentReferences: Collection;
  /** One care plan per client, made by the care-plan routes. */
  carePlans: Collection;
  encounters: Collection;
  taskLogs: Collection<TaskLogRecord>;
  appointments: AppointmentBook;
}

/** The store, seeded; `onChange` then hears every write to a collection (not the seed itself). */
export function createStore(seed: SeedData, onChange?: ChangeListener): Store {
  // A deep copy: the seed stays pristine for the next reset.
  const copy = <T>(items: object[]) => structuredClone(items) as T[];
  const revision: Revision = { value: 0 };
  const store: Store = {
    agencyId: seed.agencyId,
    revision,
    practitioners: new Collection('practitioners', copy(seed.practitioners), 2001, revision),
    patients: new Collection('patients', copy(seed.patients), 50001, revision),
    relatedPersons: new Collection('relatedPersons', copy(seed.relatedPersons), 90001, revision),
    profileTags: new Collection('profileTags', copy(seed.profileTags), 31, revision),
    locations: new Collection('locations', copy(seed.locations), 11, revision),
    organizations: new Collection('organizations', copy(seed.organizations), 3100, revision),
    referralSources: new Collection('referralSources', copy(seed.referralSources), 801, revision),
    subscriptions: new Collection('subscriptions', [], 401, revision),
    adminTasks: new Collection('adminTasks', [], 1201, revision),
    documentReferences: new Collection('documentReferences', [], 1501, revision),
    carePlans: new Collection('carePlans', [], 1801, revision),
    encounters: new Collection('encounters', copy(seed.encounters), 900001, revision),
    taskLogs: new Collection<TaskLogRecord>('taskLogs', [], 88001, revision),
    appointments: new AppointmentBook(copy(seed.appointments), revision),
  };
  if (onChange) {
    for (const value of Object.values(store)) if (value instanceof Collection) value.watch(onChange);
  }
  return store;
}
