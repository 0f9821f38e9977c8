// `npm run mock`: the simulated WellSky on a port, for offline work and for tools.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIALS, type SimulatorOptions } from './core/simulator.ts';
import { MAX_TOKEN_LIFETIME_SECONDS } from './core/simulator-options.ts';
import { PROFILES, QUIRK_NAMES, type Profile } from './core/quirks.ts';
import { startMockServer } from './http.ts';

const HELP = `Usage: npm run mock -- [options]

  --scenario <name>     load a scenario from scenarios/ (or a path to a scenario file)
  --port <n>            port to listen on (default 8089; 0 picks a free one)
  --host <addr>         address to bind (default 127.0.0.1); beyond loopback needs --allow-remote
  --allow-remote        allow --host 0.0.0.0 or another non-loopback address; the control
                        API (/__admin/) then needs the token printed at start
  --seed <n>            seed of the synthetic agency (default 1)
  --size <s>            tiny | small | medium | large | a number of people (default small)
  --today <date>        build the schedule around YYYY-MM-DD (default today)
  --profile <p>         ${PROFILES.join(' | ')} (default live-like)
  --quirk <name=on|off> switch one quirk; repeatable (${QUIRK_NAMES.join(', ')})
  --token-lifetime <s>  token lifetime in seconds (default 3599)
  --help                this text
`;

class UsageError extends Error {}

/**
 * A scenario path is relative to where the command was typed: npm runs scripts
 * from the package root and says where the user was in INIT_CWD.
 */
function scenarioArgument(value: string): string {
  if (!/[\\/]|\.ya?ml$/.test(value) || isAbsolute(value)) return value;
  return resolve(process.env.INIT_CWD ?? process.cwd(), value);
}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function parseCli(argv: string[]): { options: SimulatorOptions; port: number; host: string; allowRemote: boolean } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean' },
        seed: { type: 'string' },
        size: { type: 'string' },
        today: { type: 'string' },
        profile: { type: 'string' },
        quirk: { type: 'string', multiple: true },
        'token-lifetime': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see --help`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const options: SimulatorOptions = {};
  if (v.scenario !== undefined) options.scenario = scenarioArgument(v.scenario);
  const seed = integer('seed', v.seed, 0, 2 ** 31 - 1);
  if (seed !== undefined) options.seed = seed;
  if (v.size !== undefined) {
    options.size = /^\d+$/.test(v.size) ? Number(v.size) : (v.size as SimulatorOptions['size']);
  }
  if (v.today !== undefined) options.today = v.today;
  if (v.profile !== undefined) {
    if (!PROFILES.includes(v.profile as Profile)) throw new UsageError(`--profile: must be one of ${PROFILES.join(', ')} (got "${v.profile}")`);
    options.profile = v.profile as Profile;
  }
  const lifetime = integer('token-lifetime', v['token-lifetime'], 1, MAX_TOKEN_LIFETIME_SECONDS);
  if (lifetime !== undefined) options.tokenLifetimeSeconds = lifetime;
  if (v.quirk) {
    options.quirks = {};
    for (const item of v.quirk) {
      const m = item.match(/^([a-z0-9-]+)=(on|off)$/);
      if (!m) throw new UsageError(`--quirk: expected <name>=on or <name>=off (got "${item}")`);
      if (!QUIRK_NAMES.includes(m[1] as never)) throw new UsageError(`--quirk: unknown quirk "${m[1]}"; known: ${QUIRK_NAMES.join(', ')}`);
      (options.quirks as Record<string, boolean>)[m[1]!] = m[2] === 'on';
    }
  }
  return { options, port: integer('port', v.port, 0, 65535) ?? 8089, host: v.host ?? '127.0.0.1', allowRemote: v['allow-remote'] === true };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`npm run mock: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (parsed === 'help') {
    console.log(HELP);
    return;
  }
  let running;
  try {
    running = await startMockServer({ ...parsed.options, port: parsed.port, host: parsed.host, allowRemote: parsed.allowRemote });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      console.error(`npm run mock: port ${parsed.port} is in use; pass --port <another> (or 0 for any free port)`);
      process.exit(1);
    }
    // Bad options and bad scenario files carry a message that names the field.
    console.error(`npm run mock: ${e.message}`);
    process.exit(2);
  }
  const s = running.simulator.state();
  const scenarioLine = s.scenario ? `\n  scenario  ${s.scenario.name}: ${s.scenario.description.trim().split('\n')[0]}` : '';
  const { clientId, clientSecret } = s.options.credentials ?? DEFAULT_CREDENTIALS;
  const counts = s.store;
  // Printed once, here: the control API beyond loopback answers only with it.
  const controlLines = running.controlToken
    ? `\n  control   listening beyond loopback: /__admin/ needs the header X-Mock-Control-Token: ${running.controlToken}`
    : '';
  const inspector = running.controlToken ? `${running.url}/__admin/?token=${running.controlToken}` : `${running.url}/__admin/`;
  console.log(`Simulated WellSky Connect API listening on ${running.url}
  profile   ${s.options.profile}   seed ${s.options.seed}   size ${s.options.size} (${counts.practitioners.size()} practitioners, ${counts.patients.size()} patients, ${counts.appointments.size()} shifts)
  inspector ${inspector}${controlLines}${scenarioLine}
  mock credentials (synthetic): client_id=${clientId} client_secret=${clientSecret}

Get a token:
  curl -s -X POST ${running.url}/oauth/accesstoken -H 'Content-Type: application/json' \\
    -d '{"grant_type":"client_credentials","client_id":"${clientId}","client_secret":"${clientSecret}"}'
Then a first search (paste the access_token):
  curl -s '${running.url}/v1/practitioners/?is_hired=true&_count=5' -H 'Authorization: Bearer <access_token>'

Ctrl-C stops it.`);
  const stop = () => running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
