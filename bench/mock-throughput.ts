// Throughput of the simulated WellSky against Prism and a bare node:http server,
// in one run, on the same endpoint and the same bytes: a 20-entry practitioner
// search. Not part of `npm test`. Run: npm run bench:mock [-- --seconds 10 --connections 50 --rounds 3]
// Each round measures every server once, in a rotating order; the medians are
// reported, since a 2-core machine's figures move from one run to the next.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parse, stringify } from 'yaml';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, warmup: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
for (const [name, v] of [['seconds', seconds], ['connections', connections], ['warmup', warmup], ['rounds', rounds]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: must be a whole number of 1 or more`);
}

const PATH = '/v1/practitioners/?_count=20';
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill()));

function forkServer(script: string, args: string[] = []): Promise<string> {
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function startPrism(specPath: string, port: number): Promise<string> {
  // The binary itself, not `npx prism`: killing npx would leave Prism running after the bench.
  const child = spawn(new URL('../node_modules/.bin/prism', import.meta.url).pathname, ['mock', specPath, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  // Silent mode prints nothing: poll until it answers.
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(async () => {
      try {
        await fetch(`${url}${PATH}`, { headers: { authorization: 'Bearer x' } });
        clearInterval(timer);
        resolve(url);
      } catch {
        if (Date.now() - started > 60_000) clearInterval(timer), reject(new Error('prism did not start within 60 s'));
      }
    }, 250);
  });
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Measurement> {
  const opts = { url: `${url}${PATH}`, headers, connections, pipelining: 1 };
  await autocannon({ ...opts, duration: warmup });
  const r = await autocannon({ ...opts, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors; the comparison would be unfair`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const mockScript = new URL('./servers/mock.ts', import.meta.url).pathname;
const mockUrl = await forkServer(mockScript);
const uncachedUrl = await forkServer(mockScript, ['--no-cache']);
const token = (await (await fetch(`${mockUrl}/oauth/accesstoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' }) })).json()) as { access_token: string };
const headers = { authorization: `Bearer ${token.access_token}` };
const uncachedToken = (await (await fetch(`${uncachedUrl}/oauth/accesstoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'gigi-mock-client', client_secret: 'gigi-mock-secret' }) })).json()) as { access_token: string };
const uncachedHeaders = { authorization: `Bearer ${uncachedToken.access_token}` };
const payload = await (await fetch(`${mockUrl}${PATH}`, { headers })).text();
const entryCount = (JSON.parse(payload) as { entry: unknown[] }).entry.length;
if (entryCount !== 20) throw new Error(`expected a 20-entry page, got ${entryCount}`);

// Prism serves the same bytes: a copy of the spec whose example is this page.
const dir = mkdtempSync(join(tmpdir(), 'bench-'));
const spec = parse(readFileSync('spec/swagger.yaml', 'utf8'));
spec.components.examples.PractitionerBundle.value = JSON.parse(payload);
writeFileSync(join(dir, 'swagger.yaml'), stringify(spec));
writeFileSync(join(dir, 'payload.json'), payload);

const bareUrl = await forkServer(new URL('./servers/bare.ts', import.meta.url).pathname, [join(dir, 'payload.json')]);
const prismUrl = await startPrism(join(dir, 'swagger.yaml'), 4000 + Math.floor(Math.random() * 1000));

console.log(`GET ${PATH} (${payload.length} bytes, ${entryCount} entries); ${connections} connections, ${seconds} s after ${warmup} s warm-up, median of ${rounds} rounds\n`);
const servers = [
  { name: 'mock (validation, auth, journal on)', url: mockUrl },
  { name: 'mock, search cache off', url: uncachedUrl },
  { name: 'prism mock (static example, -v silent)', url: prismUrl },
  { name: 'bare node:http (same bytes)', url: bareUrl },
];
const results = new Map<string, Measurement[]>(servers.map((s) => [s.name, []]));
for (let round = 0; round < rounds; round++) {
  // Rotate the order so no server always runs first (or last) in a round.
  for (let i = 0; i < servers.length; i++) {
    const server = servers[(i + round) % servers.length]!;
    // The uncached mock answers the same search fresh each time: use its own token.
    const auth = server.url === uncachedUrl ? uncachedHeaders : headers;
    results.get(server.name)!.push(await measure(server.name, server.url, auth));
  }
}
const summary = servers.map((s) => {
  const runs = results.get(s.name)!;
  return { name: s.name, rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), all: runs.map((r) => r.rps.toFixed(0)).join(' / ') };
});
for (const r of summary) {
  console.log(`${r.name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   (rounds: ${r.all})`);
}
const [mock, uncached, prism, bare] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
console.log(`\nmock / prism: ${(mock.rps / prism.rps).toFixed(2)}x   (target at least 3x)`);
console.log(`mock / bare:  ${((mock.rps / bare.rps) * 100).toFixed(0)}%   (target at least 70%)`);
console.log(`cache off:    ${(uncached.rps / prism.rps).toFixed(2)}x prism, ${((uncached.rps / bare.rps) * 100).toFixed(0)}% of bare`);
process.exit(0);
