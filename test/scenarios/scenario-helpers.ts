// Helpers shared by the scenario-catalogue tests: a base URL to `fetch` through
// either door (so a client timeout and a dropped connection can be observed), the
// journal fields that must match between runs, and facts read from the seeded agency.
import { startMockServer } from '../../mock-server/http.ts';
import { createMswMock, DEFAULT_BASE_URL } from '../../mock-server/msw.ts';
import type { Simulator, SimulatorOptions } from '../../mock-server/core/simulator.ts';
import type { JournalEntry } from '../../mock-server/core/journal.ts';
import { setupServer } from 'msw/node';

/** A door onto a simulator reached with the platform's own `fetch`. */
export interface FetchDoor {
  kind: 'express' | 'msw';
  /** Origin to prefix paths with. */
  base: string;
  simulator: Simulator;
  close(): Promise<void>;
}

/**
 * express: a real socket (`startMockServer`, port 0); msw: `setupServer` intercepting
 * the production host. Only one MSW door may be open at a time in a process.
 */
export async function openFetchDoor(kind: 'express' | 'msw', options: SimulatorOptions): Promise<FetchDoor> {
  if (kind === 'express') {
    const running = await startMockServer({ ...options, port: 0 });
    return { kind, base: running.url, simulator: running.simulator, close: () => running.close() };
  }
  const { handlers, simulator } = createMswMock(options);
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  return { kind, base: DEFAULT_BASE_URL, simulator, close: async () => server.close() };
}

/**
 * The journal as the test compares it: without time and latency, which vary run to
 * run, and without seq, which keeps counting across a reset (order is kept by position).
 */
export type JournalView = Pick<JournalEntry, 'method' | 'path' | 'query' | 'status' | 'rule' | 'operationId' | 'transport' | 'responseSha' | 'responseBytes'>;

export function journalView(entries: JournalEntry[]): JournalView[] {
  return entries.map(({ method, path, query, status, rule, operationId, transport, responseSha, responseBytes }) => ({
    method,
    path,
    query,
    status,
    rule,
    operationId,
    transport,
    responseSha,
    responseBytes,
  }));
}

export async function fetchJournal(base: string): Promise<JournalEntry[]> {
  const res = await fetch(`${base}/__admin/journal?limit=5000`);
  return ((await res.json()) as { entries: JournalEntry[] }).entries;
}

/** YYYYMMDD of an instant in a time zone (the appointment search's date format). */
export function compactLocalDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)).replace(/-/g, '');
}

/** Ids the scripts use, read from the seeded agency: a caregiver, a client with a shift, and that shift's day. */
export function agencyFacts(simulator: Simulator): { practitionerId: string; patientId: string; clientId: string; startDate: string; practitioners: number; patients: number } {
  const state = simulator.state();
  const practitioner = state.store.practitioners.all()[0];
  const patient = state.store.patients.all()[0];
  const shift = state.store.appointments.all()[0] as { client?: { id?: string }; start?: string } | undefined;
  if (!practitioner || !patient || !shift?.client?.id || !shift.start) throw new Error('the seeded agency has no practitioner, patient or shift');
  return {
    practitionerId: practitioner.id,
    patientId: patient.id,
    clientId: shift.client.id,
    startDate: compactLocalDate(shift.start, state.options.timeZone),
    practitioners: state.store.practitioners.size(),
    patients: state.store.patients.size(),
  };
}

/** A fixed wall clock, so token bodies (issued_at) hash the same in every run. */
export const FIXED_NOW = Date.parse('2026-02-03T15:04:05Z');

/** The live empty Bundle, byte for byte. */
export const EMPTY_LIVE_BUNDLE = '{"resourceType":"Bundle","entry":[]}';
