import { resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { AppError, isAppError } from '../domain/errors.js';
import type { ParsedRecord, RecordLocation } from '../domain/listen.js';
import { writeCollectionItems, type CollectionRow } from '../store/collection-writer.js';
import type { Database } from '../store/database.js';
import {
  finishImportRun,
  markInterruptedRuns,
  recordRunProgress,
  recordRunUsers,
  startImportRun,
  type RunCounts,
} from '../store/import-run-repository.js';
import { ListenWriter, type ListenRow, type RejectRow } from '../store/listen-writer.js';
import { ensureUser, type User } from '../store/user-repository.js';
import { detectFormat, formatByName, openInputs } from '../sources/index.js';
import { describeEntries } from '../sources/read/open-inputs.js';
import type {
  ColumnMapping,
  EncodingDetected,
  Entry,
  FormatName,
  ParseOptions,
  SourceFormat,
} from '../sources/types.js';
import { toListenRow } from './listen-row.js';
import { validateListen, type Cleaned } from './validate.js';

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

/** Terminal progress (or nothing): the import service reports bytes read and counts. */
export interface ProgressSink {
  start(label: string, totalBytes: number): void;
  update(bytesRead: number, counts: RunCounts): void;
  stop(): void;
}

export interface Example {
  status: 'rejected' | 'skipped' | 'cleaned';
  reason: string;
  where: string;
  message: string;
}

export interface FileReport {
  file: string;
  format: FormatName | null;
  formatTitle: string | null;
  status: 'imported' | 'unrecognised' | 'unreadable' | 'partial';
  entries: number;
  read: number;
  inserted: number;
  /** Plays already stored: the same play again, or from another source within the time tolerance (`merged`). */
  duplicates: number;
  merged: number;
  collectionItems?: { inserted: number; duplicates: number };
  /**
   * How the text was read: `windows-1252` with `--encoding latin1`, or when detection found an entry
   * that is Windows-1252 throughout (`encodingDetected`; then `encodingNote` names the entries, with
   * the first line of each that is not UTF-8). Otherwise `utf8`.
   */
  encoding: 'utf8' | 'windows-1252';
  encodingDetected: boolean;
  encodingNote?: string;
  skipped: Record<string, number>;
  rejected: Record<string, number>;
  /**
   * Listens stored with something removed that the raw record keeps, by reason
   * (`control_characters`: a NUL or other control character in a name); examples have status `cleaned`.
   */
  cleaned: Record<string, number>;
  examples: Example[];
  ignoredEntries: { entry: string; reason: string }[];
  usersCreated: string[];
  importRunId: number | null;
  seconds: number;
  error?: { code: string; message: string };
}

export interface ImportReport {
  dryRun: boolean;
  user: string;
  files: FileReport[];
  totals: RunCounts;
  seconds: number;
}

const EXAMPLES_PER_REASON = 3;
const DEFAULT_BATCH = 25_000;

class DryRunRollback extends Error {}

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
    seconds: round((performance.now() - started) / 1000),
  };
}

function totalsOf(files: readonly FileReport[]): RunCounts {
  const sum = (pick: (f: FileReport) => number) => files.reduce((n, f) => n + pick(f), 0);
  const count = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    read: sum((f) => f.read),
    inserted: sum((f) => f.inserted),
    duplicates: sum((f) => f.duplicates),
    merged: sum((f) => f.merged),
    skipped: sum((f) => count(f.skipped)),
    rejected: sum((f) => count(f.rejected)),
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
    format: options.format,
    entries: options.entries,
    options: { ...options, paths: [], format: options.format.name, now, runUserName },
  });
  return {
    dryRun: Boolean(options.dryRun),
    user: runUserName,
    files: [file],
    totals: totalsOf([file]),
    seconds: round((performance.now() - started) / 1000),
  };
}

type Resolved = ImportOptions & { now: number; runUserName: string };

