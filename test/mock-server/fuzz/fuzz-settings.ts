// How much to fuzz and from which seed: fixed by default so CI is reproducible;
// `npm run fuzz -- --requests 500000 --seed 7` (or FUZZ_REQUESTS / FUZZ_SEED)
// for a long run. A bad value is an error naming the variable, never a silent default.

export interface FuzzSettings {
  /** Requests in all, through the core and through the HTTP door. */
  requests: number;
  seed: number;
  /** Of those, how many go through the real HTTP door (express's listener on a socket). */
  httpRequests: number;
}

export const DEFAULT_REQUESTS = 20_000;
export const DEFAULT_SEED = 20_261_128;
export const MIN_REQUESTS = 100;
export const MAX_REQUESTS = 100_000_000;

/** A whole number in range, or an error naming where it came from. */
export function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name}: must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

export function fuzzSettings(env: Record<string, string | undefined> = process.env): FuzzSettings {
  const requests = env.FUZZ_REQUESTS === undefined || env.FUZZ_REQUESTS === '' ? DEFAULT_REQUESTS : wholeNumber('FUZZ_REQUESTS', env.FUZZ_REQUESTS, MIN_REQUESTS, MAX_REQUESTS);
  const seed = env.FUZZ_SEED === undefined || env.FUZZ_SEED === '' ? DEFAULT_SEED : wholeNumber('FUZZ_SEED', env.FUZZ_SEED, -(2 ** 31), 2 ** 31 - 1);
  // A meaningful share through the socket: 15%, at least a few thousand when the run allows.
  const httpRequests = Math.min(Math.floor(requests / 2), Math.max(3_000, Math.round(requests * 0.15)));
  return { requests, seed, httpRequests };
}

export const FUZZ_USAGE = `npm run fuzz -- [--requests <n>] [--seed <n>]

  --requests <n>  requests in all, ${MIN_REQUESTS} to ${MAX_REQUESTS} (default ${DEFAULT_REQUESTS}); 15% go through the HTTP door
  --seed <n>      fast-check's seed, a 32-bit integer (default ${DEFAULT_SEED}); a failure prints the seed and path to replay it

Runs test/mock-server/fuzz.test.ts with FUZZ_REQUESTS and FUZZ_SEED set.`;

/** `--requests 500000 --seed 7` → the environment the fuzz test reads; a bad flag is an error naming it. */
export function fuzzEnvFromArgs(argv: readonly string[]): { FUZZ_REQUESTS?: string; FUZZ_SEED?: string; help?: true } {
  const out: { FUZZ_REQUESTS?: string; FUZZ_SEED?: string; help?: true } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--requests' && flag !== '--seed') throw new Error(`${arg}: not a fuzz option; use --requests <n> and/or --seed <n>`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag}: needs a value (e.g. ${flag} ${flag === '--seed' ? 7 : 500000})`);
    if (flag === '--requests') out.FUZZ_REQUESTS = String(wholeNumber('--requests', value, MIN_REQUESTS, MAX_REQUESTS));
    else out.FUZZ_SEED = String(wholeNumber('--seed', value, -(2 ** 31), 2 ** 31 - 1));
  }
  return out;
}
