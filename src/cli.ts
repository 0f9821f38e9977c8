// gigi-harness: the Gigi integration's command line. The composition root for
// commands: real clock, real fetch, the environment through config.ts.
import { Command, CommanderError } from 'commander';
import { pathToFileURL } from 'node:url';
import { systemClock } from './clock.ts';
import { ConfigError, describeConfig, loadConfig } from './config.ts';
import { formatReport, runDoctor } from './doctor/doctor.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleIo: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** Runs one command; resolves to the exit code (0 worked, 1 a check failed, 2 a wrong command line). */
export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('gigi-harness')
    .description("Gigi's WellSky integration: check the configuration and the connection")
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