async function importPath(db: Database, path: string, options: Resolved): Promise<FileReport[]> {
  const display = options.displayNames?.get(path) ?? path;
  let entries: Entry[];
  try {
    entries = await openInputs(path);
  } catch (err) {
    return [failedReport(display, err)];
  }
  if (display !== path) {
    // Name the entries (and so every file:line in the report) after the display name.
    entries = entries.map((e) => ({
      ...e,
      path: e.path.startsWith(path) ? display + e.path.slice(path.length) : e.path,
    }));
  }
  const archiveUser = await userNamedByExport(entries);
  // Group the entries of one input by format: a zip of monthly files is one report.
  const groups = new Map<FormatName, { format: SourceFormat; entries: Entry[] }>();
  const ignored: { entry: string; reason: string }[] = [];
  for (const entry of entries) {
    const format = options.format ? formatByName(options.format) : (await detectFormat(entry))?.format;
    if (!format) {
      ignored.push({ entry: entry.path, reason: 'not a format listenhouse imports' });
      continue;
    }
    const group = groups.get(format.name) ?? { format, entries: [] };
    group.entries.push(entry);
    groups.set(format.name, group);
  }
  if (groups.size === 0) {
    const report = failedReport(
      display,
      new AppError(
        'UNKNOWN_FORMAT',
        `${display}: could not recognise the format of ${describeEntries(display, entries)}. ` +
          'listenhouse reads ListenBrainz, Spotify, Last.fm, Last.fm 1K and Discogs exports by their content; ' +
          'for another CSV/TSV, map its columns with --columns (see `listenhouse import --help`), or name the format with --format.',
      ),
    );
    report.ignoredEntries = ignored;
    return [report];
  }
  const reports: FileReport[] = [];
  for (const { format, entries: group } of groups.values()) {
    const report = await importGroup(db, { display, format, entries: group, options, archiveUser });
    report.ignoredEntries = ignored;
    reports.push(report);
  }
  return reports;
}

/** Says in the report which entries were read as Windows-1252 because their bytes were. */
function noteDetectedEncoding(report: FileReport, detected: readonly EncodingDetected[]): void {
  if (detected.length === 0) return;
  report.encoding = 'windows-1252';
  report.encodingDetected = true;
  const where = detected.map((d) => `${d.file}:${d.line}`);
  const shown = where.length > 5 ? [...where.slice(0, 5), `and ${where.length - 5} more`] : where;
  const first = where.length === 1 ? 'is the first line' : 'are the first lines';
  report.encodingNote =
    `decoded as Windows-1252 (not UTF-8): ${shown.join(', ')} ${first} that ${where.length === 1 ? 'is' : 'are'} not ` +
    'UTF-8, and the text is single-byte throughout; run again with --encoding utf8 to read it as UTF-8 ' +
    '(such rows are then rejected)';
}

function failedReport(file: string, err: unknown): FileReport {
  const report = emptyReport(file, null);
  report.status = 'unreadable';
  report.error = {
    code: isAppError(err) ? err.code : 'INTERNAL',
    message: err instanceof Error ? err.message : String(err),
  };
  return report;
}

function emptyReport(file: string, format: SourceFormat | null): FileReport {
  return {
    file,
    format: format?.name ?? null,
    formatTitle: format?.title ?? null,
    status: 'imported',
    entries: 0,
    read: 0,
    inserted: 0,
    duplicates: 0,
    merged: 0,
    encoding: 'utf8',
    encodingDetected: false,
    skipped: {},
    rejected: {},
    cleaned: {},
    examples: [],
    ignoredEntries: [],
    usersCreated: [],
    importRunId: null,
    seconds: 0,
  };
}

