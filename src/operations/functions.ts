// The workflows a caller can start, as Retell custom functions: each checks its
// arguments, runs the workflow for the number on the call, and answers what
// the agent should say plus what was done (compact: Retell keeps 15,000
// characters of an answer).
import type { IdentifyCaller } from '../callerid/answer.ts';
import { ArgumentError, type RetellFunction } from '../webhook/retell-functions.ts';
import { handleCallOut, type CallOutPorts } from './call-out/call-out.ts';
import { acceptShift } from './call-out/open-shifts.ts';
import { onCallManager } from './routing.ts';
import { caregiverFromCache } from './roster.ts';
import { handleComplaint, type ComplaintPorts } from './complaint/complaint.ts';
import { takeProspect, type ProspectDetails, type ProspectPorts } from './prospect/prospect.ts';

export interface FunctionPorts {
  identifyCaller: IdentifyCaller;
  callOut: CallOutPorts;
  complaint: ComplaintPorts;
  prospect: ProspectPorts;
}

const optionalText = (args: Record<string, unknown>, field: string, max: number): string | undefined => {
  const value = args[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ArgumentError(field, `${field} must be text (got ${typeof value})`);
  if (value.length > max) throw new ArgumentError(field, `${field} is ${value.length} characters; at most ${max}`);
  return value;
};

function objectArgs(args: unknown): Record<string, unknown> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new ArgumentError('', 'args must be a JSON object');
  return args as Record<string, unknown>;
}

interface CallOutArgs {
  reason?: string;
  caregiverId?: string;
}

export const CALL_OUT_FUNCTION = 'report_call_out';
export const COMPLAINT_FUNCTION = 'report_complaint';
export const PROSPECT_FUNCTION = 'take_prospect';
export const ACCEPT_SHIFT_FUNCTION = 'accept_shift';

const requiredText = (args: Record<string, unknown>, field: string, max: number): string => {
  const value = optionalText(args, field, max);
  if (value === undefined || value.trim() === '') throw new ArgumentError(field, `${field} is required: ask the caller for it`);
  return value.trim();
};

const clientIdArg = (args: Record<string, unknown>): string | undefined => {
  const id = optionalText(args, 'client_id', 20);
  if (id !== undefined && !/^\d+$/.test(id)) throw new ArgumentError('client_id', 'client_id must be WellSky digits');
  return id;
};

