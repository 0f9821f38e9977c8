import { createSimulator } from './mock-server/core/simulator.ts';
const responseCache = process.argv[2] !== 'nocache';
const sim: any = await (createSimulator as any)({ seed: 1, size: 'small', today: '2026-11-26', responseCache });
const tok = await sim.handle({ method: 'POST', path: '/oauth/accesstoken', query: {}, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' }) });
const token = JSON.parse(tok.body).access_token;
const req = () => ({ method: 'GET', path: '/v1/practitioners/', query: { _count: '20' }, queryString: '_count=20', headers: { authorization: `Bearer ${token}` } });
const n = responseCache ? 60000 : 8000;
for (let i = 0; i < n / 4; i++) await sim.handle(req());
const rounds: number[] = [];
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  for (let i = 0; i < n; i++) { const res = await sim.handle(req()); if (res.status !== 200) throw new Error(String(res.status)); }
  rounds.push(n / ((performance.now() - t) / 1000));
}
rounds.sort((a, b) => a - b);
console.log(`${responseCache ? 'cached' : 'uncached'} median ${Math.round(rounds[2])} handle/s (rounds ${rounds.map(Math.round).join(' ')})`);
