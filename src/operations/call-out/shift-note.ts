// A note on a shift in WellSky. Notes are task logs, and a task log hangs on a
// care log (an encounter): the shift's own when WellSky has one (a visit under
// way or done), else one made for it, marked CANCELLED for the caregiver who
// called out, so the office sees the call-out on the shift itself. In
// read-only live mode the client refuses the write before anything is sent,
// and the note says so rather than pretending.
import type { Queryable } from '../../cache/database.ts';
import type { Clock } from '../../clock.ts';
import { entriesFrom, type WellSkyClient } from '../../wellsky/client.ts';
import { isoDate } from '../../wellsky/dates.ts';
import { DIAGNOSES, OWNERS, type Owner } from '../../wellsky/diagnosis.ts';
import { WellSkyError } from '../../wellsky/failures.ts';

type Json = Record<string, unknown>;

export type ShiftNote =
  | { status: 'written'; encounterId: string; taskLogId: string; careLogCreated: boolean }
  | { status: 'refused'; reason: string }
  | { status: 'failed'; kind: string; owner: string; side: Owner; reason: string }
  | { status: 'skipped'; reason: string };

export interface ShiftNotePorts {
  client: WellSkyClient;
  db: Queryable;
  clock: Clock;
  timeZone: string;
}

export interface ShiftRef {
  appointmentId: string;
  clientId: string;
  start: number;
  end: number;
}

/** WellSky's timestamps: UTC with an offset, seconds precision. */
const apiTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export async function leaveShiftNote(ports: ShiftNotePorts, note: { shift: ShiftRef; callerId: string; text: string }): Promise<ShiftNote> {
  const { shift } = note;
  try {
    // YYYY-MM-DD: the reference's form for encounter searches (live also took YYYYMMDD).
    const day = isoDate(shift.start, ports.timeZone);
    const logs = entriesFrom<Json>(await ports.client.api.POST('/v1/encounter/_search/', { body: { clientId: shift.clientId, startDate: day, endDate: day, _count: 100 } }));
    let encounterId = logs.find((l) => String(l.appointmentId ?? '') === shift.appointmentId)?.id as string | undefined;
    let careLogCreated = false;
    if (encounterId === undefined) {
      const created = await ports.client.api.POST('/v1/encounter/', {
        body: { appointmentId: shift.appointmentId, caregiver: { id: note.callerId }, client: { id: shift.clientId }, period: { start: apiTime(shift.start), end: apiTime(shift.end) }, status: 'CANCELLED' },
      });
      encounterId = (created.data as Json | undefined)?.id as string | undefined;
      careLogCreated = true;
    }
    if (encounterId === undefined) return { status: 'failed', kind: 'malformed-response', owner: OWNERS.wellsky, side: 'wellsky', reason: 'the care log WellSky made for the shift came back without an id' };
    const written = await ports.client.api.POST('/v1/encounter/{id}/tasklog/', {
      params: { path: { id: String(encounterId) } },
      body: { title: 'Call-out', description: note.text.slice(0, 4000), recorded: apiTime(ports.clock.now()), message_for_next_caregiver: false, show_in_family_room: false },
    });
    const taskLogId = (written.data as Json | undefined)?.taskLogId;
    return { status: 'written', encounterId: String(encounterId), taskLogId: String(taskLogId ?? ''), careLogCreated };
  } catch (error) {
    if (error instanceof WellSkyError && error.kind === 'writes-disabled') return { status: 'refused', reason: `not written: ${error.detail}` };
    if (error instanceof WellSkyError) return { status: 'failed', kind: error.kind, owner: OWNERS[DIAGNOSES[error.kind].owner], side: DIAGNOSES[error.kind].owner, reason: `${error.kind} (${error.method} ${error.path}${error.status ? ` → ${error.status}` : ''})` };
    throw error;
  }
}