export function gigiFunctions(ports: FunctionPorts): RetellFunction<never>[] {
  const callOut: RetellFunction<CallOutArgs> = {
    name: CALL_OUT_FUNCTION,
    description: "A caregiver cannot make a shift: find it, offer it to the best replacements, page the on-call manager, note it on the shift. args: reason?, caregiver_id? (when the number is shared, the id of the one calling)",
    parse(raw) {
      const args = objectArgs(raw);
      const reason = optionalText(args, 'reason', 500);
      const caregiverId = optionalText(args, 'caregiver_id', 20);
      if (caregiverId !== undefined && !/^\d+$/.test(caregiverId)) throw new ArgumentError('caregiver_id', 'caregiver_id must be WellSky digits, as the ask-who answer listed them');
      return { ...(reason ? { reason } : {}), ...(caregiverId ? { caregiverId } : {}) };
    },
    async run(args, context) {
      const caller = await ports.identifyCaller(context.call.from_number ?? '', { startedAt: context.arrivedAt });
      const result = await handleCallOut(ports.callOut, { caller, ...args });
      return {
        outcome: result.outcome,
        say: result.say,
        ...(result.caller ? { caller: result.caller } : {}),
        ...(result.shift ? { shift: result.shift } : {}),
        ...(result.askAbout ? { ask_about: result.askAbout } : {}),
        offered_to: result.offeredTo,
        ranked: result.ranked.slice(0, 5).map((r) => ({ id: r.id, name: r.name, rank: r.rank, reasons: r.reasons })),
        ruled_out: result.excluded.slice(0, 10).map((e) => ({ id: e.id, name: e.name, reason: e.reason })),
        ruled_out_count: result.excluded.length,
        manager_alerted: result.managerAlerted,
        shift_note: result.shiftNote,
        failures: result.failures,
      };
    },
  };
  const complaint: RetellFunction<{ summary: string; clientId?: string }> = {
    name: COMPLAINT_FUNCTION,
    description: "A client or their family has a complaint: send it, with the client's recent shifts, to the client's coordinator. args: summary, client_id? (when the caller is not tied to one client)",
    parse(raw) {
      const args = objectArgs(raw);
      const clientId = clientIdArg(args);
      return { summary: requiredText(args, 'summary', 2000), ...(clientId ? { clientId } : {}) };
    },
    async run(args, context) {
      const caller = await ports.identifyCaller(context.call.from_number ?? '', { startedAt: context.arrivedAt });
      const result = await handleComplaint(ports.complaint, { caller, ...args });
      return {
        outcome: result.outcome,
        say: result.say,
        ...(result.clientId ? { client_id: result.clientId } : {}),
        ...(result.routedTo ? { routed_to: result.routedTo } : {}),
        ...(result.recentShifts !== undefined ? { recent_shifts: result.recentShifts } : {}),
        ...(result.historyUnavailable ? { history_unavailable: result.historyUnavailable } : {}),
      };
    },
  };
  const prospect: RetellFunction<ProspectDetails> = {
    name: PROSPECT_FUNCTION,
    description: 'Someone asks about care: create a lead (a patient who is not yet a client) and tell the coordinator. args: first_name, last_name, phone?, email?, city?, notes?',
    parse(raw) {
      const args = objectArgs(raw);
      const email = optionalText(args, 'email', 200);
      if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ArgumentError('email', `"${email.slice(0, 60)}" is not an email address; ask again or leave it out`);
      const phone = optionalText(args, 'phone', 40);
      const city = optionalText(args, 'city', 100);
      const notes = optionalText(args, 'notes', 2000);
      return { firstName: requiredText(args, 'first_name', 100), lastName: requiredText(args, 'last_name', 100), ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(city ? { city } : {}), ...(notes ? { notes } : {}) };
    },
    async run(args, context) {
      const result = await takeProspect(ports.prospect, args, context.call.from_number);
      return { outcome: result.outcome, say: result.say, ...(result.patientId ? { patient_id: result.patientId } : {}), ...(result.reason ? { reason: result.reason } : {}), coordinator_told: result.coordinatorTold };
    },
  };
  const accept: RetellFunction<{ appointmentId: string; caregiverId?: string }> = {
    name: ACCEPT_SHIFT_FUNCTION,
    description: 'A caregiver takes an open shift they were offered by text: the first to accept gets it; later ones are told it is filled. args: appointment_id (from the text), caregiver_id? (when the number is shared)',
    parse(raw) {
      const args = objectArgs(raw);
      const appointmentId = requiredText(args, 'appointment_id', 20);
      if (!/^\d+$/.test(appointmentId)) throw new ArgumentError('appointment_id', 'appointment_id must be the digits the text gave, e.g. 700023');
      const caregiverId = optionalText(args, 'caregiver_id', 20);
      if (caregiverId !== undefined && !/^\d+$/.test(caregiverId)) throw new ArgumentError('caregiver_id', 'caregiver_id must be WellSky digits');
      return { appointmentId, ...(caregiverId ? { caregiverId } : {}) };
    },
    async run(args, context) {
      const { db, notifier, clock, knownContacts } = ports.callOut;
      const caller = await ports.identifyCaller(context.call.from_number ?? '', { startedAt: context.arrivedAt });
      const match = caller.match;
      const person = match.kind === 'caregiver' ? match.person : match.kind === 'ambiguous' ? match.people.find((p) => p.kind === 'caregiver' && p.id === args.caregiverId) : undefined;
      if (!person) {
        if (match.kind === 'ambiguous') return { outcome: 'ask-who', say: `This number belongs to ${match.people.map((p) => p.name).join(' and ')}: ask which of them is calling.`, ask_about: match.people.map((p) => ({ id: p.id, name: p.name })) };
        return { outcome: 'not-a-caregiver', say: 'I could not match this number to a caregiver; the office will help.' };
      }
      const now = clock.now();
      const result = await acceptShift(db, args.appointmentId, person.id, now);
      const caregiver = await caregiverFromCache(db, person.id);
      if (result.status === 'accepted') {
        const manager = onCallManager(knownContacts);
        if (manager) await notifier.send({ channel: 'page', purpose: 'shift-filled', to: { name: manager.name, address: manager.e164 }, text: `${person.name} accepted the open shift ${result.shift.description} (appointment ${result.shift.appointmentId}): assign them to it in WellSky.`, about: `appointment:${result.shift.appointmentId}@${new Date(result.shift.start).toISOString()}` });
        return { outcome: 'accepted', say: `Thank you, ${person.firstName}: the shift ${result.shift.description} is yours. The office will confirm it in the schedule.`, manager_told: !!manager };
      }
      if (result.status === 'already-filled') {
        // The follow-up: told by text too, so the answer is not lost if the call drops.
        if (caregiver?.textTo) await notifier.send({ channel: 'sms', purpose: 'shift-filled', to: { name: person.name, address: caregiver.textTo, caregiverId: person.id }, text: `Thank you, ${person.firstName}: the shift ${result.shift.description} has been filled. We will text you about the next one.`, about: `appointment:${result.shift.appointmentId}@${new Date(result.shift.start).toISOString()}` });
        return { outcome: 'already-filled', say: `Thank you, ${person.firstName}, but that shift has just been filled by someone else.` };
      }
      return { outcome: result.status, say: result.status === 'not-offered' ? 'That shift was not offered to you; the office can tell you what is open.' : 'There is no open shift with that number any more.' };
    },
  };
  return [callOut as RetellFunction<never>, complaint as RetellFunction<never>, prospect as RetellFunction<never>, accept as RetellFunction<never>];
}
