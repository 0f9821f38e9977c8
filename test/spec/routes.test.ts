// The spec must keep every route in spec/routes.md, and nothing it does not list.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listOperations, loadSpec, resolveRef } from '../../mock-server/core/spec-document.ts';

const doc = loadSpec();
const operations = listOperations(doc);

function routeTable(): string[] {
  const rows = readFileSync('spec/routes.md', 'utf8')
    .split('\n')
    .map((line) => line.match(/^\|\s*(GET|POST|PUT|DELETE|PATCH)\s*\|\s*`([^`]+)`\s*\|\s*(\w+)\s*\|$/))
    .filter((m): m is RegExpMatchArray => m !== null);
  return rows.map(([, method, path, id]) => `${method} ${path} ${id}`);
}

describe('spec/swagger.yaml against spec/routes.md', () => {
  it('has exactly the routes the table lists', () => {
    const fromSpec = operations.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`).sort();
    const fromTable = routeTable().sort();
    expect(fromTable.length).toBeGreaterThan(50);
    expect(fromSpec).toEqual(fromTable);
  });

  it('keeps the live path conventions: /v1/ prefix and trailing slash, token at the root', () => {
    for (const { path } of operations) {
      if (path === '/oauth/accesstoken') continue;
      expect(path, path).toMatch(/^\/v1\/[A-Za-z]+\/.*$/);
      expect(path.endsWith('/'), `${path} must end with a slash`).toBe(true);
    }
    // The January mistakes must not be routes.
    const paths = new Set(operations.map((o) => o.path));
    for (const wrong of ['/v1/Practitioner/', '/v1/appointments/', '/v1/documentreference/', '/v1/oauth/accesstoken']) {
      expect(paths.has(wrong), wrong).toBe(false);
    }
  });

  it('gives every operation a unique operationId and a synthetic example', () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      const success = Object.entries(op.operation.responses ?? {}).find(([status]) => status.startsWith('2'));
      expect(success, `${op.operationId} has no 2xx response`).toBeDefined();
      const response = resolveRef<{ content?: Record<string, { example?: unknown; examples?: unknown }> }>(doc, success![1] as object);
      const json = response.content?.['application/json'];
      expect(json?.example ?? json?.examples, `${op.operationId} needs an example on its 2xx response`).toBeDefined();
    }
  });

  it('holds no phone number outside the fictional 555-01xx range', () => {
    const text = readFileSync('spec/swagger.yaml', 'utf8');
    const phones = text.match(/\b[2-9]\d{2}[-. ]?\d{3}[-. ]?\d{4}\b/g) ?? [];
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone.replace(/\D/g, '').slice(3, 8), phone).toBe('55501');
  });
});
