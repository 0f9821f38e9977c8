// Every request shape the agency's real integration sent to the live API, sent
// to the simulated WellSky through both doors. Live-like must answer as live
// did; by-the-docs must refuse each live-only form until exactly the quirks the
// page lists are on, each refusal naming its quirk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRKS, type QuirkName } from '../../mock-server/core/quirks.ts';
import type { SimulatorOptions } from '../../mock-server/core/simulator.ts';
import { DOOR_KINDS, openDoor, type Door } from '../support/doors.ts';
import { accepted, fetchToken, judge, keep, REPLAY, runSetup, sendStep, type Saved, type Send } from './replay.ts';

const sendThrough =
  (door: Door): Send =>
  async (method, path, headers, body) => {
    const res = await door.request(path, { method, headers, body });
    return { status: res.status, headers: res.headers, text: res.text };
  };

const setQuirks = (door: Door, quirks: Record<string, boolean>) => door.request('/__admin/quirks', { method: 'PUT', body: quirks });

/** A simulated WellSky for the replay, with a token and the setup's records made. */
async function openReplay(kind: (typeof DOOR_KINDS)[number], profile: 'live-like' | 'by-the-docs') {
  const door = await openDoor(kind, { ...(REPLAY.options as SimulatorOptions), profile });
  const send = sendThrough(door);
  const token = await fetchToken(send);
  return { door, send, token, saved: await runSetup(send, token) };
}

describe('the replay file', () => {
  it('names only quirks that exist, and covers every section of the live-requests page', () => {
    for (const step of [...REPLAY.setup, ...REPLAY.steps]) {
      for (const quirk of [...(step.docs ?? []), ...Object.keys(step.quirks ?? {})]) expect(Object.hasOwn(QUIRKS, quirk), `${step.id}: ${quirk}`).toBe(true);
    }
    const sections = new Set(REPLAY.steps.map((s) => s.id.split(/[.-]/)[0]));
    expect([...sections].sort((a, b) => Number(a) - Number(b))).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
    // A shape live accepted says which quirks the reference lacks for it, even when none.
    for (const step of REPLAY.steps.filter(accepted)) expect(step.docs, `${step.id} needs a docs list`).toBeDefined();
  });

  it('uses every accepts-kind quirk at least once, so each one is proven both ways', () => {
    const used = new Set(REPLAY.steps.flatMap((s) => s.docs ?? []));
    // Proven in test/mock-server/quirks.test.ts instead: the live client never sent
    // _count above 100, and sent _sort=-date only in the query, which the reference ignores.
    const elsewhere = new Set(['count-capped-at-100', 'sort-date-alias']);
    const accepting = (Object.keys(QUIRKS) as QuirkName[]).filter((q) => QUIRKS[q].kind === 'accepts' && !elsewhere.has(q));
    expect(accepting.filter((q) => !used.has(q))).toEqual([]);
  });
});

describe.each(DOOR_KINDS)('the live client\'s requests through %s', (kind) => {
  describe('live-like: answered as live answered', () => {
    let door: Door;
    let send: Send;
    let token: string;
    let saved: Saved;
    beforeAll(async () => ({ door, send, token, saved } = await openReplay(kind, 'live-like')));
    afterAll(() => door.close());

    it.each(REPLAY.steps.map((s) => [`${s.id} ${s.what} (${s.evidence})`, s] as const))('%s', async (_, step) => {
      if (step.quirks) await setQuirks(door, step.quirks);
      try {
        const answer = await sendStep(send, step, saved, token);
        expect(judge(step, answer, saved)).toEqual([]);
        keep(step, answer, saved);
      } finally {
        if (step.quirks) await setQuirks(door, Object.fromEntries(Object.keys(step.quirks).map((q) => [q, QUIRKS[q as QuirkName].liveLike])));
      }
    });
  });

  describe('by-the-docs: each live-only form refused, naming the quirk that allows it', () => {
    let door: Door;
    let send: Send;
    let token: string;
    let saved: Saved;
    beforeAll(async () => ({ door, send, token, saved } = await openReplay(kind, 'by-the-docs')));
    afterAll(() => door.close());

    it.each(REPLAY.steps.filter(accepted).map((s) => [`${s.id} ${s.what} needs [${(s.docs ?? []).join(', ')}]`, s] as const))('%s', async (_, step) => {
      const needed: string[] = [];
      try {
        for (;;) {
          const answer = await sendStep(send, step, saved, token);
          if (answer.status < 300 || answer.status === step.expect.status) {
            keep(step, answer, saved);
            break;
          }
          const [last] = (await door.request('/__admin/journal?limit=1')).json().entries;
          const quirk = String(last?.rule ?? '').match(/^by-the-docs:(.+)$/)?.[1];
          expect(quirk, `refused without naming a quirk: ${answer.status} ${answer.text.slice(0, 200)} (rule ${last?.rule})`).toBeDefined();
          // A WellSky refusal says which field and which quirk; the gateway's 403 stays byte-exact.
          if (answer.status === 400 || answer.status === 422) expect(JSON.parse(answer.text).error).toContain(`quirk ${quirk}`);
          else expect(answer.status).toBe(403);
          expect(needed, `${quirk} named twice`).not.toContain(quirk);
          needed.push(quirk!);
          await setQuirks(door, { [quirk!]: true });
        }
        expect(needed.sort()).toEqual([...(step.docs ?? [])].sort());
      } finally {
        if (needed.length) await setQuirks(door, Object.fromEntries(needed.map((q) => [q, false])));
      }
    });
  });
});
