// The fidelity table in mock-server/README.md must be the quirks the code has,
// with the defaults the code uses: a reader trusts it to say what live-like does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUIRKS, QUIRK_NAMES } from '../../mock-server/core/quirks.ts';

const readme = readFileSync('mock-server/README.md', 'utf8');
const rows = readme
  .split('\n')
  .map((line) => line.match(/^\| `([a-z0-9-]+)` \| (accepts|answers) \| (on|off) \| (.+?) \| (.+?) \| (.+?) \|$/))
  .filter((m): m is RegExpMatchArray => m !== null);

describe('mock-server/README.md fidelity table', () => {
  it('lists every quirk once, in the code\'s order, with its kind and live-like default', () => {
    expect(rows.map((r) => r[1])).toEqual(QUIRK_NAMES);
    for (const [, name, kind, onOff] of rows) {
      const quirk = QUIRKS[name as keyof typeof QUIRKS];
      expect([kind, onOff], name).toEqual([quirk.kind, quirk.liveLike ? 'on' : 'off']);
    }
  });

  it('gives each quirk its evidence: a section of the live-requests page or the API facts page', () => {
    for (const [, name, , , , , evidence] of rows) expect(evidence, name).toMatch(/§\d|wellsky-connect-api\.md/);
  });
});
