// `gigi-harness repro-pack` and `gigi-harness record`: the command-line side of
// src/repro/. Options are checked before anything runs; what was written, and
// the diagnosis, are printed; `--verbose` logs each exchange (redacted) to stderr.
import type { Clock } from '../clock.ts';
import { environmentWith } from '../config.ts';
import { createLogger } from '../log.ts';
import { recordScenario } from '../repro/recording.ts';
import { PackOptionError } from '../repro/recorded-probe.ts';
import { buildReproPack } from '../repro/repro-pack.ts';

export interface ReproCommandPorts {
  clock: Clock;
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  mockOptions?: Record<string, unknown>;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The environment with `--scenario` applied: a scenario is the simulated WellSky's, so mock mode only. */
function withScenario(given: Record<string, string | undefined> | undefined, scenario: string | undefined): Record<string, string | undefined> | undefined {
  if (scenario === undefined) return given;
  const env = given ?? environmentWith({});
  const mode = env.WELLSKY_MODE ?? 'mock';
  if (mode !== 'mock') throw new PackOptionError(`--scenario: scenarios are the simulated WellSky's; WELLSKY_MODE is ${mode} (unset it, or set it to mock, to use --scenario)`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(scenario) && !/\.ya?ml$/.test(scenario)) throw new PackOptionError(`--scenario: "${scenario}" is not a scenario name (lower-case letters, digits and dashes; see scenarios/) or a path to a .yaml file`);
  return { ...env, WELLSKY_MODE: 'mock', WELLSKY_MOCK_SCENARIO: scenario };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

const logTo = (err: (text: string) => void) => createLogger({ destination: { write: (line: string) => err(line.trimEnd()) } });

export async function reproPackCommand(opts: { out: string; scenario?: string; zip: boolean; redactPhi: boolean; verbose?: boolean }, ports: ReproCommandPorts): Promise<number> {
  try {
    const pack = await buildReproPack({
      outDir: opts.out,
      zip: opts.zip,
      redactHealthData: opts.redactPhi,
      clock: ports.clock,
      ...optional('env', withScenario(ports.env, opts.scenario)),
      ...(ports.fetch ? { fetch: ports.fetch } : {}),
      ...(ports.mockOptions ? { mockOptions: ports.mockOptions } : {}),
      ...(opts.verbose ? { log: logTo(ports.err) } : {}),
    });
    ports.out(`Wrote ${pack.dir} (${pack.files.join(', ')})${pack.zipPath ? ` and ${pack.zipPath}` : ''}.`);
    ports.out(`Diagnosis: ${pack.diagnosis.headline}`);
    if (!opts.redactPhi) ports.out('Health data was KEPT (--no-redact-phi): this folder is for the agency only; do not attach it to a ticket.');
    return 0;
  } catch (error) {
    if (!(error instanceof PackOptionError)) throw error;
    ports.err(`gigi-harness repro-pack: ${error.message}`);
    return 2;
  }
}

export async function recordCommand(opts: { out: string; scenario?: string; verbose?: boolean }, ports: ReproCommandPorts): Promise<number> {
  try {
    const recording = await recordScenario({
      out: opts.out,
      clock: ports.clock,
      ...optional('env', withScenario(ports.env, opts.scenario)),
      ...(ports.fetch ? { fetch: ports.fetch } : {}),
      ...(ports.mockOptions ? { mockOptions: ports.mockOptions } : {}),
      ...(opts.verbose ? { log: logTo(ports.err) } : {}),
    });
    const statuses = recording.exchanges.map((x) => x.status ?? 'no answer').join(', ');
    ports.out(`Wrote ${recording.file}: scenario ${recording.name}, ${recording.exchanges.length} exchanges (${statuses}).`);
    ports.out(`Replay it: WELLSKY_MOCK_SCENARIO=${recording.file} npm run doctor, or npm run mock -- --scenario ${recording.file}`);
    return 0;
  } catch (error) {
    if (!(error instanceof PackOptionError)) throw error;
    ports.err(`gigi-harness record: ${error.message}`);
    return 2;
  }
}
