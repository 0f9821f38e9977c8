// A check's result, said once.
import type { CheckResult, FailureOwner } from '../results.ts';

export const pass = (check: string): CheckResult => ({ check, outcome: 'passed' });

export const fail = (check: string, reason: string, owner: FailureOwner, kind?: string): CheckResult => ({ check, outcome: 'failed', reason, owner, ...(kind ? { kind } : {}) });

export const notRun = (check: string, reason: string): CheckResult => ({ check, outcome: 'not-run', reason });