async function importGroup(
  db: Database,
  job: {
    display: string;
    format: SourceFormat;
    entries: Entry[];
    options: Resolved;
    /** The user a ListenBrainz export names in its user.json: its listens are theirs. */
    archiveUser?: string | null;
  },
): Promise<FileReport> {
  const { display, format, entries, options } = job;
  const started = performance.now();
  const report = emptyReport(display, format);
  report.entries = entries.length;
  if (options.encoding === 'latin1') report.encoding = 'windows-1252';
  if (format.produces === 'collection') report.collectionItems = { inserted: 0, duplicates: 0 };
  const work = async () => {
    const { user: runUser, created } = await ensureUser(db, options.runUserName);
    if (created) report.usersCreated.push(runUser.name);
    const runId = await startImportRun(db, {
      userId: runUser.id,
      file: absolute(display),
      format: format.name,
      dryRun: Boolean(options.dryRun),
      startedAt: options.now,
    });
    report.importRunId = options.dryRun ? null : runId;
    const ingest = new BatchIngest(db, {
      display,
      report,
      runId,
      runUser,
      options,
      format,
      fileUser: job.archiveUser ?? null,
    });
    try {
      try {
        for (const entry of entries) await ingest.readEntry(entry);
      } finally {
        noteDetectedEncoding(report, ingest.detectedEncodings);
      }
      await ingest.flush();
      await ingest.drain();
      await recordRunUsers(db, runId, ingest.listenUserIds());
    } catch (err) {
      // A file that breaks off (truncated, unreadable) keeps what was read before the break.
      await ingest.flush();
      await ingest.drain();
      await recordRunUsers(db, runId, ingest.listenUserIds());
      report.status = report.read > 0 ? 'partial' : 'unreadable';
      report.error = {
        code: isAppError(err) ? err.code : 'INTERNAL',
        message: err instanceof Error ? err.message : String(err),
      };
      if (!isAppError(err)) throw err;
    }
    if (Object.keys(report.rejected).includes('truncated') && report.status === 'imported')
      report.status = 'partial';
    report.seconds = round((performance.now() - started) / 1000);
    await finishImportRun(db, runId, {
      status: report.status === 'imported' ? 'completed' : 'failed',
      finishedAt: Date.now(),
      report,
    });
  };
  if (options.dryRun) {
    // A dry run does the real work, dedup included, in one transaction that is then rolled back.
    try {
      await db.transaction(async () => {
        await work();
        throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
  } else {
    await work();
  }
  report.seconds = round((performance.now() - started) / 1000);
  return report;
}

/** Collects parsed records into batches and hands them to the one store function. */
class BatchIngest {
  private readonly writer: ListenWriter;
  private listens: ListenRow[] = [];
  private rejects: RejectRow[] = [];
  private collection: CollectionRow[] = [];
  private readonly copies = new Map<string, number>();
  private readonly users = new Map<string, number>();
  /** Users the run's listens went to, in the order first met. */
  private readonly listenUsers = new Set<number>();
  private readonly counts: RunCounts = {
    read: 0,
    inserted: 0,
    duplicates: 0,
    merged: 0,
    skipped: 0,
    rejected: 0,
  };
  private readonly batchSize: number;
  private readonly parseOptions: ParseOptions;
  private pending: Promise<void> | null = null;
  private failure: unknown = undefined;
  private committed = { inserted: 0, duplicates: 0, merged: 0 };
  /** Entries read as Windows-1252 because their bytes were, in the order read. */
  readonly detectedEncodings: EncodingDetected[] = [];

  constructor(
    private readonly db: Database,
    private readonly ctx: {
      display: string;
      report: FileReport;
      runId: number;
      runUser: User;
      options: Resolved;
      format: SourceFormat;
      /** Whose listens these are when the records do not say (a ListenBrainz export's user.json). */
      fileUser: string | null;
    },
  ) {
    this.writer = new ListenWriter(db);
    this.batchSize = ctx.options.batchSize ?? DEFAULT_BATCH;
    this.parseOptions = {
      encoding: ctx.options.encoding ?? 'auto',
      onEncodingDetected: (detected) => this.detectedEncodings.push(detected),
      now: ctx.options.now,
      ...(ctx.options.columns ? { columns: ctx.options.columns } : {}),
    };
    this.users.set(ctx.runUser.name, ctx.runUser.id);
  }

  async readEntry(entry: Entry): Promise<void> {
    const progress = this.ctx.options.progress;
    let bytes = 0;
    let opened = false;
    const counted: Entry = {
      path: entry.path,
      name: entry.name,
      size: entry.size,
      // Progress follows the parse, the first reader: the encoding check may read the entry once more.
      open: async () => {
        if (opened) return entry.open();
        opened = true;
        return countBytes(await entry.open(), (n) => (bytes += n));
      },
    };
    progress?.start(entry.path, entry.size);
    let lastTick = 0;
    try {
      for await (const record of this.ctx.format.parse(counted, this.parseOptions)) {
        await this.take(record);
        if (progress && this.counts.read - lastTick >= 5000) {
          lastTick = this.counts.read;
          progress.update(bytes, this.counts);
        }
      }
    } finally {
      progress?.update(bytes, this.counts);
      progress?.stop();
    }
  }

  private async take(record: ParsedRecord): Promise<void> {
    const { report } = this.ctx;
    this.counts.read++;
    report.read++;
    switch (record.kind) {
      case 'listen': {
        const checked = validateListen(record.listen, this.ctx.options.now);
        if (!checked.ok) {
          this.reject({ ...record, kind: 'reject', reason: checked.reason, message: checked.message });
          break;
        }
        if (checked.cleaned) this.noteCleaned(record.where, checked.cleaned);
        const l = checked.listen;
        const userId = await this.userIdFor(l.user ?? this.ctx.fileUser);
        this.listenUsers.add(userId);
        this.listens.push(
          toListenRow(l, {
            userId,
            source: l.origin?.source ?? this.ctx.format.source,
            format: l.origin?.format ?? this.ctx.format.name,
            importRunId: this.ctx.runId,
            raw: record.raw,
          }),
        );
        break;
      }
      case 'collection': {
        const key = `${record.item.list}\u001f${record.item.releaseId}`;
        const instance = (this.copies.get(key) ?? 0) + 1;
        this.copies.set(key, instance);
        this.collection.push({
          userId: this.ctx.runUser.id,
          item: record.item,
          instance,
          importRunId: this.ctx.runId,
          raw: record.raw,
        });
        break;
      }
      case 'skip':
      case 'reject':
        this.reject(record);
        break;
    }
    if (
      this.listens.length >= this.batchSize ||
      this.rejects.length >= this.batchSize ||
      this.collection.length >= this.batchSize
    ) {
      await this.flush();
    }
  }

  private reject(record: Extract<ParsedRecord, { kind: 'skip' | 'reject' }>): void {
    const { report } = this.ctx;
    const status = record.kind === 'skip' ? 'skipped' : 'rejected';
    const bucket = status === 'skipped' ? report.skipped : report.rejected;
    bucket[record.reason] = (bucket[record.reason] ?? 0) + 1;
    if (status === 'skipped') this.counts.skipped++;
    else this.counts.rejected++;
    if (bucket[record.reason]! <= EXAMPLES_PER_REASON) {
      report.examples.push({
        status,
        reason: record.reason,
        where: `${record.where.file}:${record.where.line}`,
        message: record.message,
      });
    }
    this.rejects.push({
      importRunId: this.ctx.runId,
      userId: this.ctx.runUser.id,
      file: this.storedPath(record.where.file),
      line: record.where.line,
      status,
      reason: record.reason,
      message: record.message,
      raw: record.raw,
    });
  }

  private noteCleaned(where: RecordLocation, cleaned: Cleaned): void {
    const { report } = this.ctx;
    const n = (report.cleaned[cleaned.reason] ?? 0) + 1;
    report.cleaned[cleaned.reason] = n;
    if (n <= EXAMPLES_PER_REASON) {
      report.examples.push({
        status: 'cleaned',
        reason: cleaned.reason,
        where: `${where.file}:${where.line}`,
        message: cleaned.message,
      });
    }
  }

  /** Rejected rows name the file absolutely, so a re-run from another folder recognises them. */
  private storedPath(file: string): string {
    const { display } = this.ctx;
    return file.startsWith(display) ? absolute(display) + file.slice(display.length) : absolute(file);
  }

  listenUserIds(): number[] {
    return [...this.listenUsers];
  }

  private async userIdFor(name: string | null | undefined): Promise<number> {
    // --user wins over users named inside a file.
    if (!name || this.ctx.options.userName) return this.ctx.runUser.id;
    const known = this.users.get(name);
    if (known !== undefined) return known;
    // The database is shared with the batch being written: let it finish before using it here.
    await this.drain();
    const { user, created } = await ensureUser(this.db, name);
    if (created) this.ctx.report.usersCreated.push(name);
    this.users.set(name, user.id);
    return user.id;
  }

  /**
   * Hands the collected batch to the writer and returns at once: the next batch is parsed while
   * DuckDB merges this one. Batches still commit one after another, in order.
   */
  async flush(): Promise<void> {
    const listens = this.listens;
    const rejects = this.rejects;
    const collection = this.collection;
    this.listens = [];
    this.rejects = [];
    this.collection = [];
    if (listens.length === 0 && rejects.length === 0 && collection.length === 0) return;
    // What this batch accounts for, fixed now: parsing goes on while it is written.
    const seen = { read: this.counts.read, skipped: this.counts.skipped, rejected: this.counts.rejected };
    await this.drain();
    this.pending = this.write(listens, rejects, collection, seen).catch((err: unknown) => {
      this.failure = err;
    });
  }

  /** Waits for the batch in flight and rethrows its failure. */
  async drain(): Promise<void> {
    if (this.pending) await this.pending;
    this.pending = null;
    if (this.failure !== undefined) {
      const err = this.failure;
      this.failure = undefined;
      throw err instanceof Error ? err : new Error('writing a batch failed', { cause: err });
    }
  }

  private async write(
    listens: ListenRow[],
    rejects: RejectRow[],
    collection: CollectionRow[],
    seen: Pick<RunCounts, 'read' | 'skipped' | 'rejected'>,
  ): Promise<void> {
    const { report, runId } = this.ctx;
    const committed = { ...this.committed };
    await this.writer.writeBatch(listens, rejects, async (outcome) => {
      committed.inserted += outcome.inserted;
      committed.duplicates += outcome.duplicates + outcome.merged;
      committed.merged += outcome.merged;
      if (collection.length > 0) {
        const inserted = await writeCollectionItems(this.db, collection);
        committed.inserted += inserted;
        committed.duplicates += collection.length - inserted;
        report.collectionItems!.inserted += inserted;
        report.collectionItems!.duplicates += collection.length - inserted;
      }
      await recordRunProgress(this.db, runId, { ...committed, ...seen });
    });
    this.committed = committed;
    this.counts.inserted = committed.inserted;
    this.counts.duplicates = committed.duplicates;
    this.counts.merged = committed.merged;
    report.inserted = committed.inserted;
    report.duplicates = committed.duplicates;
    report.merged = committed.merged;
    this.ctx.options.onBatchCommitted?.({ ...committed, ...seen });
  }
}

/**
 * The account a ListenBrainz user export belongs to: its user.json names it (`username`). Null when
 * the input holds no such file or it cannot be read.
 */
async function userNamedByExport(entries: readonly Entry[]): Promise<string | null> {
  const file = entries.find((e) => e.name === 'user.json' && e.size < 64 * 1024);
  if (!file) return null;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await file.open()) chunks.push(chunk as Buffer);
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const name = (value as Record<string, unknown>).username ?? (value as Record<string, unknown>).user_name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
  } catch {
    return null;
  }
}

function countBytes(stream: Readable, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  stream.on('error', (err) => counter.destroy(err));
  return stream.pipe(counter);
}

/** Files are recorded by absolute path; virtual sources (`simulator:seed=42`) keep their name. */
function absolute(path: string): string {
  return /^[a-z]+:[^/\\]/.test(path) ? path : resolve(path);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
