import { SingleBar, Presets } from 'cli-progress';
import type { ProgressSink } from '../ingest/import-service.js';
import type { RunCounts } from '../store/index.js';

/** Bars on the terminal now: an interrupt stops them, which shows the cursor and turns line wrap back on. */
const active = new Set<SingleBar>();

export function stopProgressBars(): void {
  for (const bar of active) bar.stop();
  active.clear();
}

/** A progress bar on stderr, only when stderr is a terminal (never in --json or piped output). */
export function terminalProgress(enabled: boolean): ProgressSink | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  let bar: SingleBar | null = null;
  return {
    start(label: string, totalBytes: number) {
      bar = new SingleBar(
        {
          format: `{label} |{bar}| {percentage}% | {mb}/{totalMb} MB | {read} read, {inserted} new, {duplicates} dup`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        Presets.shades_classic,
      );
      active.add(bar);
      const short = label.length > 40 ? '…' + label.slice(-39) : label;
      bar.start(Math.max(totalBytes, 1), 0, {
        label: short,
        mb: '0.0',
        totalMb: (totalBytes / 1e6).toFixed(1),
        read: 0,
        inserted: 0,
        duplicates: 0,
      });
    },
    update(bytesRead: number, counts: RunCounts) {
      bar?.update(bytesRead, {
        mb: (bytesRead / 1e6).toFixed(1),
        read: counts.read,
        inserted: counts.inserted,
        duplicates: counts.duplicates,
      });
    },
    stop() {
      if (bar) active.delete(bar);
      bar?.stop();
      bar = null;
    },
  };
}
