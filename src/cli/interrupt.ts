import type { Store } from '../store/index.js';
import { stopProgressBars } from './progress.js';

/** The conventional exit status of a program stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/**
 * Runs `work` with Ctrl-C (SIGINT) taken over: the progress bar stops (giving the terminal back its
 * cursor and line wrap), `explain` says what was kept and what to do, and the process exits 130. A
 * second Ctrl-C, or an explanation that takes over 3 s, exits at once.
 */
export async function interruptible<T>(work: () => Promise<T>, explain: () => Promise<string>): Promise<T> {
  const onInterrupt = () => {
    process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
    stopProgressBars();
    const fallback = new Promise<string>((resolve) =>
      setTimeout(() => resolve('Interrupted.'), 3000).unref(),
    );
    void Promise.race([explain(), fallback])
      .catch(() => 'Interrupted.')
      .then((message) => {
        process.stderr.write(`\nlistenhouse: ${message}\n`);
        process.exit(EXIT_INTERRUPTED);
      });
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

/** The newest import run, so that the runs of this command can be told apart afterwards. */
export async function lastImportRunId(store: Store): Promise<number> {
  return (await store.importRuns.list(1))[0]?.id ?? 0;
}

export interface Committed {
  runs: number;
  read: number;
  inserted: number;
  duplicates: number;
}

/**
 * What the import runs started after `afterRunId` have committed, read through the second
 * connection: it sees committed batches only, never the one cut short.
 */
export async function committedSince(store: Store, afterRunId: number): Promise<Committed> {
  const runs = (await store.reader().importRuns.list(1000)).filter((r) => r.id > afterRunId);
  return {
    runs: runs.length,
    read: runs.reduce((n, r) => n + r.read, 0),
    inserted: runs.reduce((n, r) => n + r.inserted, 0),
    duplicates: runs.reduce((n, r) => n + r.duplicates, 0),
  };
}

/** "12,000 records read, 11,990 new listens, 10 already stored" */
export function describeCommitted(c: Committed): string {
  const n = (x: number) => x.toLocaleString('en');
  return `${n(c.read)} records read, ${n(c.inserted)} new listens, ${n(c.duplicates)} already stored`;
}
