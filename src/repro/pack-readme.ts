// The pack's README.md: what a support engineer reads in a minute. The
// diagnosis first (all clear, the agency's own, or what WellSky must look at),
// then what was tried, each failure with its kind, owner and evidence, what
// fell outside the contract, what the agency asks of WellSky, and where and
// with what it ran. Everything in it is already redacted.
import type { DoctorReport } from '../doctor/doctor.ts';
import { OWNERS, type Finding, type Owner } from '../wellsky/diagnosis.ts';
import type { Violation } from './contract-check.ts';
import type { RecordedExchange } from './recorder.ts';

export interface PackEnvironment {
  tool: string;
  specVersion: string;
  specSha256: string;
  node: string;
  madeAt: string;
  redaction: string;
}

// What a client-side finding is about, in the words of the diagnosis line.
const CLIENT_ASPECT: Partial<Record<Finding, string>> = {
  'unknown-route': 'path',
  'auth-scheme': 'scheme',
  'token-rejected': 'token handling',
  'token-expired': 'token handling',
  'not-found': 'request',
  validation: 'request',
  configuration: 'configuration',
  'host-not-found': 'base URL',
  'writes-disabled': 'configuration',
};
const VIOLATION_ASPECT: Partial<Record<Violation['check'], string>> = { route: 'path', 'auth-scheme': 'scheme', 'request-body': 'request' };
const ASPECT_ORDER = ['path', 'scheme', 'token handling', 'request', 'base URL', 'configuration'];

// Response headers that say something to support; the rest are in the HAR.
const TELLING_HEADERS = ['content-type', 'retry-after', 'x-amzn-errortype', 'x-amzn-requestid', 'x-amz-apigw-id', 'www-authenticate', 'date'];

type Step = DoctorReport['steps'][number];

export interface Diagnosis {
  /** One line: all clear, client-side …, or what WellSky's side shows. */
  headline: string;
  owners: Owner[];
  asksWellSky: boolean;
}

export function diagnose(report: DoctorReport, violations: Violation[]): Diagnosis {
  const failed = report.steps.filter((s) => s.outcome === 'failed');
  const owners = [...new Set(failed.map((s) => s.owner).filter((o): o is Owner => o !== undefined))];
  const requestFindings = violations.filter((v) => v.side === 'request');
  if (failed.length === 0 && requestFindings.length === 0) return { headline: 'All clear: every check worked, and nothing here needs WellSky.', owners, asksWellSky: false };
  const aspects = new Set<string>();
  for (const s of failed) if (s.owner === 'agency-client' && s.finding && CLIENT_ASPECT[s.finding]) aspects.add(CLIENT_ASPECT[s.finding]!);
  for (const v of requestFindings) if (VIOLATION_ASPECT[v.check]) aspects.add(VIOLATION_ASPECT[v.check]!);
  const words = ASPECT_ORDER.filter((a) => aspects.has(a));
  const list = words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  const clientSide = `Client-side ${list || 'request'}`;
  if (owners.every((o) => o === 'agency-client')) return { headline: `${clientSide}: every failure is the agency client's own, so there is nothing to ask WellSky.`, owners, asksWellSky: false };
  const wellsky = failed.filter((s) => s.owner === 'wellsky');
  const account = failed.filter((s) => s.owner === 'agency-account');
  const parts: string[] = [];
  // The agency's own mistakes come first: until its requests are right, what else failed may follow from them.
  if (aspects.size || failed.some((s) => s.owner === 'agency-client')) parts.push(`${clientSide} first`);
  if (wellsky.length) parts.push(`WellSky's side: ${[...new Set(wellsky.map((s) => s.finding))].join(', ')} (${wellsky.map((s) => s.name).join(', ')})`);
  if (account.length) parts.push(`the agency's WellSky account: ${[...new Set(account.map((s) => s.finding))].join(', ')} (${account.map((s) => s.name).join(', ')})`);
  const outside = contractBreakingPaths(violations);
  const askable = wellsky.some((s) => !outside.has(s.evidence?.path ?? '')) || account.some((s) => s.finding === 'not-provisioned' && !outside.has(s.evidence?.path ?? ''));
  return { headline: `${parts.join('; then ')}.`.replace(/^./, (c) => c.toUpperCase()), owners, asksWellSky: askable };
}

/** Paths the client sent that are not routes of the API: nothing WellSky answered for them is WellSky's to explain. */
function contractBreakingPaths(violations: Violation[]): Set<string> {
  return new Set(violations.filter((v) => v.check === 'route').map((v) => v.path));
}

