// gigi-harness: the Gigi integration's command line. The composition root for
// commands: real clock, real fetch, the environment through config.ts.
import { Command, CommanderError } from 'commander';
import { pathToFileURL } from 'node:url';
import { systemClock } from './clock.ts';
import { ConfigError, describeConfig, loadConfig, runningInCi, type Config } from './config.ts';
import { callerIdCommand } from './commands/callerid.ts';
import { clockInWatchCommand } from './commands/clock-in-watch.ts';
import { dataQualityCommand } from './commands/data-quality.ts';
import { recordCommand, reproPackCommand } from './commands/repro.ts';
import { serveCommand } from './commands/serve.ts';
import { suiteCommand } from './commands/suite.ts';
import { syncCommand } from './commands/sync.ts';
import { wantsProgress } from './commands/sync-progress.ts';
import { formatReport, runDoctor } from './doctor/doctor.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether a person watches stderr (progress bars). */
  isTTY?: boolean;
  /** Resolves when the process is asked to stop (Ctrl-C, SIGTERM); `serve` waits on it. */
  stopSignal?: Promise<void>;
}

const consoleIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTTY: Boolean(process.stderr.isTTY),
  get stopSignal() {
    return new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  },
};

/** The configuration, or its problems on stderr and undefined. */
function configOrProblems(io: CliIo): Config | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`The configuration has ${error.problems.length} problem${error.problems.length > 1 ? 's' : ''}:`);
    for (const p of error.problems) io.err(`  ${p.variable}: ${p.message}`);
    return undefined;
  }
}

/** A command's failure to start (the cache or WellSky unreachable) as one line, not a stack trace. */
async function reported(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    io.err(`gigi-harness: ${(error as Error).message}`);
    return 1;
  }
}

