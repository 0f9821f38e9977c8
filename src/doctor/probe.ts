// The doctor's probe: a token, then one search and one read of each core
// resource, read-only, in a fixed order. Each step ends worked, failed (with the
// WellSkyError that says why) or skipped (nothing to read).
import type { Clock } from '../clock.ts';
import { entriesFrom, type WellSkyClient } from '../wellsky/client.ts';
import { compactDate } from '../wellsky/dates.ts';
import { WellSkyError } from '../wellsky/failures.ts';

export interface StepResult {
  name: string;
  outcome: 'worked' | 'failed' | 'skipped';
  /** What worked, or why it was skipped, in plain words. */
  summary: string;
  error?: WellSkyError;
}

type Record_ = { id?: string };

export async function probe(client: WellSkyClient, context: { clock: Clock; timeZone: string }): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const step = async (name: string, run: () => Promise<string>): Promise<boolean> => {
    try {
      results.push({ name, outcome: 'worked', summary: await run() });
      return true;
    } catch (error) {
      if (!(error instanceof WellSkyError)) throw error;
      results.push({ name, outcome: 'failed', summary: error.kind, error });
      return false;
    }
  };
  const skip = (name: string, summary: string) => results.push({ name, outcome: 'skipped', summary });

  const tokenOk = await step('token', async () => {
    await client.tokens.token();
    const info = client.tokens.info()!;
    return `${info.field} received, good for ${info.lifetimeSeconds} s${info.tokenType ? ` (token_type "${info.tokenType}"; sent as Bearer)` : ''}`;
  });
  if (!tokenOk) {
    for (const name of ['practitioners', 'patients', 'appointment', 'encounter']) skip(name, 'no token to call with');
    return results;
  }

  let practitioner: Record_ | undefined;
  let patient: Record_ | undefined;
  await step('practitioners', async () => {
    const page = entriesFrom<Record_>(await client.api.GET('/v1/practitioners/', { params: { query: { is_hired: 'true', active: 'true', _count: 5 } } }));
    practitioner = page[0];
    if (!practitioner?.id) return 'search answered with no practitioners (nothing to read)';
    await client.api.GET('/v1/practitioners/{id}/', { params: { path: { id: practitioner.id } } });
    return `search: ${page.length} on the first page · read ${practitioner.id}`;
  });
  await step('patients', async () => {
    const page = entriesFrom<Record_>(await client.api.GET('/v1/patients/', { params: { query: { _count: 5 } } }));
    patient = page[0];
    if (!patient?.id) return 'search answered with no patients (nothing to read)';
    await client.api.GET('/v1/patients/{id}/', { params: { path: { id: patient.id } } });
    return `search: ${page.length} on the first page · read ${patient.id}`;
  });

  if (!practitioner?.id && !patient?.id) {
    skip('appointment', 'no caregiver or client to search shifts for');
    skip('encounter', 'no caregiver or client to search care logs for');
    return results;
  }
  const who = practitioner?.id ? { caregiverId: practitioner.id } : { clientId: patient!.id! };
  await step('appointment', async () => {
    const startDate = compactDate(context.clock.now(), context.timeZone);
    const page = entriesFrom<Record_>(await client.api.GET('/v1/appointment/', { params: { query: { ...who, startDate, additionalDays: 6 } } }));
    const first = page.find((a) => a.id);
    if (!first?.id) return `search for the week from ${startDate}: no shifts (nothing to read)`;
    await client.api.GET('/v1/appointment/{id}/', { params: { path: { id: first.id } } });
    return `search for the week from ${startDate}: ${page.length} · read ${first.id}`;
  });
  await step('encounter', async () => {
    const page = entriesFrom<Record_>(await client.api.POST('/v1/encounter/_search/', { body: { ...who, _count: 5 } }));
    const first = page.find((e) => e.id);
    if (!first?.id) return 'search: no care logs (nothing to read)';
    await client.api.GET('/v1/encounter/{id}/', { params: { path: { id: first.id } } });
    return `search: ${page.length} on the first page · read ${first.id}`;
  });
  return results;
}
