/**
 * `npm run fuzz`: the simulated WellSky's fuzz (test/mock-server/fuzz.test.ts),
 * as long as you like and from the seed you like.
 *
 *   npm run fuzz                                  the CI-sized run (20,000 requests, the fixed seed)
 *   npm run fuzz -- --requests 500000             a long run
 *   npm run fuzz -- --requests 500000 --seed 7    another seed; a failure prints seed and path to replay
 *
 * Exit codes: the test run's (0 all properties held), 2 bad flags.
 */
import { spawnSync } from 'node:child_process';
import { fuzzEnvFromArgs, FUZZ_USAGE } from '../test/mock-server/fuzz/fuzz-settings.ts';

let env: ReturnType<typeof fuzzEnvFromArgs>;
try {
  env = fuzzEnvFromArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${FUZZ_USAGE}`);
  process.exit(2);
}
if (env.help) {
  console.log(FUZZ_USAGE);
  process.exit(0);
}
const { help: _help, ...settings } = env;
const run = spawnSync('node_modules/.bin/vitest', ['run', 'test/mock-server/fuzz.test.ts'], { stdio: 'inherit', env: { ...process.env, ...settings } });
process.exit(run.status ?? 1);
