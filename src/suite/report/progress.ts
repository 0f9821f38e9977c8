// The progress line while the suite runs. On a terminal it rewrites one line
// (`[12/132] wellsky-down · call-out`) and clears it when done, so the
// scorecard starts on a clean screen. Not on a terminal (CI), it says nothing
// per step — at most a line each `everyPercent` of the way — so logs stay short.
// No timers: it draws only when told of a step.
import { oneLine, truncate } from './words.ts';

/** Where the line goes: process.stderr, or a recorder in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  /** The terminal's width; the line is cut to fit so it never wraps (a wrapped line cannot be rewritten). */
  columns?: number;
}

export interface ProgressOptions {
  total: number;
  stream: ProgressStream;
  isTTY: boolean;
  /** Not on a terminal: a line each time this share of the steps is done (e.g. 25); absent or 0, silent. */
  everyPercent?: number;
}

export interface Progress {
  /** One more step done; `label` says which (`wellsky-down · call-out`). */
  tick(label: string): void;
  /** Clears the line on a terminal; later ticks are ignored. Safe to call twice. */
  done(): void;
}

const CLEAR_LINE = '\r\u001B[2K';

export function createProgress(options: ProgressOptions): Progress {
  const total = Math.max(0, Math.floor(options.total));
  const every = options.everyPercent && options.everyPercent > 0 ? options.everyPercent : 0;
  let count = 0;
  let drawn = false;
  let finished = false;
  let lastBucket = 0;

  const line = (label: string) => {
    const text = `[${count}/${total}] ${oneLine(label)}`;
    return truncate(text, Math.max(10, (options.stream.columns ?? 80) - 1));
  };

  return {
    tick(label) {
      if (finished) return;
      count++;
      if (options.isTTY) {
        options.stream.write(`${CLEAR_LINE}${line(label)}`);
        drawn = true;
      } else if (every && total > 0) {
        const bucket = Math.floor((Math.min(count, total) * 100) / total / every);
        if (bucket > lastBucket) {
          lastBucket = bucket;
          options.stream.write(`${line(label)}\n`);
        }
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) options.stream.write(CLEAR_LINE);
    },
  };
}
