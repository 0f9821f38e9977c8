// Someone calls about care for a relative: Gigi takes their details and creates
// a lead in WellSky (a Patient that is not yet a client: isClient false, status
// 1 "new lead"). In read-only live mode nothing is created: the client refuses
// the write before it is sent. Either way the details go to the coordinator
// (or the on-call manager), so no lead is lost.
import type { Clock } from '../../clock.ts';
import type { Coordinators, KnownContact } from '../../config.ts';
import type { WellSkyClient } from '../../wellsky/client.ts';
import { DIAGNOSES } from '../../wellsky/diagnosis.ts';
import { WellSkyError } from '../../wellsky/failures.ts';
import { parsePhone } from '../../wellsky/phone.ts';
import type { Notifier } from '../notifier.ts';
import { routeFor } from '../routing.ts';

export interface ProspectPorts {
  client: WellSkyClient;
  notifier: Notifier;
  clock: Clock;
  knownContacts: KnownContact[];
  coordinators: Coordinators;
}

export interface ProspectDetails {
  firstName: string;
  lastName: string;
  /** As the caller gave it; the call's own number when they gave none. */
  phone?: string;
  email?: string;
  city?: string;
  /** What care is wanted, in the caller's words (free text: sent to the coordinator, not to WellSky). */
  notes?: string;
}

export interface ProspectResult {
  outcome: 'created' | 'not-created';
  say: string;
  patientId?: string;
  /** Why nothing was created: writes-disabled (read-only), or the failure's kind. */
  reason?: { kind: string; side: string; detail: string };
  coordinatorTold: boolean;
}

export async function takeProspect(ports: ProspectPorts, details: ProspectDetails, callerNumber?: string): Promise<ProspectResult> {
  const phone = parsePhone(details.phone ?? callerNumber ?? '');
  const national = phone?.e164.replace(/^\+1/, '');
  let patientId: string | undefined;
  let reason: ProspectResult['reason'];
  try {
    const created = await ports.client.api.POST('/v1/patients/', {
      body: {
        resourceType: 'Patient',
        active: false,
        name: [{ use: 'official', family: details.lastName, given: [details.firstName] }],
        telecom: [...(national ? [{ system: 'phone' as const, value: national, use: 'mobile' as const }] : []), ...(details.email ? [{ system: 'email' as const, value: details.email }] : [])],
        ...(details.city ? { address: [{ use: 'home' as const, city: details.city }] } : {}),
        meta: { tag: [{ code: 'isClient', display: 'false' }, { code: 'status', display: '1' }] },
      },
    });
    const id = (created.data as { id?: unknown } | undefined)?.id;
    if (id !== undefined) patientId = String(id);
    else reason = { kind: 'malformed-response', side: 'wellsky', detail: 'WellSky created the lead but its answer held no id' };
  } catch (error) {
    if (!(error instanceof WellSkyError)) throw error;
    reason = { kind: error.kind, side: DIAGNOSES[error.kind].owner, detail: error.detail };
  }
  const route = routeFor(ports.coordinators, ports.knownContacts);
  let coordinatorTold = false;
  if (route) {
    const where = patientId ? `Created in WellSky as patient ${patientId} (a lead, not a client).` : `NOT in WellSky (${reason?.kind}: ${reason?.detail}): enter it by hand.`;
    await ports.notifier.send({
      channel: route.channel,
      purpose: 'prospect-lead',
      to: route.to,
      text: `New lead: ${details.firstName} ${details.lastName}${phone ? `, ${phone.e164}` : ''}${details.email ? `, ${details.email}` : ''}${details.city ? `, ${details.city}` : ''}.${details.notes ? `\nCare wanted: ${details.notes}` : ''}\n${where}`,
      ...(patientId ? { about: `patient:${patientId}` } : {}),
    });
    coordinatorTold = true;
  }
  return {
    outcome: patientId ? 'created' : 'not-created',
    ...(patientId ? { patientId } : {}),
    ...(reason ? { reason } : {}),
    coordinatorTold,
    say: coordinatorTold
      ? `Thank you, I have your details${patientId ? '' : ' noted'}; ${route!.to.name} from the office will call you back about care.`
      : 'Thank you; the office will call you back about care.',
  };
}
