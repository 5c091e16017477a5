/**
 * Dump imports started over HTTP (`catalog import` while a server holds the database): one at a
 * time, in memory, each batch a short turn on the write connection between live submissions. A
 * restart loses only the progress view; the import's batches are stored, its row in
 * catalog_imports is marked interrupted, and running it again finishes it without duplicates.
 */
import { randomUUID } from 'node:crypto';
import type { MbEntity } from '../store/catalog-rows.js';
import type { CatalogService } from './catalog-service.js';
import type { CatalogImportProgress, CatalogImportReport } from './dump-import.js';

export interface CatalogJobView {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  paths: string[];
  createdAt: string;
  finishedAt: string | null;
  progress: CatalogImportProgress | null;
  report: CatalogImportReport | null;
  error: string | null;
}

/** Small batches in a server: a live submission waits behind at most one. */
const SERVER_BATCH_LINES = 1_000;
const KEEP_FINISHED = 20;

export class CatalogImportJobs {
  private readonly jobs = new Map<string, CatalogJobView>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly catalog: CatalogService) {}

  start(spec: { paths: string[]; entity?: MbEntity }): CatalogJobView {
    const view: CatalogJobView = {
      id: randomUUID(),
      status: 'queued',
      paths: spec.paths,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      report: null,
      error: null,
    };
    this.jobs.set(view.id, view);
    for (const [id, job] of this.jobs)
      if (this.jobs.size > KEEP_FINISHED && job.finishedAt !== null) this.jobs.delete(id);
    this.queue = this.queue.then(async () => {
      view.status = 'running';
      try {
        view.report = await this.catalog.importDumps({
          paths: spec.paths,
          ...(spec.entity ? { entity: spec.entity } : {}),
          batchLines: SERVER_BATCH_LINES,
          onProgress: (p) => (view.progress = p),
        });
        view.status = 'completed';
      } catch (err) {
        view.status = 'failed';
        view.error = err instanceof Error ? err.message : String(err);
      }
      view.finishedAt = new Date().toISOString();
    });
    return view;
  }

  get(id: string): CatalogJobView | undefined {
    return this.jobs.get(id);
  }

  /** Lets a queued or running import finish (the server's close). */
  drain(): Promise<void> {
    return this.queue;
  }
}
