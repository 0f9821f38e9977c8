// The doctor probe run through the recorder, then redacted: where the support
// pack and the recording both start. Secrets are learnt while it runs, so
// every exchange is redacted knowing all of them.
import type { Clock } from '../clock.ts';
import { runDoctor, type DoctorReport } from '../doctor/doctor.ts';
import type { Logger } from '../log.ts';
import { createRecorder, type RecordedExchange } from './recorder.ts';
import { redactExchange } from './redacted-exchange.ts';
import { Redactor } from './redaction.ts';

/** A command-line choice refused before anything runs (exit 2, the message names the flag and the fix). */
export class PackOptionError extends Error {}

export interface ProbeRunOptions {
  clock: Clock;
  env?: Record<string, string | undefined>;
  /** The network under the recorder (default: the global fetch). */
  fetch?: typeof fetch;
  /** What sits between Gigi's client and the recorder: tests plant a broken client here (the January one). */
  clientSide?: (recording: typeof fetch) => typeof fetch;
  mockOptions?: Record<string, unknown>;
  keepHealthData?: boolean;
  /** Told of each exchange, redacted (`--verbose`). */
  log?: Logger;
}

export interface RecordedProbe {
  report: DoctorReport;
  /** As sent and received: in memory only. */
  raw: RecordedExchange[];
  /** As they may be written. */
  exchanges: RecordedExchange[];
  redactor: Redactor;
}

export async function recordProbe(options: ProbeRunOptions): Promise<RecordedProbe> {
  const redactor = new Redactor({ keepHealthData: options.keepHealthData ?? false, now: () => options.clock.now() });
  const recorder = createRecorder({ clock: options.clock, redactor, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const report = await runDoctor({
    clock: options.clock,
    fetch: options.clientSide ? options.clientSide(recorder.fetch) : recorder.fetch,
    ...(options.env ? { env: options.env } : {}),
    ...(options.mockOptions ? { mockOptions: options.mockOptions } : {}),
  });
  const exchanges = recorder.exchanges.map((x) => redactExchange(x, redactor));
  for (const x of exchanges) options.log?.info({ method: x.method, url: x.url, status: x.status ?? null, requestId: x.requestId }, 'recorded');
  return { report, raw: recorder.exchanges, exchanges, redactor };
}
