// The simulated WellSky's core alone, without HTTP: the same 20-entry search
// handed to `handle` again and again, with the search cache on and off, in one
// process. No load generator shares the cores, so two commits compare closely
// (run it in each checkout, one after the other). Not part of `npm test`.
// Run: npm run bench:core [-- --rounds 5 --requests 60000]
import { parseArgs } from 'node:util';
import { createSimulator } from '../mock-server/core/simulator.ts';
import type { SimRequest } from '../mock-server/core/types.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, requests: { type: 'string', default: '60000' } } });
const whole = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: must be a whole number of 1 or more (got "${text}")`);
  return n;
};
const rounds = whole('rounds', values.rounds!);
const requests = whole('requests', values.requests!);

async function measure(responseCache: boolean): Promise<number> {
  const sim = createSimulator({ seed: 1, size: 'small', today: '2026-11-26', responseCache });
  const token = await sim.handle({ method: 'POST', path: '/oauth/accesstoken', query: {}, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' }) });
  const authorization = `Bearer ${(JSON.parse(String(token.body)) as { access_token: string }).access_token}`;
  const request = (): SimRequest => ({ method: 'GET', path: '/v1/practitioners/', query: { _count: '20' }, queryString: '_count=20', headers: { authorization } });
  // The uncached path does a search's whole work each time: fewer requests make as long a round.
  const n = responseCache ? requests : Math.max(1, Math.round(requests / 15));
  for (let i = 0; i < n / 4; i++) await sim.handle(request());
  const perSecond: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await sim.handle(request());
      if (res.status !== 200) throw new Error(`the search answered ${res.status}`);
    }
    perSecond.push(n / ((performance.now() - started) / 1000));
  }
  perSecond.sort((a, b) => a - b);
  return perSecond[Math.floor(perSecond.length / 2)]!;
}

const cached = await measure(true);
const uncached = await measure(false);
console.log(`GET /v1/practitioners/?_count=20 handed to the core, median of ${rounds} rounds`);
console.log(`search cache on   ${Math.round(cached).toLocaleString('en-US').padStart(9)} requests/s`);
console.log(`search cache off  ${Math.round(uncached).toLocaleString('en-US').padStart(9)} requests/s`);
console.log(`cache on / off:   ${(cached / uncached).toFixed(1)}x`);