export function buildPackReadme(input: {
  report: DoctorReport;
  exchanges: RecordedExchange[];
  violations: Violation[];
  environment: PackEnvironment;
  /** Free text from the doctor (summaries, details) through the redactor. */
  text: (value: string) => string;
}): { readme: string; diagnosis: Diagnosis } {
  const { report, exchanges, violations, environment, text } = input;
  const diagnosis = diagnose(report, violations);
  const failed = report.steps.filter((s) => s.outcome === 'failed');
  const lines: string[] = [];
  lines.push('# WellSky Connect API: support pack', '');
  lines.push(`**Diagnosis: ${diagnosis.headline}**`, '');
  lines.push(`**The question.** ${question(failed, diagnosis, contractBreakingPaths(violations))}`, '');
  lines.push('| | |', '| --- | --- |');
  lines.push(`| made | ${environment.madeAt} |`);
  lines.push(`| against | ${text(report.target ?? 'no target (the configuration failed first)')} |`);
  lines.push(`| agency id | ${report.agencyId ?? 'not known'} |`);
  lines.push(`| tool | ${environment.tool} |`);
  lines.push(`| spec | spec/swagger.yaml ${environment.specVersion}, sha256 ${environment.specSha256.slice(0, 16)} |`);
  lines.push(`| Node | ${environment.node} |`);
  lines.push(`| redaction | ${environment.redaction} |`, '');

  lines.push('## What was tried', '');
  lines.push('The `doctor` probe, read-only: a token, then one search and one read of each core resource.', '');
  const mark = { worked: '✓ worked', failed: '✗ failed', skipped: '– skipped' } as const;
  report.steps.forEach((s, i) => lines.push(`${i + 1}. **${s.name}** ${mark[s.outcome]}: ${text(s.summary).replace(/\n/g, '; ')}`));
  lines.push('');
  const retried = retries(exchanges);
  if (retried.length) {
    lines.push('Calls tried more than once (the client retries reads on 429, 502, 503, 504 and dropped connections, waiting as Retry-After asks):', '');
    for (const r of retried) lines.push(`- \`${r.method} ${r.path}\`: ${r.statuses.join(' → ')} (request id \`${r.requestId}\`)`);
    lines.push('');
  }

  lines.push('## Failures', '');
  if (failed.length === 0) lines.push('None.', '');
  for (const s of failed) lines.push(...failureSection(s, exchanges, text));

  lines.push('## Outside the contract', '');
  if (violations.length === 0) lines.push('Every request and answer recorded is within spec/swagger.yaml (violations.json is empty).', '');
  else {
    lines.push(`${violations.length} finding${violations.length > 1 ? 's' : ''} (all in violations.json):`, '');
    for (const v of violations.slice(0, 12)) lines.push(`- exchange ${v.exchange}, ${v.side}: ${v.method} ${v.path}${v.status !== undefined ? ` → ${v.status}` : ''}: ${v.message}`);
    if (violations.length > 12) lines.push(`- … and ${violations.length - 12} more`);
    lines.push('');
  }

  lines.push('## What the agency needs from WellSky', '');
  lines.push(...asks(failed, diagnosis, report.agencyId ?? 'of this pack', contractBreakingPaths(violations)), '');

  lines.push('## In this pack', '');
  lines.push(`- \`exchanges.har\`: the ${exchanges.length} exchange${exchanges.length === 1 ? '' : 's'} recorded at the client's fetch boundary, with timings (HAR 1.2: a browser's devtools import it).`);
  lines.push('- `replay.sh`: the same requests with curl; set WELLSKY_BASE_URL, WELLSKY_CLIENT_ID and WELLSKY_CLIENT_SECRET and it prints each status beside the recorded one.');
  lines.push("- `violations.json`: each exchange checked against the API's own contract (spec/swagger.yaml).");
  lines.push('', 'Ids are kept, as they are what support looks up. Credentials, tokens and the gateway\'s hash of the Authorization header are placeholders; names, phones, emails, addresses, birth dates and notes are consistent pseudonyms (`Patient-1`, 555-01xx) unless the redaction line above says otherwise.', '');
  return { readme: lines.join('\n'), diagnosis };
}

