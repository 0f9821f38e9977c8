import path from 'node:path';
import { UsageError } from './errors.ts';

export interface CliArgs {
  /** Absolute input path, and whether it came from --spec (changes the "not found" advice). */
  spec: string;
  specFromFlag: boolean;
  out: string;
  outFromFlag: boolean;
  check: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run generate [-- [--spec <path>] [--out <path>] [--check]]

  --spec <path>  Swagger 2.0 or OpenAPI 3.x file, YAML or JSON (default: spec/swagger.yaml)
  --out <path>   TypeScript file to write (default: generated/wellsky.ts)
  --check        Write nothing; exit 1 if the output file is missing or out of date
  --help         Show this help`;

/**
 * Parses argv (after the script name). Relative paths are taken from where the user typed the command:
 * `npm run` moves the cwd to the repo root but keeps the original in INIT_CWD.
 */
export function parseCliArgs(argv: readonly string[], defaults: { spec: string; out: string }, env: Record<string, string | undefined>, cwd: string): CliArgs {
  const base = env.npm_lifecycle_event === 'generate' && env.INIT_CWD ? env.INIT_CWD : cwd;
  const args: CliArgs = { spec: defaults.spec, specFromFlag: false, out: defaults.out, outFromFlag: false, check: false, help: false };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inlineValue = arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : undefined;

    const takeValue = (): string => {
      const value = inlineValue ?? argv[++i];
      if (value === undefined || value === '' || (inlineValue === undefined && value.startsWith('--'))) {
        throw new UsageError(`${name} needs a file path, e.g. ${name} ${name === '--spec' ? 'spec/swagger.yaml' : 'generated/wellsky.ts'}`);
      }
      return path.resolve(base, value);
    };

    switch (name) {
      case '--spec':
        args.spec = takeValue();
        args.specFromFlag = true;
        break;
      case '--out':
        args.out = takeValue();
        args.outFromFlag = true;
        break;
      case '--check':
      case '--help':
      case '-h':
        if (inlineValue !== undefined) throw new UsageError(`${name} takes no value; use plain ${name}`);
        if (name === '--check') args.check = true;
        else args.help = true;
        break;
      default:
        throw new UsageError(
          arg.startsWith('-')
            ? `unknown flag ${name}; valid flags are --spec <path>, --out <path>, --check, --help`
            : `unexpected argument "${arg}"; pass the input with --spec ${arg}`,
        );
    }
  }
  return args;
}

/** How a person re-runs the generator with the same input/output, as a copy-pasteable npm command. */
export function npmCommand(flags: readonly string[]): string {
  return flags.length === 0 ? 'npm run generate' : `npm run generate -- ${flags.map(shellQuote).join(' ')}`;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
