// The spec must keep every route in spec/routes.md — the vendor reference's 57
// and the live-only ones — and nothing the tables do not list.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isQuirkName } from '../../mock-server/core/quirks.ts';
import { listOperations, loadSpec, resolveRef } from '../../mock-server/core/spec-document.ts';

const doc = loadSpec();
const operations = listOperations(doc);
const routesMd = readFileSync('spec/routes.md', 'utf8');
const [referencePart, liveOnlyPart] = routesMd.split('## Routes the reference lacks');

const rows = (text: string, pattern: RegExp) =>
  text
    .split('\n')
    .map((line) => line.match(pattern))
    .filter((m): m is RegExpMatchArray => m !== null);

const referenceRoutes = rows(referencePart!, /^\|\s*(GET|POST|PUT|DELETE)\s*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*(\w+)\s*\|\s*(\S+)\s*\|$/).map(
  ([, method, reference, path, operationId, live]) => ({ method: method!, reference: reference!, path: path!, operationId: operationId!, live: live! }),
);
const liveOnlyRoutes = rows(liveOnlyPart!, /^\|\s*(GET|POST|PUT|DELETE)\s*\|\s*`([^`]+)`\s*\|\s*(\w+)\s*\|\s*([\w-]+)\s*\|\s*(\S+)\s*\|$/).map(
  ([, method, path, operationId, quirk]) => ({ method: method!, path: path!, operationId: operationId!, quirk: quirk! }),
);
const key = (r: { method: string; path: string; operationId: string }) => `${r.method} ${r.path} ${r.operationId}`;

describe('spec/swagger.yaml against spec/routes.md', () => {
  it('covers all 57 routes of the vendor reference (56 resource routes and the token)', () => {
    expect(referenceRoutes).toHaveLength(57);
    expect(new Set(referenceRoutes.map((r) => `${r.method} ${r.reference}`)).size).toBe(57);
    const spec = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`));
    expect(referenceRoutes.filter((r) => !spec.has(key(r))).map(key)).toEqual([]);
    // A reference route is served in every profile: only live-only routes carry a quirk.
    for (const r of referenceRoutes) {
      const op = operations.find((o) => o.operationId === r.operationId)!;
      expect(op.operation['x-quirk'], r.operationId).toBeUndefined();
    }
  });

  it('maps each reference path to the spec path only by the documented spellings', () => {
    const normal = (p: string) =>
      p
        .replace('/v1/documentreference/', '/v1/documentReferences/')
        .replace(/\{[^}]+\}/g, '{}');
    for (const r of referenceRoutes) expect(normal(r.path), r.reference).toBe(normal(r.reference));
  });

  it('lists each live-only route with the quirk that serves it, as the spec marks it', () => {
    expect(liveOnlyRoutes.length).toBeGreaterThan(0);
    for (const r of liveOnlyRoutes) {
      const op = operations.find((o) => o.operationId === r.operationId);
      expect(op, r.operationId).toBeDefined();
      expect(`${op!.method.toUpperCase()} ${op!.path}`).toBe(`${r.method} ${r.path}`);
      expect(op!.operation['x-quirk']).toBe(r.quirk);
      expect(isQuirkName(r.quirk), r.quirk).toBe(true);
    }
  });

  it('has exactly the routes the tables list', () => {
    const fromSpec = operations.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`).sort();
    const fromTables = [...referenceRoutes, ...liveOnlyRoutes].map(key).sort();
    expect(fromSpec).toEqual(fromTables);
  });

  it('keeps the live path conventions: /v1/ prefix and trailing slash, token at the root', () => {
    for (const { path, operation } of operations) {
      if (path === '/oauth/accesstoken') continue;
      expect(path, path).toMatch(/^\/v1\/[A-Za-z]+/);
      // The one slashless route is the patient list live served without it.
      if (operation['x-quirk'] === 'patients-list-without-slash') continue;
      expect(path.endsWith('/'), `${path} must end with a slash`).toBe(true);
    }
    // The January mistakes must not be routes.
    const paths = new Set(operations.map((o) => o.path));
    for (const wrong of ['/v1/Practitioner/', '/v1/appointments/', '/v1/documentreference/', '/v1/oauth/accesstoken', '/v1/admintask/', '/v1/practitioners']) {
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

  it('takes every request body as application/json and as application/fhir+json, as live did', () => {
    for (const op of operations) {
      if (!op.operation.requestBody || op.operationId === 'getAccessToken') continue;
      const body = resolveRef<{ content: Record<string, { schema: unknown }> }>(doc, op.operation.requestBody as { $ref: string });
      expect(Object.keys(body.content).sort(), op.operationId).toEqual(['application/fhir+json', 'application/json']);
      expect(body.content['application/fhir+json']!.schema).toEqual(body.content['application/json']!.schema);
    }
  });

  it('holds no phone number outside the fictional 555-01xx range', () => {
    const text = readFileSync('spec/swagger.yaml', 'utf8');
    const phones = text.match(/\b[2-9]\d{2}[-. ]?\d{3}[-. ]?\d{4}\b/g) ?? [];
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone.replace(/\D/g, '').slice(3, 8), phone).toBe('55501');
  });
});
