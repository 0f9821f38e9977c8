// The shifts call-outs left open, in the cache: who was offered each, who took
// it. An occurrence is its appointment id and start (a recurring series shares
// the id). The first caregiver to accept takes the shift; later ones are told
// it is filled.
import type { Queryable } from '../../cache/database.ts';

export interface OpenShiftRecord {
  key: string;
  appointmentId: string;
  clientId: string;
  start: number;
  end: number;
  /** "today 9:00 AM to 1:00 PM with Kara J. in Golden": how a text names it. */
  description: string;
  filledBy?: string;
}

export const shiftKey = (appointmentId: string, start: number) => `${appointmentId}@${new Date(start).toISOString()}`;

const at = (ms: number) => new Date(ms).toISOString();
const ms = (value: unknown) => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

type Row = { key: string; appointment_id: string; client_id: string; starts_at: unknown; ends_at: unknown; description: string; filled_by: string | null };
const fromRow = (r: Row): OpenShiftRecord => ({ key: r.key, appointmentId: r.appointment_id, clientId: r.client_id, start: ms(r.starts_at), end: ms(r.ends_at), description: r.description, ...(r.filled_by ? { filledBy: r.filled_by } : {}) });

/** Records the shift as open (once) and the caregivers it was offered to. */
export async function recordOffers(db: Queryable, shift: Omit<OpenShiftRecord, 'key' | 'filledBy'> & { calledOutBy: string }, caregiverIds: string[], now: number): Promise<void> {
  const key = shiftKey(shift.appointmentId, shift.start);
  await db.query('INSERT INTO open_shifts (key, appointment_id, client_id, starts_at, ends_at, called_out_by, description, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING', [
    key,
    shift.appointmentId,
    shift.clientId,
    at(shift.start),
    at(shift.end),
    shift.calledOutBy,
    shift.description,
    at(now),
  ]);
  for (const id of caregiverIds) await db.query('INSERT INTO shift_offers (shift_key, caregiver_id, offered_at) VALUES ($1, $2, $3) ON CONFLICT (shift_key, caregiver_id) DO NOTHING', [key, id, at(now)]);
}

/** The open shifts (not filled, not over) this caregiver was offered before. */
export async function stillOfferedTo(db: Queryable, caregiverId: string, now: number): Promise<OpenShiftRecord[]> {
  const { rows: offers } = await db.query<{ shift_key: string }>('SELECT shift_key FROM shift_offers WHERE caregiver_id = $1', [caregiverId]);
  const out: OpenShiftRecord[] = [];
  for (const offer of offers) {
    const { rows } = await db.query<Row>('SELECT key, appointment_id, client_id, starts_at, ends_at, description, filled_by FROM open_shifts WHERE key = $1', [offer.shift_key]);
    const shift = rows[0] ? fromRow(rows[0]) : undefined;
    // A shift already under way with nobody there still wants someone, until it ends.
    if (shift && !shift.filledBy && shift.end > now) out.push(shift);
  }
  return out.sort((a, b) => a.start - b.start);
}

export type Acceptance =
  | { status: 'accepted'; shift: OpenShiftRecord }
  | { status: 'already-filled'; shift: OpenShiftRecord }
  | { status: 'not-offered' | 'not-open'; shift?: OpenShiftRecord };

/** The caregiver takes the shift if it is still open and was offered to them; the first one wins. */
export async function acceptShift(db: Queryable, appointmentId: string, caregiverId: string, now: number): Promise<Acceptance> {
  const { rows } = await db.query<Row>('SELECT key, appointment_id, client_id, starts_at, ends_at, description, filled_by FROM open_shifts WHERE appointment_id = $1 ORDER BY starts_at', [appointmentId]);
  const shifts = rows.map(fromRow).filter((s) => s.end > now);
  const offered: OpenShiftRecord[] = [];
  for (const shift of shifts) {
    const { rows: mine } = await db.query<{ caregiver_id: string }>('SELECT caregiver_id FROM shift_offers WHERE shift_key = $1 AND caregiver_id = $2', [shift.key, caregiverId]);
    if (mine.length) offered.push(shift);
  }
  const shift = offered[0];
  if (!shift) return shifts[0] ? { status: 'not-offered', shift: shifts[0] } : { status: 'not-open' };
  await db.query('UPDATE shift_offers SET answered_at = $1 WHERE shift_key = $2 AND caregiver_id = $3', [at(now), shift.key, caregiverId]);
  if (shift.filledBy) return { status: shift.filledBy === caregiverId ? 'accepted' : 'already-filled', shift };
  // Only while still unfilled: two acceptances at once cannot both win.
  await db.query('UPDATE open_shifts SET filled_by = $1, filled_at = $2 WHERE key = $3 AND filled_by IS NULL', [caregiverId, at(now), shift.key]);
  const { rows: after } = await db.query<{ filled_by: string | null }>('SELECT filled_by FROM open_shifts WHERE key = $1', [shift.key]);
  const winner = after[0]?.filled_by ?? undefined;
  return winner === caregiverId ? { status: 'accepted', shift: { ...shift, filledBy: caregiverId } } : { status: 'already-filled', shift: { ...shift, ...(winner ? { filledBy: winner } : {}) } };
}
