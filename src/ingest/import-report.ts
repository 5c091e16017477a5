import { isAppError } from '../domain/errors.js';
import type { RecordLocation } from '../domain/listen.js';
import type { RunCounts } from '../store/import-run-repository.js';
import type { EncodingDetected, FormatName, SourceFormat } from '../sources/types.js';
import type { IgnoredEntry } from './entry-groups.js';
import type { Cleaned } from './validate.js';

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
  ignoredEntries: IgnoredEntry[];
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

/** Examples kept per reason (and status): enough to see what went wrong without listing every row. */
export const EXAMPLES_PER_REASON = 3;

/**
 * The report of one group of entries, filled in as its records are read and its batches committed.
 * `counts` is the run's progress in the shape import runs store it; the report keeps the same
 * numbers by reason.
 */
export class FileReportBuilder {
  readonly report: FileReport;
  readonly counts: RunCounts = { read: 0, inserted: 0, duplicates: 0, merged: 0, skipped: 0, rejected: 0 };

  constructor(
    file: string,
    format: SourceFormat,
    options: { entries: number; encoding?: 'utf8' | 'latin1' },
  ) {
    this.report = emptyReport(file, format);
    this.report.entries = options.entries;
    if (options.encoding === 'latin1') this.report.encoding = 'windows-1252';
    if (format.produces === 'collection') this.report.collectionItems = { inserted: 0, duplicates: 0 };
  }

  countRead(records = 1): void {
    this.counts.read += records;
    this.report.read += records;
  }

  reject(reason: string, where: RecordLocation, message: string): void {
    this.counts.rejected++;
    this.count('rejected', this.report.rejected, { reason, where, message });
  }

  skip(reason: string, where: RecordLocation, message: string): void {
    this.counts.skipped++;
    this.count('skipped', this.report.skipped, { reason, where, message });
  }

  cleaned(where: RecordLocation, cleaned: Cleaned): void {
    this.count('cleaned', this.report.cleaned, { ...cleaned, where });
  }

  private count(
    status: Example['status'],
    bucket: Record<string, number>,
    seen: { reason: string; where: RecordLocation; message: string },
  ): void {
    const n = (bucket[seen.reason] ?? 0) + 1;
    bucket[seen.reason] = n;
    if (n <= EXAMPLES_PER_REASON) this.example({ status, ...seen });
  }

  private example(seen: Omit<Example, 'where'> & { where: RecordLocation }): void {
    this.report.examples.push({
      status: seen.status,
      reason: seen.reason,
      where: `${seen.where.file}:${seen.where.line}`,
      message: seen.message,
    });
  }

  /** What the committed batches stored so far (totals, not a batch's share). */
  committed(stored: Pick<RunCounts, 'inserted' | 'duplicates' | 'merged'>): void {
    this.counts.inserted = this.report.inserted = stored.inserted;
    this.counts.duplicates = this.report.duplicates = stored.duplicates;
    this.counts.merged = this.report.merged = stored.merged;
  }

  /** A committed batch's collection items (a share, added up). */
  collectionCommitted(inserted: number, duplicates: number): void {
    const items = (this.report.collectionItems ??= { inserted: 0, duplicates: 0 });
    items.inserted += inserted;
    items.duplicates += duplicates;
  }

  userCreated(name: string): void {
    this.report.usersCreated.push(name);
  }

  runId(id: number | null): void {
    this.report.importRunId = id;
  }

  ignored(entries: readonly IgnoredEntry[]): void {
    this.report.ignoredEntries = [...entries];
  }

  /** Says which entries were read as Windows-1252 because their bytes were. */
  encodingDetected(detected: readonly EncodingDetected[]): void {
    noteDetectedEncoding(this.report, detected);
  }

  /**
   * The reading broke off: what was read before the break is kept (`partial`); nothing read is
   * `unreadable`.
   */
  brokeOff(err: unknown): void {
    this.report.status = this.report.read > 0 ? 'partial' : 'unreadable';
    this.report.error = errorOf(err);
  }

  /** Ends the report: a file cut short (`truncated`) is partial even when it read on to the end. */
  finish(seconds: number): FileReport {
    if (Object.keys(this.report.rejected).includes('truncated') && this.report.status === 'imported')
      this.report.status = 'partial';
    this.report.seconds = seconds;
    return this.report;
  }
}

/** Adds up the files' counts as an import run stores them. */
export function totalsOf(files: readonly FileReport[]): RunCounts {
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

/** The report of an input that could not be read at all (or whose format is unknown). */
export function failedReport(file: string, err: unknown, ignored: readonly IgnoredEntry[] = []): FileReport {
  const report = emptyReport(file, null);
  report.status = 'unreadable';
  report.error = errorOf(err);
  report.ignoredEntries = [...ignored];
  return report;
}

function errorOf(err: unknown): { code: string; message: string } {
  return {
    code: isAppError(err) ? err.code : 'INTERNAL',
    message: err instanceof Error ? err.message : String(err),
  };
}

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

/** Seconds to the millisecond, as reports show them. */
export function roundSeconds(n: number): number {
  return Math.round(n * 1000) / 1000;
}
