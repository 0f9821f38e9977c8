// The contract walk: one valid request for every operation in the spec, in an
// order that creates what later calls need. Shared by the direct walk and the
// walk through Prism's validating proxy.
import { listOperations, loadSpec } from '../../mock-server/core/spec-document.ts';

export interface WalkStep {
  operationId: string;
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

type Call = (method: string, path: string, body?: unknown) => Promise<WalkStep>;

export const SPEC_OPERATION_IDS = listOperations(loadSpec()).map((o) => o.operationId);

const entriesOf = (bundle: any): any[] => (bundle?.entry ?? []).map((e: any) => e?.resource ?? e);

export async function walk(baseUrl: string, credentials: { client_id: string; client_secret: string }): Promise<WalkStep[]> {
  const steps: WalkStep[] = [];
  let auth: Record<string, string> = {};
  const call =
    (operationId: string): Call =>
    async (method, path, body) => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const step = { operationId, method, path, status: res.status, headers, body: parsed, text };
      steps.push(step);
      return step;
    };
  const id = (step: WalkStep) => (step.body as { id: string }).id;

  const tokenStep = await call('getAccessToken')('POST', '/oauth/accesstoken', { grant_type: 'client_credentials', ...credentials });
  const issued = tokenStep.body as { access_token?: string; auth_token?: string };
  auth = { authorization: `Bearer ${issued.access_token ?? issued.auth_token}` };

  const person = (family: string) => ({ active: true, name: [{ family, given: ['Contract'] }], telecom: [{ system: 'phone', value: '7205550111', use: 'mobile' }] });
  const pid = id(await call('createPractitioner')('POST', '/v1/practitioners/', person('Walker')));
  await call('searchPractitioners')('GET', '/v1/practitioners/?last_name=Walk&_count=5');
  await call('searchPractitionersPost')('POST', '/v1/practitioners/_search/', { last_name: 'Walk', is_hired: 'false' });
  await call('getPractitioner')('GET', `/v1/practitioners/${pid}/`);
  await call('updatePractitioner')('PUT', `/v1/practitioners/${pid}/`, { gender: 'other' });

  const patientId = id(await call('createPatient')('POST', '/v1/patients/', person('Strider')));
  await call('searchPatients')('GET', '/v1/patients/?_count=5&_page=2');
  await call('searchPatientsWithoutSlash')('GET', '/v1/patients?_count=5');
  await call('searchPatientsPost')('POST', '/v1/patients/_search/', { last_name: 'Strid' });
  await call('getPatient')('GET', `/v1/patients/${patientId}/`);
  await call('updatePatient')('PUT', `/v1/patients/${patientId}/`, { meta: { tag: [{ code: 'status', display: '20' }] } });

  const shift = { caregiver: { id: pid }, client: { id: patientId }, start: '2026-11-27T15:00:00+00:00', end: '2026-11-27T19:00:00+00:00', tasks: [{ id: '51', description: 'Lunch', status: 'PENDING' }] };
  const aid = id(await call('createAppointment')('POST', '/v1/appointment/', shift));
  await call('searchAppointments')('GET', `/v1/appointment/?caregiverId=${pid}&startDate=20261127&additionalDays=1`);
  await call('searchAppointmentsPost')('POST', '/v1/appointment/_search/', { clientId: patientId, monthNo: '202611' });
  await call('getAppointment')('GET', `/v1/appointment/${aid}/`);
  await call('updateAppointment')('PUT', `/v1/appointment/${aid}/`, { status: 'CONFIRMED' });

  const eid = id(await call('clockIn')('POST', `/v1/encounter/${aid}/clockin/`, { period: { start: '2026-11-27T15:03:00' }, position: { latitude: 39.9, longitude: -104.8 } }));
  const e2 = id(await call('createEncounter')('POST', '/v1/encounter/', { caregiver: { id: pid }, client: { id: patientId }, period: { start: '2026-11-20T15:00:00+00:00' } }));
  await call('searchEncounters')('POST', '/v1/encounter/_search/', { clientId: patientId, startDate: '2026-11-01', endDate: '2026-11-30' });
  await call('getEncounter')('GET', `/v1/encounter/${e2}/`);
  await call('updateEncounter')('PUT', `/v1/encounter/${e2}/`, { period: { start: '2026-11-20T15:00:00+00:00', end: '2026-11-20T19:00:00+00:00' }, status: 'COMPLETE' });
  await call('clockOut')('PUT', `/v1/encounter/${eid}/clockout/`, { period: { end: '2026-11-27T19:02:00' }, generalComment: 'Lunch and a walk.' });
  const taskLog = await call('createTaskLog')('POST', `/v1/encounter/${eid}/tasklog/`, { title: 'Shift note', description: 'Contract walk note.', status: 'COMPLETE' });
  await call('listTaskLogs')('GET', `/v1/encounter/${eid}/tasklog/`);
  await call('updateTaskLog')('PUT', `/v1/encounter/${eid}/tasklog/${(taskLog.body as { taskLogId: string }).taskLogId}/`, { comment: 'Edited note.' });
  await call('updateTask')('PUT', `/v1/encounter/${eid}/task/51/`, { status: 'COMPLETE' });

