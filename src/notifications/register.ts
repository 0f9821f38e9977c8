// Gigi's subscriptions with WellSky: what it watches, sent to its receiver with
// a secret header. Registering replaces what an earlier run registered for the
// same endpoint (its secret is gone with that run). Each criterion is asked
// for on its own: live WellSky documents only some of them, and one refused
// must not cost the others.
import type { WellSkyClient } from '../wellsky/client.ts';
import { entriesFrom } from '../wellsky/client.ts';
import { WellSkyError } from '../wellsky/failures.ts';

/** What caller ID's cache must hear about. */
export const WATCHED = ['practitioner.created', 'practitioner.telecom.changed', 'practitioner.changed', 'patient.created', 'patient.changed'] as const;

export interface Registration {
  endpoint: string;
  registered: { criteria: string; id: string }[];
  refused: { criteria: string; kind: string; detail: string }[];
  /** Subscriptions of an earlier run to the same endpoint, deleted. */
  replaced: number;
}

type Json = Record<string, unknown>;

export async function registerNotifications(client: WellSkyClient, endpoint: string, secret: string): Promise<Registration> {
  const result: Registration = { endpoint, registered: [], refused: [], replaced: 0 };
  const existing = entriesFrom<Json>(await client.api.GET('/v1/subscriptions/', { params: { query: { _count: 100 } } }));
  try {
    for (const old of existing) {
      if ((old.channel as Json | undefined)?.endpoint !== endpoint || !old.id) continue;
      await client.api.DELETE('/v1/subscriptions/{id}/', { params: { path: { id: String(old.id) } } });
      result.replaced++;
    }
  } catch (error) {
    // Read-only live mode: nothing can be registered either; say so for every criterion.
    if (!(error instanceof WellSkyError && error.kind === 'writes-disabled')) throw error;
    result.refused.push(...WATCHED.map((criteria) => ({ criteria, kind: error.kind, detail: error.detail })));
    return result;
  }
  for (const criteria of WATCHED) {
    try {
      const created = await client.api.POST('/v1/subscriptions/', {
        body: {
          resourceType: 'Subscription',
          status: 'active',
          criteria,
          reason: 'Gigi keeps its caller-ID cache current',
          channel: { type: 'rest-hook', endpoint, payload: 'application/fhir+json', header: [`Authorization: Bearer ${secret}`] },
        } as never,
      });
      result.registered.push({ criteria, id: String((created.data as Json).id) });
    } catch (error) {
      if (!(error instanceof WellSkyError)) throw error;
      // Read-only live mode refuses the first; the rest would say the same.
      result.refused.push({ criteria, kind: error.kind, detail: error.detail });
      if (error.kind === 'writes-disabled') break;
    }
  }
  return result;
}

/** Removes this run's subscriptions (at shutdown); failures are left for the next run's replace. */
export async function unregisterNotifications(client: WellSkyClient, registration: Registration): Promise<void> {
  for (const { id } of registration.registered) {
    await client.api.DELETE('/v1/subscriptions/{id}/', { params: { path: { id } } }).catch(() => {});
  }
}
