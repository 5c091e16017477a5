import { isAppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';
import {
  finishImportRun,
  markInterruptedRuns,
  recordRunUsers,
  startImportRun,
  type RunCounts,
} from '../store/import-run-repository.js';
import { ensureUser, type User } from '../store/user-repository.js';
import { ListenWriter } from '../store/listen-writer.js';
import type { ColumnMapping, Entry, FormatName, SourceFormat } from '../sources/types.js';
import { BatchIngest, type ProgressSink } from './batch-ingest.js';
import {
  readInput,
  storedPathOf,
  unknownFormatError,
  type EntryGroup,
  type InputContents,
} from './entry-groups.js';
import {
  FileReportBuilder,
  failedReport,
  roundSeconds,
  totalsOf,
  type FileReport,
  type ImportReport,
} from './import-report.js';

// The import job in four parts: what an input holds (entry-groups), the report (import-report), the
// batches written (batch-ingest, with the users records name in batch-users), and here the run of
// each group, a dry run included.
export type { Example, FileReport, ImportReport } from './import-report.js';
export type { ProgressSink } from './batch-ingest.js';

export interface ImportOptions {
  paths: readonly string[];
  /** The user the listens belong to; files that name their own users (Last.fm 1K) use those when absent. */
  userName?: string;
  defaultUserName: string;
  format?: FormatName;
  dryRun?: boolean;
  /**
   * Absent: UTF-8, and a file that is Windows-1252 throughout is read as such (the report says so).
   * `utf8` rejects rows that are not UTF-8; `latin1` reads every file as Windows-1252.
   */
  encoding?: 'utf8' | 'latin1';
  columns?: ColumnMapping;
  /** UTC epoch ms; pinned by tests. */
  now?: number;
  batchSize?: number;
  /** Lines per transaction of a file DuckDB reads itself (batch-ingest.ts); 0: every file line by line. */
  bulkChunk?: number;
  progress?: ProgressSink;
  /**
   * How reports and import runs name each path (uploads are saved under a temporary name and shown
   * as `upload:NAME`); default: the path itself.
   */
  displayNames?: ReadonlyMap<string, string>;
  /**
   * Mark runs left 'running' as interrupted first (default true). Only safe while nothing else can be
   * importing: the server marks them once when it opens the database and passes false.
   */
  markInterrupted?: boolean;
  /** Called after each batch is committed (the CLI logs it with LISTENHOUSE_LOG=debug). */
  onBatchCommitted?: (counts: Readonly<RunCounts>) => void;
}

/**
 * The import job: for each input, detect the format by content, stream its records through
 * validate → normalise → dedup → store in batches, and report what happened to every record.
 */
export async function importFiles(db: Database, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  if (!options.dryRun && options.markInterrupted !== false) await markInterruptedRuns(db);
  const runUserName = options.userName ?? options.defaultUserName;
  const files: FileReport[] = [];
  for (const path of options.paths) {
    files.push(...(await importPath(db, path, { ...options, now, runUserName })));
  }
  return {
    dryRun: Boolean(options.dryRun),
    user: runUserName,
    files,
    totals: totalsOf(files),
    seconds: roundSeconds((performance.now() - started) / 1000),
  };
}

/**
 * Imports records that do not come from a file (the simulator today; API uploads later) through the
 * same write path and report as files.
 */
export async function importSource(
  db: Database,
  options: Omit<ImportOptions, 'paths' | 'format'> & {
    display: string;
    format: SourceFormat;
    entries: Entry[];
  },
): Promise<ImportReport> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const runUserName = options.userName ?? options.defaultUserName;
  const file = await importGroup(db, {
    display: options.display,
    group: { format: options.format, entries: options.entries },
    options: { ...options, paths: [], format: options.format.name, now, runUserName },
    exportUser: null,
  });
  return {
    dryRun: Boolean(options.dryRun),
    user: runUserName,
    files: [file],
    totals: totalsOf([file]),
    seconds: roundSeconds((performance.now() - started) / 1000),
  };
}

type Resolved = ImportOptions & { now: number; runUserName: string };

async function importPath(db: Database, path: string, options: Resolved): Promise<FileReport[]> {
  const display = options.displayNames?.get(path) ?? path;
  let input: InputContents;
  try {
    input = await readInput(path, { display, ...(options.format ? { format: options.format } : {}) });
  } catch (err) {
    return [failedReport(display, err)];
  }
  if (input.groups.length === 0) {
    return [failedReport(display, unknownFormatError(display, input.entries), input.ignored)];
  }
  const reports: FileReport[] = [];
  for (const group of input.groups) {
    const report = await importGroup(db, { display, group, options, exportUser: input.exportUser });
    // Named after the run is stored, as before: the stored report lists only what the group read.
    report.ignoredEntries = [...input.ignored];
    reports.push(report);
  }
  return reports;
}

/** One import run: the entries of one input that one format reads. */
async function importGroup(
  db: Database,
  job: { display: string; group: EntryGroup; options: Resolved; exportUser: string | null },
): Promise<FileReport> {
  const { display, group, options } = job;
  const { format, entries } = group;
  const started = performance.now();
  const builder = new FileReportBuilder(display, format, {
    entries: entries.length,
    ...(options.encoding ? { encoding: options.encoding } : {}),
  });
  const writer = new ListenWriter(db);
  const work = async () => {
    // The users known before the first record are resolved now; those the records name, per batch.
    const runUser = await ensureReported(db, options.runUserName, builder);
    const userGiven = Boolean(options.userName);
    const listenUser =
      !userGiven && job.exportUser ? await ensureReported(db, job.exportUser, builder) : runUser;
    const runId = await startImportRun(db, {
      userId: runUser.id,
      file: storedPathOf(display),
      format: format.name,
      dryRun: Boolean(options.dryRun),
      startedAt: options.now,
    });
    builder.runId(options.dryRun ? null : runId);
    const ingest = new BatchIngest(db, {
      writer,
      report: builder,
      display,
      runId,
      format,
      runUser,
      listenUser,
      userGiven,
      parse: {
        now: options.now,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        ...(options.columns ? { columns: options.columns } : {}),
      },
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.bulkChunk !== undefined ? { bulkChunk: options.bulkChunk } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
      ...(options.onBatchCommitted ? { onBatchCommitted: options.onBatchCommitted } : {}),
    });
    try {
      try {
        for (const entry of entries) await ingest.readEntry(entry);
      } finally {
        builder.encodingDetected(ingest.detectedEncodings);
      }
      await ingest.flush();
      await ingest.drain();
      await recordRunUsers(db, runId, ingest.listenUserIds());
    } catch (err) {
      // A file that breaks off (truncated, unreadable) keeps what was read before the break.
      await ingest.flush();
      await ingest.drain();
      await recordRunUsers(db, runId, ingest.listenUserIds());
      builder.brokeOff(err);
      if (!isAppError(err)) throw err;
    }
    const report = builder.finish(roundSeconds((performance.now() - started) / 1000));
    await finishImportRun(db, runId, {
      status: report.status === 'imported' ? 'completed' : 'failed',
      finishedAt: Date.now(),
      report,
    });
  };
  // A dry run does the real work, dedup included, in one transaction that is then rolled back.
  if (options.dryRun) await db.preview(work);
  else await work();
  return builder.finish(roundSeconds((performance.now() - started) / 1000));
}

async function ensureReported(db: Database, name: string, builder: FileReportBuilder): Promise<User> {
  const { user, created } = await ensureUser(db, name);
  if (created) builder.userCreated(user.name);
  return user;
}
