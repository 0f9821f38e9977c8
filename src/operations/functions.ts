// The workflows a caller can start, as Retell custom functions: each checks its
// arguments, runs the workflow for the number on the call, and answers what
// the agent should say plus what was done (compact: Retell keeps 15,000
// characters of an answer).
import type { IdentifyCaller } from '../callerid/answer.ts';
import { ArgumentError, type RetellFunction } from '../webhook/retell-functions.ts';
import { handleCallOut, type CallOutPorts } from './call-out/call-out.ts';

export interface FunctionPorts {
  identifyCaller: IdentifyCaller;
  callOut: CallOutPorts;
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
  return [callOut as RetellFunction<never>];
}
