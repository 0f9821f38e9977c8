// One list of client calls — reads, searches the live way, writes — run the
// same against the simulated WellSky (both doors) and against `prism mock`.
import type { WellSkyClient } from '../../src/wellsky/client.ts';

export interface KnownIds {
  caregiver: string;
  client: string;
  shift: string;
  visit: string;
  /** A day of the client's, YYYYMMDD. */
  day: string;
}

export type ClientCall = [what: string, call: () => Promise<{ response: Response }>];

export function clientCalls(client: WellSkyClient, ids: KnownIds): ClientCall[] {
  const api = client.api;
  const month = ids.day.slice(0, 6);
  return [
    ['list caregivers', () => api.GET('/v1/practitioners/', { params: { query: { is_hired: 'true', active: 'true', _count: 100, _page: 0 } } })],
    ['read a caregiver', () => api.GET('/v1/practitioners/{id}/', { params: { path: { id: ids.caregiver } } })],
    ['search caregivers, paging in the query', () => api.POST('/v1/practitioners/_search/', { params: { query: { _count: 100, _page: 0 } }, body: { mobile_phone: '3035550101', is_hired: 'true' } })],
    ['sweep patients by name', () => api.GET('/v1/patients/', { params: { query: { 'last_name:contains': 'Sa', _count: 100 } } })],
    ['read a patient', () => api.GET('/v1/patients/{id}/', { params: { path: { id: ids.client } } })],
    ['a week of shifts', () => api.POST('/v1/appointment/_search/', { params: { query: { _count: 100, _page: 0 } }, body: { caregiverId: ids.caregiver, startDate: ids.day, additionalDays: '6' } })],
    ['shifts by GET', () => api.GET('/v1/appointment/', { params: { query: { clientId: ids.client, monthNo: month } } })],
    ['care logs', () => api.POST('/v1/encounter/_search/', { params: { query: { _count: 30, _page: 1, _sort: '-date' } }, body: { clientId: ids.client, startDate: `${month}01`, endDate: ids.day } })],
    ['contacts of a client', () => api.GET('/v1/relatedperson/{id}/', { params: { path: { id: ids.client } } })],
    ['create a lead', () => api.POST('/v1/patients/', { body: { resourceType: 'Patient', name: [{ family: 'Prospect', given: ['Casey'] }], meta: { tag: [{ code: 'isClient', display: 'false' }, { code: 'status', display: '10' }] } } })],
    ['move a client\'s tags on', () => api.PUT('/v1/patients/{id}/', { params: { path: { id: ids.client } }, body: { meta: { tag: [{ code: 'referralSource', display: 'Example clinic' }] } } })],
    ['clock in', () => api.POST('/v1/encounter/{appointmentId}/clockin/', { params: { path: { appointmentId: ids.shift } }, body: { resourceType: 'Encounter', period: { start: `${ids.day.slice(0, 4)}-${ids.day.slice(4, 6)}-${ids.day.slice(6)}T07:02:00` } } })],
    ['a shift note', () => api.POST('/v1/encounter/{id}/tasklog/', { params: { path: { id: ids.visit } }, body: { resourceType: 'TaskLog', status: 'COMPLETE', title: 'Call-out', description: 'Replacement outreach started.' } })],
    ['an office task', () => api.POST('/v1/adminTasks/', { body: { status: 'received', description: 'Call-out\n\nNeeds cover', requester: [{ resourceType: 'Practitioner', id: Number(ids.caregiver) }], owner: [] } })],
  ];
}

/** Runs the calls; what went wrong, one line each (a failure, or a violation Prism reported). */
export async function problemsWith(calls: ClientCall[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, call] of calls) {
    try {
      const { response } = await call();
      const violations = response.headers.get('sl-violations');
      if (violations) problems.push(`${what}: ${violations}`);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  }
  return problems;
}
