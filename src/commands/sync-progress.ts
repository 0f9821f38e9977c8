// A progress bar for `gigi-harness sync` on a terminal (cli-progress, on
// stderr); nothing at all in CI, under --json, or when stderr is a file.
import cliProgress from 'cli-progress';
import type { SyncProgress } from '../sync/sync.ts';

export interface ProgressView {
  update(progress: SyncProgress): void;
  stop(): void;
}

const LABEL: Record<SyncProgress['stage'], string> = {
  caregivers: 'caregivers',
  clients: 'clients',
  family: 'family contacts (clients read)',
  writing: 'writing the cache',
};

export function progressView(enabled: boolean): ProgressView {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: ' {stage} {bar} {value}{ofTotal}', stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stage = '';
  return {
    update(p) {
      const total = p.total ?? Math.max(p.done, 1);
      if (!started) {
        bar.start(total, p.done, { stage: LABEL[p.stage], ofTotal: p.total ? `/${p.total}` : '' });
        started = true;
      }
      if (stage !== p.stage) {
        stage = p.stage;
        bar.setTotal(total);
      }
      if (!p.total) bar.setTotal(Math.max(p.done, 1));
      bar.update(p.done, { stage: LABEL[p.stage], ofTotal: p.total ? `/${p.total}` : '' });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** A bar only for a person watching: a terminal, not CI, not --json. */
export function wantsProgress(options: { json?: boolean; ci: boolean; isTTY: boolean }): boolean {
  return !options.json && options.isTTY && !options.ci;
}