  const contact = { patient: { id: patientId }, name: [{ family: 'Strider', given: ['Kin'] }], telecom: [{ system: 'phone', value: '7205550112', use: 'mobile' }], emergencyContact: true };
  const rp = id(await call('createRelatedPerson')('POST', '/v1/relatedperson/', contact));
  await call('listRelatedPersons')('GET', `/v1/relatedperson/${patientId}/`);
  await call('searchRelatedPersons')('POST', '/v1/relatedperson/_search/', { patient: patientId });
  await call('updateRelatedPerson')('PUT', `/v1/relatedperson/${rp}/`, { emergencyContact: false });

  const sub = { criteria: 'encounter.clockout.changed', channel: { type: 'rest-hook', endpoint: 'https://gigi.example.org/hook' } };
  const sid = id(await call('createSubscription')('POST', '/v1/subscriptions/', sub));
  await call('listSubscriptions')('GET', '/v1/subscriptions/');
  await call('getSubscription')('GET', `/v1/subscriptions/${sid}/`);
  await call('updateSubscription')('PUT', `/v1/subscriptions/${sid}/`, { status: 'off' });

  const tid = id(await call('createProfileTag')('POST', '/v1/profileTags/', { name: 'Contract skill', type: 'skill' }));
  await call('listProfileTags')('GET', '/v1/profileTags/?_count=50');
  await call('getProfileTag')('GET', `/v1/profileTags/${tid}/`);
  await call('updateProfileTag')('PUT', `/v1/profileTags/${tid}/`, { name: 'Contract skill 2' });

  const location = entriesOf((await call('listLocations')('GET', '/v1/locations/')).body)[0];
  await call('searchLocationsPost')('POST', '/v1/locations/_search/', { name: String(location.name).split(' ')[0] });
  const organization = entriesOf((await call('listOrganizations')('GET', '/v1/organizations/')).body)[0];
  await call('searchOrganizationsPost')('POST', '/v1/organizations/_search/', { name: String(organization.name).split(' ')[0] });

  const ref = id(await call('createReferralSource')('POST', '/v1/referralsource/', { name: 'Contract clinic', type: 'clinic' }));
  await call('getReferralSource')('GET', `/v1/referralsource/${ref}/`);
  await call('updateReferralSource')('PUT', `/v1/referralsource/${ref}/`, { type: 'physician' });

  await call('createAdminTask')('POST', '/v1/adminTasks/', { status: 'received', description: 'Contract task', executionDate: '2026-11-27', dueDate: '2026-11-28T23:59:59', requester: [{ resourceType: 'Practitioner', id: Number(pid) }], owner: [] });

  const document = {
    type: { text: 'General' },
    content: { attachment: { contentType: 'text/plain', title: 'a.txt', data: 'aGVsbG8=' } },
    context: { related: [{ ref: `Patient/${patientId}` }] },
    meta: { tag: [{ code: 'agencyId', display: '3100' }] },
  };
  const doc = id(await call('createDocumentReference')('POST', '/v1/documentReferences/', document));
  await call('searchDocumentReferences')('POST', '/v1/documentReferences/_search/', { subject: `Patient/${patientId}` });
  await call('getDocumentReference')('GET', `/v1/documentReferences/${doc}/`);
  await call('updateDocumentReference')('PUT', `/v1/documentReferences/${doc}/`, { type: { text: 'Assessment' } });

  const activity = (display: string) => [{ detail: { code: { coding: [{ code: 'activityId', display }] }, description: 'Contract activity', status: 'scheduled' } }];
  await call('listCarePlanActivities')('GET', '/v1/careplan/activity-metadata/?activity_type=IADL');
  await call('createCarePlanActivities')('POST', `/v1/careplan/activity/${patientId}/`, { resourceType: 'CarePlan', status: 'active', activity: activity('700111') });
  await call('updateCarePlanActivities')('PUT', `/v1/careplan/activity/${patientId}/`, { resourceType: 'CarePlan', activity: activity('700101') });
  await call('searchChargeItems')('POST', '/v1/chargeitem/_search/', { clientId: Number(patientId), startDate: 20261101, endDate: 20261130 });

  await call('deleteDocumentReference')('DELETE', `/v1/documentReferences/${doc}/`);
  await call('deleteRelatedPerson')('DELETE', `/v1/relatedperson/${patientId}/contacts/${rp}/`);
  await call('deleteSubscription')('DELETE', `/v1/subscriptions/${sid}/`);
  await call('deleteProfileTag')('DELETE', `/v1/profileTags/${tid}/`);
  await call('deleteEncounter')('DELETE', `/v1/encounter/${e2}/`);
  await call('deleteAppointment')('DELETE', `/v1/appointment/${aid}/`);
  await call('deletePatient')('DELETE', `/v1/patients/${patientId}/`);
  await call('deletePractitioner')('DELETE', `/v1/practitioners/${pid}/`);
  return steps;
}
