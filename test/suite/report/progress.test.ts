// The progress line: one rewritten line on a terminal, (almost) silence in CI.
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/suite/report/progress.ts';

function recorder(columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), ...(columns ? { columns } : {}) } };
}

describe('createProgress', () => {
  it('rewrites one line on a terminal and clears it when done', () => {
    const { writes, stream } = recorder();
    const progress = createProgress({ total: 132, stream, isTTY: true });
    progress.tick('happy-path · caller-id');
    progress.tick('wellsky-down · call-out');
    progress.done();
    expect(writes).toEqual(['\r\u001B[2K[1/132] happy-path · caller-id', '\r\u001B[2K[2/132] wellsky-down · call-out', '\r\u001B[2K']);
    expect(writes.join('')).not.toContain('\n');
  });

  it('cuts the line to the terminal’s width so it never wraps', () => {
    const { writes, stream } = recorder(30);
    const progress = createProgress({ total: 9, stream, isTTY: true });
    progress.tick('credentials-not-provisioned · prospect-intake');
    const line = writes[0]!.replace('\r\u001B[2K', '');
    expect(line).toBe('[1/9] credentials-not-provis…');
    expect([...line]).toHaveLength(29);
  });

  it('keeps control characters in a label off the terminal', () => {
    const { writes, stream } = recorder();
    createProgress({ total: 1, stream, isTTY: true }).tick('a\nb\u001B[2Jc');
    expect(writes[0]).toBe('\r\u001B[2K[1/1] a b [2Jc');
  });

  it('prints nothing at all when not on a terminal', () => {
    const { writes, stream } = recorder();
    const progress = createProgress({ total: 132, stream, isTTY: false });
    for (let i = 0; i < 132; i++) progress.tick(`cell ${i}`);
    progress.done();
    expect(writes).toEqual([]);
  });

  it('prints a line each N% when asked, not on a terminal', () => {
    const { writes, stream } = recorder();
    const progress = createProgress({ total: 8, stream, isTTY: false, everyPercent: 25 });
    for (let i = 1; i <= 8; i++) progress.tick(`cell ${i}`);
    progress.done();
    expect(writes).toEqual(['[2/8] cell 2\n', '[4/8] cell 4\n', '[6/8] cell 6\n', '[8/8] cell 8\n']);
  });

  it('ignores ticks after done, and a second done', () => {
    const { writes, stream } = recorder();
    const progress = createProgress({ total: 2, stream, isTTY: true });
    progress.tick('a');
    progress.done();
    progress.tick('b');
    progress.done();
    expect(writes).toHaveLength(2);
  });

  it('writes nothing on done when nothing was drawn', () => {
    const { writes, stream } = recorder();
    createProgress({ total: 0, stream, isTTY: true }).done();
    expect(writes).toEqual([]);
  });
});
