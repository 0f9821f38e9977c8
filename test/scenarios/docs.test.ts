// docs/scenarios.md lists every scenario in the catalogue, and nothing else.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { listScenarios } from '../../mock-server/core/scenario.ts';

it('docs/scenarios.md lists exactly the catalogue', () => {
  const documented = [...readFileSync('docs/scenarios.md', 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).sort();
  expect(documented).toEqual(listScenarios().map((s) => s.name).sort());
});
