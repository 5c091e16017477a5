import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { importFiles, type ImportReport } from '../ingest/import-service.js';
import type { ColumnMapping, FormatName } from '../sources/types.js';
import type { Store } from '../store/index.js';
import type { RunCounts } from '../store/index.js';

/** Lines of a file read in bulk per part (and transaction) while the server also takes live listens. */
const SERVER_BULK_LINES = 20_000;

export interface ImportJobSpec {
  /** Whose history; when absent, files that name their users (Last.fm 1K) use those, else the default. */
  userName?: string;
  defaultUserName: string;
  /** Files on the server's disk (uploads are saved to a temporary folder first). */
  paths: string[];
  /** How the report names each path (uploads: `upload:NAME`). */
  displayNames?: Map<string, string>;
  format?: FormatName;
  columns?: ColumnMapping;
  encoding?: 'utf8' | 'latin1';
  dryRun: boolean;
  /** A temporary folder to delete when the job ends (uploads). */
  cleanup?: string;
  /**
   * Rewords the importer's messages (the job's error, each file's error and examples) for whoever
   * started the job: uploads name their form fields where the importer names CLI flags. Default: as is.
   */
  reword?: (message: string) => string;
}

export interface ImportJobView {
  id: string;
  user: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  files: string[];
  dryRun: boolean;
  createdAt: string;
  finishedAt: string | null;
  progress: { file: string | null; bytesRead: number; totalBytes: number; counts: RunCounts };
  report: ImportReport | null;
  error: string | null;
}

const KEEP_FINISHED = 100;

/**
 * Imports started over HTTP run as jobs, one at a time, through the same importFiles as the CLI (so
 * the same report). Each batch takes its turn on the write connection, so live submissions keep
 * being stored between batches. Jobs live in memory; the import runs (and their reports) are in the
 * database, so a restart loses only the progress view of a job that was running — and that run is
 * then marked interrupted, and re-running the import finishes it without duplicates.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, { view: ImportJobView; spec: ImportJobSpec }>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  start(spec: ImportJobSpec): ImportJobView {
    const view: ImportJobView = {
      id: randomUUID(),
      user: spec.userName ?? spec.defaultUserName,
      status: 'queued',
      files: spec.paths.map((p) => spec.displayNames?.get(p) ?? p),
      dryRun: spec.dryRun,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      progress: { file: null, bytesRead: 0, totalBytes: 0, counts: zeroCounts() },
      report: null,
      error: null,
    };
    this.jobs.set(view.id, { view, spec });
    this.forgetOld();
    this.queue = this.queue.then(() => this.run(view, spec));
    return view;
  }

  get(id: string): ImportJobView | undefined {
    return this.jobs.get(id)?.view;
  }

  list(userName?: string): ImportJobView[] {
    return [...this.jobs.values()]
      .map((j) => j.view)
      .filter((v) => userName === undefined || v.user === userName)
      .reverse();
  }

  /** Resolves when every job so far has finished (graceful shutdown). */
  async drain(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }

  private async run(view: ImportJobView, spec: ImportJobSpec): Promise<void> {
    view.status = 'running';
    try {
      const report = await importFiles(this.store.db, {
        paths: spec.paths,
        ...(spec.userName ? { userName: spec.userName } : {}),
        defaultUserName: spec.defaultUserName,
        dryRun: spec.dryRun,
        markInterrupted: false,
        // Live submissions share the write connection: a file read in bulk is written in parts small
        // enough that a scrobble never waits long for one (each of its statements takes tens of ms).
        bulkChunk: SERVER_BULK_LINES,
        ...(spec.displayNames ? { displayNames: spec.displayNames } : {}),
        ...(spec.format ? { format: spec.format } : {}),
        ...(spec.columns ? { columns: spec.columns } : {}),
        ...(spec.encoding ? { encoding: spec.encoding } : {}),
        progress: {
          start(label, totalBytes) {
            view.progress.file = label;
            view.progress.totalBytes = totalBytes;
            view.progress.bytesRead = 0;
          },
          update(bytesRead, counts) {
            view.progress.bytesRead = bytesRead;
            view.progress.counts = { ...counts };
          },
          stop() {},
        },
      });
      view.report = spec.reword ? reworded(report, spec.reword) : report;
      view.progress.counts = { ...report.totals };
      view.status = report.files.every((f) => f.status === 'imported') ? 'completed' : 'failed';
      if (view.status === 'failed')
        view.error = view.report.files
          .filter((f) => f.error)
          .map((f) => f.error!.message)
          .join(' ');
    } catch (err) {
      view.status = 'failed';
      const message = err instanceof Error ? err.message : String(err);
      view.error = spec.reword ? spec.reword(message) : message;
    } finally {
      view.finishedAt = new Date().toISOString();
      if (spec.cleanup) await rm(spec.cleanup, { recursive: true, force: true });
    }
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.view.finishedAt !== null);
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.jobs.delete(j.view.id);
  }
}

function reworded(report: ImportReport, reword: (message: string) => string): ImportReport {
  return {
    ...report,
    files: report.files.map((f) => ({
      ...f,
      examples: f.examples.map((e) => ({ ...e, message: reword(e.message) })),
      ...(f.error ? { error: { ...f.error, message: reword(f.error.message) } } : {}),
    })),
  };
}

function zeroCounts(): RunCounts {
  return { read: 0, inserted: 0, duplicates: 0, merged: 0, skipped: 0, rejected: 0 };
}
