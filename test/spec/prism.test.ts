// Proof that a tool nobody here wrote reads the spec: Stoplight Prism serves it.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../mock-server/core/schema-registry.ts';
import { loadSpec } from '../../mock-server/core/spec-document.ts';
import { freePort } from '../support/free-port.ts';

const registry = createSchemaRegistry(loadSpec());
let prism: ChildProcess;
let baseUrl: string;
let output = '';

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  prism = spawn('npx', ['prism', 'mock', 'spec/swagger.yaml', '-h', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prism.stdout!.on('data', (chunk) => (output += chunk));
  prism.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Prism is listening')) {
        clearInterval(timer);
        resolve();
      }
      if (prism.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`prism exited early:\n${output}`));
      }
    }, 100);
  });
});

afterAll(() => {
  prism?.kill();
});

describe('prism mock spec/swagger.yaml', () => {
  it('starts without error-level diagnostics', () => {
    // Prism marks its levels (`ℹ  info`, `⚠  warning`, `✖  error`, `✖  fatal`); the
    // start-up lines also list example URLs with random words, "error" among them.
    expect(output).not.toMatch(/✖\s+(error|fatal)\b/);
    expect(output).not.toMatch(/went terribly wrong/);
    expect(output).toContain('Prism is listening');
  });

  it('serves a practitioner search that matches the Bundle schema', async () => {
    const res = await fetch(`${baseUrl}/v1/practitioners/?_count=20`, { headers: { authorization: 'Bearer 0123' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    const validate = registry.byPointer('#/components/schemas/PractitionerBundle');
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.entry.length).toBeGreaterThan(0);
  });

  it('serves a practitioner by id that matches the Practitioner schema', async () => {
    const res = await fetch(`${baseUrl}/v1/practitioners/2001/`, { headers: { authorization: 'Bearer 0123' } });
    expect(res.status).toBe(200);
    const validate = registry.byPointer('#/components/schemas/Practitioner');
    const body = await res.json();
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a request that breaks the spec (a 9-digit phone)', async () => {
    const res = await fetch(`${baseUrl}/v1/practitioners/?mobile_phone=303555010`, {
      headers: { authorization: 'Bearer 0123' },
    });
    // Prism answers with the spec's own 400 response and names the violation.
    expect(res.status).toBe(400);
    expect(res.headers.get('sl-violations')).toContain('mobile_phone');
  });
});
