// `gigi-harness repro-pack`: runs the doctor probe while recording every
// exchange at the client's fetch boundary, then writes the attachment for a
// WellSky ticket — README.md, exchanges.har, replay.sh, violations.json — to a
// new folder, and a .zip of it. Everything is redacted in memory before the
// first byte is written. Keeping health data (--no-redact-phi) is for the
// agency's own use and cannot be zipped, so it cannot be attached by habit.
import { zipSync, strToU8 } from 'fflate';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DoctorReport } from '../doctor/doctor.ts';
import { ContractChecker, type Violation } from './contract-check.ts';
import { buildHar } from './har.ts';
import { buildPackReadme, type Diagnosis } from './pack-readme.ts';
import { PackOptionError, recordProbe, type ProbeRunOptions } from './recorded-probe.ts';
import type { RecordedExchange } from './recorder.ts';
import { buildReplayScript } from './replay-script.ts';

export interface ReproPackOptions extends Omit<ProbeRunOptions, 'keepHealthData'> {
  /** A new or empty folder; the pack never writes over anything. */
  outDir: string;
  /** Also write `<outDir>.zip` (default true). */
  zip?: boolean;
  /** Replace health data (default true). False keeps it: refused with zip. */
  redactHealthData?: boolean;
}

export interface ReproPack {
  dir: string;
  zipPath?: string;
  files: string[];
  report: DoctorReport;
  diagnosis: Diagnosis;
  violations: Violation[];
  /** As written (redacted). */
  exchanges: RecordedExchange[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PACK_FILES = ['README.md', 'exchanges.har', 'replay.sh', 'violations.json'] as const;

/** Refuses what would lose data or let health data out, before anything runs. */
export function checkPackOptions(options: Pick<ReproPackOptions, 'outDir' | 'zip' | 'redactHealthData'>): void {
  if (options.redactHealthData === false && options.zip !== false) {
    throw new PackOptionError('--no-redact-phi keeps names, phones and notes in the pack: that is for the agency\'s own use, never an attachment, so it is refused with a zip; add --no-zip');
  }
  const dir = resolve(options.outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new PackOptionError(`--out: ${options.outDir} exists and is not empty; name a new folder (a pack never writes over files)`);
  if (options.zip !== false && existsSync(`${dir}.zip`)) throw new PackOptionError(`--out: ${options.outDir}.zip already exists; name a new folder or move the old zip`);
}

export async function buildReproPack(options: ReproPackOptions): Promise<ReproPack> {
  checkPackOptions(options);
  const { report, raw, exchanges, redactor } = await recordProbe({ ...options, keepHealthData: options.redactHealthData === false });
  const checker = new ContractChecker();
  const violations = checker.check(raw).map((v) => ({ ...v, message: redactor.text(v.message) }));

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const madeAt = new Date(options.clock.now()).toISOString();
  const { readme, diagnosis } = buildPackReadme({
    report,
    exchanges,
    violations,
    text: (v) => redactor.text(v),
    environment: {
      tool: `${pkg.name} ${pkg.version} (gigi-harness repro-pack)`,
      specVersion: checker.specVersion,
      specSha256: checker.specSha256,
      node: process.version,
      madeAt,
      redaction: redactor.keepHealthData
        ? 'health data KEPT (--no-redact-phi): for the agency\'s own use, do not send; credentials and tokens replaced'
        : 'on: credentials, tokens and health data replaced',
    },
  });
  const contents: Record<(typeof PACK_FILES)[number], string> = {
    'README.md': readme,
    'exchanges.har': `${JSON.stringify(buildHar(exchanges, { name: 'gigi-harness repro-pack', version: pkg.version }), null, 2)}\n`,
    'replay.sh': buildReplayScript(exchanges, { generatedAt: madeAt, recordedAgainst: redactor.text(report.target ?? 'no target') }),
    'violations.json': `${JSON.stringify(violations, null, 2)}\n`,
  };
  // Last line of defence: no secret the run saw may be in any file.
  for (const [name, text] of Object.entries(contents)) {
    if (redactor.holdsSecret(text)) throw new Error(`repro-pack: ${name} still held a credential or token; nothing was written`);
  }
  const dir = resolve(options.outDir);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  // Executable whatever the umask: it is meant to be run.
  chmodSync(join(dir, 'replay.sh'), 0o755);
  let zipPath: string | undefined;
  if (options.zip !== false) {
    zipPath = `${dir}.zip`;
    const folder = basename(dir);
    const entries = Object.fromEntries(Object.entries(contents).map(([name, text]) => [`${folder}/${name}`, [strToU8(text), { os: 3, attrs: (name === 'replay.sh' ? 0o100755 : 0o100644) << 16 }] as const]));
    mkdirSync(dirname(zipPath), { recursive: true });
    writeFileSync(zipPath, zipSync(entries as never, { level: 9, mtime: new Date(options.clock.now()) }));
  }
  return { dir, ...(zipPath ? { zipPath } : {}), files: [...PACK_FILES], report, diagnosis, violations, exchanges };
}