function question(failed: Step[], diagnosis: Diagnosis, outside: Set<string>): string {
  if (failed.length === 0) return diagnosis.headline.startsWith('All clear') ? 'None: this pack records a run in which everything worked, for comparison.' : 'None for WellSky: the requests themselves are outside the API\'s contract (below).';
  if (!diagnosis.asksWellSky) {
    return diagnosis.owners.includes('agency-account')
      ? "None for WellSky yet: the agency first checks its credentials with its WellSky administrator (below)."
      : "None for WellSky: what failed is the agency client's own doing, and the fix is on its side (below).";
  }
  const first = failed.find((s) => s.owner !== 'agency-client' && !outside.has(s.evidence?.path ?? '')) ?? failed[0]!;
  const e = first.evidence;
  const where = e?.method && e.path ? `${e.method} ${e.path}` : first.name;
  return `Why does ${where} answer ${e?.status !== undefined ? `HTTP ${e.status}` : 'nothing'} (${first.finding})${failed.length > 1 ? `, and the other ${failed.length - 1} failure${failed.length > 2 ? 's' : ''} below` : ''}?`;
}

function failureSection(s: Step, exchanges: RecordedExchange[], text: (v: string) => string): string[] {
  const out = [`### ${s.name}: ${s.finding} — ${s.owner ? OWNERS[s.owner] : 'unknown side'}`, ''];
  if (s.meaning) out.push(`- **what it means**: ${s.meaning}`);
  const e = s.evidence;
  if (e) {
    out.push(`- **evidence**: \`${e.method ?? '?'} ${e.path ?? '?'}\` → ${e.status ?? 'no answer'}${e.attempts && e.attempts > 1 ? ` after ${e.attempts} tries` : ''}; request id \`${e.requestId ?? 'none'}\``);
    out.push(`- **detail**: ${text(e.detail)}`);
    const attempts = exchanges.filter((x) => x.requestId && x.requestId === e.requestId);
    const last = attempts[attempts.length - 1];
    if (last) {
      const headers = Object.entries(last.responseHeaders ?? {}).filter(([k]) => TELLING_HEADERS.includes(k.toLowerCase()));
      if (headers.length) out.push(`- **headers**: ${headers.map(([k, v]) => `\`${k}: ${v}\``).join(', ')}`);
      if (last.error) out.push(`- **no answer**: ${last.error}`);
      if (last.responseBody !== undefined) {
        const body = last.responseBody.length > 800 ? `${last.responseBody.slice(0, 800)}… (${last.responseBody.length} characters in all; whole in exchanges.har)` : last.responseBody;
        out.push('- **body** (redacted):', '', '```', body === '' ? '(empty)' : body, '```');
      }
      const numbers = exchanges.indexOf(last) + 1;
      out.push(`- **in exchanges.har**: entry ${numbers}${attempts.length > 1 ? ` (tries: entries ${attempts.map((a) => exchanges.indexOf(a) + 1).join(', ')})` : ''}`);
    }
  }
  if (s.fix) out.push(`- **what to do**: ${s.fix}`);
  out.push('');
  return out;
}

function asks(failed: Step[], diagnosis: Diagnosis, agencyId: string, outside: Set<string>): string[] {
  if (!diagnosis.asksWellSky) return ['Nothing. ' + (failed.length ? "Every failure is on the agency's side, or follows from a request outside the API's contract; the fixes above are the agency's to make." : 'Everything worked.')];
  const out: string[] = [];
  for (const s of failed) {
    const e = s.evidence;
    if (outside.has(e?.path ?? '')) continue;
    const where = e?.method && e.path ? `${e.method} ${e.path}` : s.name;
    if (s.owner === 'wellsky') out.push(`- Look into ${where} (${s.finding}${e?.status !== undefined ? `, HTTP ${e.status}` : ''}), request id \`${e?.requestId ?? 'none'}\`, at the time above.`);
    if (s.finding === 'not-provisioned') out.push(`- Enable Connect API access to ${where} for agency ${agencyId} (request id \`${e?.requestId ?? 'none'}\`).`);
    if (s.finding === 'bad-credentials') out.push('- Nothing yet: the agency first checks the client id and secret with its WellSky administrator.');
  }
  return out;
}

/** The calls that took more than one try, with each try's status (or `no answer`), in order. */
function retries(exchanges: RecordedExchange[]): { method: string; path: string; requestId: string; statuses: string[] }[] {
  const byId = new Map<string, RecordedExchange[]>();
  for (const x of exchanges) if (x.requestId) byId.set(x.requestId, [...(byId.get(x.requestId) ?? []), x]);
  return [...byId]
    .filter(([, tries]) => tries.length > 1)
    .map(([requestId, tries]) => ({ method: tries[0]!.method, path: new URL(tries[0]!.url).pathname, requestId, statuses: tries.map((t) => (t.status === undefined ? 'no answer' : String(t.status))) }));
}
