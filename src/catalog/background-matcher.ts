/**
 * Matching new listens while the server runs, without ever slowing the write path: it looks only
 * when something was written (the write connection's change counter moved) or the catalogue
 * changed, reads on the reader connection, and stores each small batch in one short transaction —
 * a turn on the write connection that a live submission waits for at most once. A first sweep
 * after start takes everything pending (also names left unmatched by an older catalogue).
 */
import type { Database } from '../store/database.js';
import { catalogueGeneration } from '../store/catalog-import-repository.js';
import { matchCatalogue, type MatchReport } from './match-service.js';

export interface BackgroundMatcherOptions {
  reads: Database;
  writes: Database;
  threshold: number;
  /** Tuples per batch: small, so each write turn is short. */
  batchSize: number;
  /** How often to look for new listens, ms. */
  intervalMs: number;
  now: () => number;
  /** Where failures go (the server's log); matching tries again next time. */
  onError?: (err: unknown) => void;
  onSweep?: (report: MatchReport) => void;
}

export class BackgroundMatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private seenChanges = -1;
  private seenGeneration = -1;
  private last: MatchReport | null = null;

  constructor(private readonly options: BackgroundMatcherOptions) {}

  start(): void {
    if (this.timer || this.abort.signal.aborted) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** The last sweep's report (null before the first). */
  get lastReport(): MatchReport | null {
    return this.last;
  }

  /** Runs a sweep now if one is due (tests, and `tick` on its timer). */
  async tick(): Promise<void> {
    if (this.running || this.abort.signal.aborted) return this.running ?? undefined;
    this.running = this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<void> {
    const { reads, writes } = this.options;
    try {
      const changes = writes.changes();
      const generation = await catalogueGeneration(reads);
      const catalogueMoved = generation !== this.seenGeneration;
      if (changes === this.seenChanges && !catalogueMoved) return;
      const report = await matchCatalogue(
        { reads, writes },
        {
          threshold: this.options.threshold,
          batchSize: this.options.batchSize,
          // A new catalogue (or the first sweep) retries every name; otherwise only new listens.
          onlyNew: !catalogueMoved,
          now: this.options.now,
          signal: this.abort.signal,
        },
      );
      this.last = report;
      this.seenGeneration = generation;
      // As it was before this sweep: the sweep's own writes call for one more look, which finds
      // nothing new and writes nothing, and the matcher is quiet until the next listen.
      this.seenChanges = changes;
      if (report.tuples > 0) this.options.onSweep?.(report);
    } catch (err) {
      if (!this.abort.signal.aborted) this.options.onError?.(err);
    }
  }

  /** Stops the timer and lets a running batch finish. */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
