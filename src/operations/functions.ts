// The workflows a caller can start, as Retell custom functions: each checks its
// arguments, runs the workflow for the number on the call, and answers what
// the agent should say plus what was done (compact: Retell keeps 15,000
// characters of an answer).
import type { IdentifyCaller } from '../callerid/answer.ts';
import { ArgumentError, type RetellFunction } from '../webhook/retell-functions.ts';
import { handleCallOut, type CallOutPorts } from './call-out/call-out.ts';
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
  return [callOut as RetellFunction<never>, complaint as RetellFunction<never>, prospect as RetellFunction<never>];
}
