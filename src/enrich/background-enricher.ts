/**
 * Enrichment while the server runs: a batch of each task every interval, as long as there is work
 * (the progress says what is left). Its waits are on outside services, never on the write
 * connection, and each of its writes is one short statement: imports and submissions never wait
 * for it. Stopping lets the request in flight end and keeps everything already answered.
 */
import type { EnrichService } from './enrich-service.js';

export class BackgroundEnricher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly service: EnrichService,
    private readonly options: { intervalMs: number; onError?: (err: unknown) => void },
  ) {}

  start(): void {
    if (this.timer || this.abort.signal.aborted) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async tick(): Promise<void> {
    if (this.running || this.abort.signal.aborted) return this.running ?? undefined;
    this.running = (async () => {
      try {
        const report = await this.service.runBatch({ signal: this.abort.signal });
        // More to do: go on at once rather than waiting a whole interval.
        if (
          !this.abort.signal.aborted &&
          report.tasks.some((t) => t.done > 0) &&
          report.progress.some((p) => p.remaining > 0)
        )
          setImmediate(() => void this.tick());
      } catch (err) {
        if (!this.abort.signal.aborted) this.options.onError?.(err);
      }
    })().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