/** Runs one command; resolves to the exit code (0 worked, 1 a check failed, 2 a wrong command line). */
export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('gigi-harness')
    .description("Gigi's WellSky integration: configuration, connection check, cache sync, caller ID and the webhook server")
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.out(t.trimEnd()), writeErr: (t) => io.err(t.trimEnd()) });

  program
    .command('config')
    .description('print the effective configuration (secrets shown only as their length)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      try {
        const rows = describeConfig(loadConfig());
        if (opts.json) io.out(JSON.stringify(rows, null, 2));
        else for (const r of rows) io.out(`${r.name.padEnd(38)} ${r.value}${r.source === 'default' ? '  (default)' : ''}`);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        io.err(`The configuration has ${error.problems.length} problem${error.problems.length > 1 ? 's' : ''}:`);
        for (const p of error.problems) io.err(`  ${p.variable}: ${p.message}`);
        code = 1;
      }
    });

  program
    .command('doctor')
    .description('check the configuration, get a token, make a short read-only probe, and say what works and whose fault each failure is')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const report = await runDoctor({ clock: systemClock });
      io.out(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
      code = report.ok ? 0 : 1;
    });

  program
    .command('repro-pack')
    .description("run the doctor probe recording every exchange, and write a support pack for a WellSky ticket: README.md, exchanges.har, replay.sh, violations.json (redacted), and a .zip of them")
    .requiredOption('--out <dir>', 'a new folder for the pack (the zip goes beside it)')
    .option('--scenario <name>', 'mock mode: the simulated WellSky plays this scenario')
    .option('--zip', 'also write DIR.zip, the folder zipped (the default)')
    .option('--no-zip', 'write the folder only')
    .option('--no-redact-phi', "keep names, phones and notes (the agency's own use; refused with a zip)")
    .option('--verbose', 'log each exchange, redacted, to stderr')
    .action(async (opts: { out: string; scenario?: string; zip?: boolean; redactPhi: boolean; verbose?: boolean }) => {
      code = await reported(io, () => reproPackCommand({ ...opts, zip: opts.zip !== false }, { clock: systemClock, out: io.out, err: io.err }));
    });

  program
    .command('record')
    .description('run the doctor probe read-only, recording every exchange, and write it as a scenario the simulated WellSky replays (redacted)')
    .requiredOption('--out <file>', 'the scenario file to write, e.g. scenarios/recorded-january.yaml')
    .option('--scenario <name>', 'mock mode: record the simulated WellSky playing this scenario')
    .option('--verbose', 'log each exchange, redacted, to stderr')
    .action(async (opts: { out: string; scenario?: string; verbose?: boolean }) => {
      code = await reported(io, () => recordCommand(opts, { clock: systemClock, out: io.out, err: io.err }));
    });

  program
    .command('sync')
    .description("copy WellSky's caregivers, clients and family contacts into the cache (incremental after the first run)")
    .option('--full', 'read everything, even when an incremental run would do')
    .option('--allow-shrink', 'write a full run even when it lists under half the people the cache holds')
    .option('--json', 'machine-readable output, no progress bar')
    .action(async (opts: { full?: boolean; allowShrink?: boolean; json?: boolean }) => {
      const config = configOrProblems(io);
      if (!config) return void (code = 1);
      const progress = wantsProgress({ json: opts.json, ci: runningInCi(), isTTY: io.isTTY ?? false });
      code = await reported(io, () => syncCommand(config, { clock: systemClock }, { ...opts, progress }, io.out, io.err));
    });

  program
    .command('callerid')
    .description('say who a phone number belongs to, as the voice webhook would')
    .argument('<number>', 'the number as a phone reports it, e.g. "+1 (303) 555-0101"')
    .option('--json', 'machine-readable output')
    .option('--no-sync', 'do not sync a cache that was never synced; ask with what it holds')
    .action(async (number: string, opts: { json?: boolean; sync: boolean }) => {
      const config = configOrProblems(io);
      if (!config) return void (code = 1);
      code = await reported(io, () => callerIdCommand(config, { clock: systemClock }, number, opts, io.out, io.err));
    });

  program
    .command('clock-in-watch')
    .description("one run of the clock-in watch serve runs every few minutes: a text before each shift, a page to the on-call manager when a shift is 15 minutes in without a clock-in (each once)")
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const config = configOrProblems(io);
      if (!config) return void (code = 1);
      code = await reported(io, () => clockInWatchCommand(config, { clock: systemClock }, opts, io.out, io.err));
    });

  program
    .command('data-quality')
    .description('current caregivers and clients without a usable mobile number, an email or an address; unreadable and shared numbers (from the cache, synced first if it never was)')
    .option('--json', 'machine-readable output: counts and every list in full')
    .action(async (opts: { json?: boolean }) => {
      const config = configOrProblems(io);
      if (!config) return void (code = 1);
      code = await reported(io, () => dataQualityCommand(config, { clock: systemClock }, opts, io.out, io.err));
    });

  program
    .command('serve')
    .description("Gigi's HTTP side: Retell's inbound-call webhook and WellSky's change notifications")
    .option('--port <n>', 'port to listen on (default GIGI_PORT, else 8080; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)', '127.0.0.1')
    .action(async (opts: { port?: string; host: string }) => {
      const config = configOrProblems(io);
      if (!config) return void (code = 1);
      let port = config.port;
      if (opts.port !== undefined) {
        if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) {
          io.err(`--port: must be a whole number from 0 to 65535 (got "${opts.port}")`);
          return void (code = 2);
        }
        port = Number(opts.port);
      }
      code = await reported(io, () => serveCommand(config, { clock: systemClock }, { port, host: opts.host, stop: io.stopSignal ?? new Promise(() => {}) }, io.out, io.err));
    });

  program
    .command('suite')
    .description('the Zingage-replacement suite: every workflow in every scenario, driven over HTTP as the phone platform does, against the embedded simulated WellSky; writes reports/junit.xml and reports/summary.md')
    .option('--scenario <names>', 'only these scenarios (comma-separated names from scenarios/)')
    .option('--workflow <names>', 'only these workflows (comma-separated: caller-id, call-out, complaint, prospect-intake, clock-in-watch, data-quality)')
    .option('--json', 'the results as JSON on stdout')
    .option('--reports <dir>', 'where junit.xml and summary.md go', 'reports')
    .action(async (opts: { scenario?: string; workflow?: string; json?: boolean; reports: string }) => {
      const config = configOrProblems(io);
      if (!config) return void (code = 1);
      const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((t) => t.trim()).filter(Boolean));
      const scenarios = list(opts.scenario);
      const workflows = list(opts.workflow);
      code = await reported(io, () =>
        suiteCommand(config, { clock: systemClock }, { ...(scenarios ? { scenarios } : {}), ...(workflows ? { workflows } : {}), json: opts.json ?? false, reportsDir: opts.reports, isTTY: io.isTTY ?? false, color: (io.isTTY ?? false) && !runningInCi() }, io.out, io.err),
      );
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return code;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
