// The load generator for bench/callerid.ts, in its own process so its work does
// not queue on the event loop of the Gigi server it measures. It plays Retell:
// each call a call_inbound body signed with retell-sdk's own `sign`, POSTed to
// the webhook over keep-alive HTTP. Signing happens before the clock starts.
// Message in: { base, key, numbers, concurrency, mode }; message out: one result per call.
//   mode "closed": `concurrency` callers, each placing its next call when the last is answered;
//   mode "bursts": waves of `concurrency` calls sent at once, the next wave `pauseMs` after the last answer.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { sign } from 'retell-sdk';

export interface CallerJob {
  base: string;
  key: string;
  path: string;
  numbers: string[];
  concurrency: number;
  mode: 'closed' | 'bursts';
  pauseMs?: number;
}

export interface CallResult {
  status: number;
  ms: number;
  /** When the request was sent and its answer read, epoch ms (fractional), to line up with the server's side. */
  sentAt: number;
  answeredAt: number;
  /** From the answer's metadata (undefined when the answer was not the expected JSON). */
  source?: string;
  match?: string;
  callerKind?: string;
  note?: string;
  tookMs?: number;
}

async function run(job: CallerJob): Promise<{ results: CallResult[]; seconds: number }> {
  const calls = await Promise.all(
    job.numbers.map(async (from) => {
      const body = JSON.stringify({ event: 'call_inbound', call_inbound: { from_number: from, to_number: '+13035550199', agent_id: 'agent_bench_callerid' } });
      return { body, signature: await sign(body, job.key) };
    }),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.path, job.base);
  const post = (call: { body: string; signature: string }) =>
    new Promise<CallResult>((resolve, reject) => {
      const started = performance.now();
      const sentAt = performance.timeOrigin + started;
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(call.body), 'x-retell-signature': call.signature } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ended = performance.now();
          const result: CallResult = { status: res.statusCode ?? 0, ms: ended - started, sentAt, answeredAt: performance.timeOrigin + ended };
          try {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')).call_inbound;
            Object.assign(result, {
              source: answer.metadata.gigi_source,
              match: answer.metadata.gigi_match,
              callerKind: answer.dynamic_variables.caller_kind,
              note: answer.metadata.note,
              tookMs: answer.metadata.took_ms,
            });
          } catch {
            // not the expected answer: the parent counts it as wrong
          }
          resolve(result);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(call.body);
    });

  const results: CallResult[] = new Array(calls.length);
  const started = performance.now();
  if (job.mode === 'closed') {
    let next = 0;
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (next < calls.length) {
          const i = next++;
          results[i] = await post(calls[i]!);
        }
      }),
    );
  } else {
    for (let start = 0; start < calls.length; start += job.concurrency) {
      const wave = await Promise.all(calls.slice(start, start + job.concurrency).map(post));
      wave.forEach((r, i) => (results[start + i] = r));
      await new Promise((r) => setTimeout(r, job.pauseMs ?? 0));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { results, seconds };
}

process.on('message', (job: CallerJob) => {
  run(job).then(
    (answer) => process.send!({ ok: true, ...answer }),
    (error: Error) => process.send!({ ok: false, error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
