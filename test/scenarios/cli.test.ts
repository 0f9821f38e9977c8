// `npm run mock -- --scenario NAME`: the CLI serves a catalogue scenario on a
// port, and refuses a bad name or file with exit code 2 and a readable message.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import { listScenarios } from '../../mock-server/core/scenario.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Cli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const started: Cli[] = [];

function cli(args: string[]): Cli {
  // Node with tsx's loader, as `npm run mock` runs it, minus npm's start-up; its
  // own process group, so everything it starts ends together.
  const child = spawn(process.execPath, ['--import', TSX, 'mock-server/cli.ts', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const handle = { child, stdout: () => out, stderr: () => err, exited };
  started.push(handle);
  return handle;
}

async function waitFor<T>(what: string, probe: () => T | undefined, cli: Cli, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (cli.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no ${what}; exit ${cli.child.exitCode}\nstdout: ${cli.stdout()}\nstderr: ${cli.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// After all: the three run at once, each starting its own process.
afterAll(async () => {
  for (const handle of started.splice(0)) {
    if (handle.child.exitCode === null && handle.child.signalCode === null && handle.child.pid) {
      try {
        process.kill(-handle.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await handle.exited;
    }
  }
});

describe.concurrent('npm run mock -- --scenario', () => {
  it('serves wellsky-down on the printed URL: 503 on the token call and on resources', async ({ expect }) => {
    const mock = cli(['--scenario', 'wellsky-down', '--port', '0']);
    const url = await waitFor('URL on stdout', () => mock.stdout().match(/listening on (http:\/\/[\d.]+:\d+)/)?.[1], mock);
    expect(mock.stdout()).toMatch(/scenario {2}wellsky-down: WellSky is down/);
    const tokenCall = await fetch(`${url}/oauth/accesstoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(tokenCall.status).toBe(503);
    expect(tokenCall.headers.get('retry-after')).toBe('30');
    expect(await tokenCall.text()).toBe('{"message":"Service Unavailable"}');
    expect((await fetch(`${url}/v1/practitioners/`)).status).toBe(503);
    expect((await (await fetch(`${url}/__admin/status`)).json()).scenario.name).toBe('wellsky-down');
  });

  it('a bad scenario name exits 2 with a message listing the catalogue', async ({ expect }) => {
    const mock = cli(['--scenario', 'no-such-scenario', '--port', '0']);
    expect(await mock.exited).toBe(2);
    const message = mock.stderr();
    expect(message).toMatch(/npm run mock: scenario: no scenario named "no-such-scenario"; the catalogue has /);
    for (const { name } of listScenarios()) expect(message).toContain(name);
    expect(message).not.toContain('    at ');
    expect(mock.stdout()).not.toContain('listening');
  });

  it('a broken scenario file exits 2 naming the file and the place', async ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-scenario-'));
    try {
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, 'name: broken\ndescription: A scenario with a probability no coin can have.\nfaults:\n  - name: flaky\n    when: { probability: 2 }\n    then: { status: 502 }\n');
      const mock = cli(['--scenario', file, '--port', '0']);
      expect(await mock.exited).toBe(2);
      expect(mock.stderr()).toContain(`npm run mock: ${file}: invalid scenario\n  at faults[0].when.probability: must be <= 1`);
      expect(mock.stderr()).not.toContain('    at ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
