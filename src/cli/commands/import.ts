import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { parseColumns } from '../../ingest/columns.js';
import { importFiles, type FileReport, type ImportReport } from '../../ingest/import-service.js';
import { Backups } from '../../jobs/backups.js';
import type { Store } from '../../store/index.js';
import { listFormats } from '../../sources/index.js';
import type { FormatName } from '../../sources/types.js';
import { committedSince, describeCommitted, interruptible, lastImportRunId } from '../interrupt.js';
import { terminalProgress } from '../progress.js';
import type { ImportJobView } from '../../jobs/import-jobs.js';
import type { ServerClient } from '../server-client.js';
import {
  action,
  addDbOption,
  commandConfig,
  databaseExists,
  databasePath,
  DEFAULT_USER,
  printJson,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface ImportCliOptions extends DbOptions {
  user?: string;
  format?: string;
  dryRun?: boolean;
  json?: boolean;
  encoding?: string;
  columns?: string;
  batchSize?: string;
}

export function registerImportCommand(program: Command): void {
  const formats = listFormats();
  addDbOption(
    program
      .command('import')
      .description('Import listening history or a collection from export files (zips read directly).')
      .argument('<file...>', 'export files, zips or folders')
      .option(
        '--user <name>',
        `whose history this is (default: "${DEFAULT_USER}", or the users named in the file)`,
      )
      .option('--format <name>', 'skip detection and read every file as this format')
      .option('--dry-run', 'read, check and count everything, then store nothing')
      .option(
        '--encoding <name>',
        'text encoding of the files: utf8 or latin1 (read as Windows-1252); default: UTF-8, or Windows-1252 for a file that is so throughout',
      )
      .option(
        '--columns <mapping>',
        'generic CSV/TSV: map columns, e.g. "artist=Artist,track=Title,timestamp=Played At[,release=Album][,duration_ms=Length][,timestamp_format=unix|unix_ms|iso]"',
      )
      .option('--json', 'print the report as one JSON document')
      .addOption(
        new Option(
          '--batch-size <n>',
          'listens (lines, for a file read in bulk) per transaction; 0 reads every file line by line',
        ).hideHelp(),
      ),
  )
    .addHelpText(
      'after',
      `\nFormats (detected by content):\n${formats.map((f) => `  ${f.name.padEnd(24)} ${f.title}`).join('\n')}\n\n` +
        'Exit codes: 0 imported (rejected rows are reported and kept), 1 the import failed, ' +
        '2 bad usage or an unreadable/unrecognised file.',
    )
    .action(
      action(async (files: string[], options: ImportCliOptions) => {
        const format = parseFormat(
          options.format,
          formats.map((f) => f.name),
        );
        const columns = options.columns ? parseColumns(options.columns) : undefined;
        if (options.encoding !== undefined && options.encoding !== 'utf8' && options.encoding !== 'latin1') {
          throw new AppError('INVALID_INPUT', `--encoding ${options.encoding}: use utf8 or latin1`);
        }
        // A dry run never creates the database: against none, it counts in a scratch one in memory.
        const scratch = Boolean(options.dryRun) && !databaseExists(options);
        const report = await withStoreOrServer(
          {
            ...options,
            ...(scratch ? { db: ':memory:' } : {}),
            memoryLimit: '512MB',
            create: !options.dryRun,
          },
          async (store) => {
            if (!options.dryRun) await backupBeforeLargeImport(store, files, options);
            const before = options.dryRun ? 0 : await lastImportRunId(store);
            return interruptible(
              () =>
                importFiles(store.db, {
                  paths: files,
                  ...(options.user ? { userName: options.user } : {}),
                  defaultUserName: DEFAULT_USER,
                  ...(format ? { format } : columns ? { format: 'generic-csv' as const } : {}),
                  ...(columns ? { columns } : {}),
                  dryRun: Boolean(options.dryRun),
                  ...(options.encoding ? { encoding: options.encoding as 'utf8' | 'latin1' } : {}),
                  progress: terminalProgress(!options.json),
                  // 0: every file line by line in JavaScript (no bulk read by DuckDB).
                  ...(options.batchSize === '0'
                    ? { bulkChunk: 0 }
                    : options.batchSize
                      ? { batchSize: Math.max(1, Number(options.batchSize) || 25_000) }
                      : {}),
                  ...(commandConfig(options).config.log.level === 'debug'
                    ? {
                        onBatchCommitted: (c) =>
                          process.stderr.write(
                            `committed: read ${c.read}, inserted ${c.inserted}; ${memory()}\n`,
                          ),
                      }
                    : {}),
                }),
              async () => {
                if (options.dryRun) return 'Interrupted: a dry run stores nothing.';
                const committed = await committedSince(store, before);
                return (
                  `Interrupted. Committed before the stop: ${describeCommitted(committed)}. ` +
                  'Run the same command again to finish the import: what is stored stays, and nothing is stored twice.'
                );
              },
            );
          },
          (client) =>
            interruptible(
              () => importThroughServer(client, files, options, !options.json),
              () =>
                Promise.resolve(
                  `Stopped following the import; the server (pid ${client.server.pid}) goes on with it. ` +
                    '`listenhouse imports` shows how far it got.',
                ),
            ),
        );
        if (options.json) printJson(report);
        else printReport(report, scratch ? databasePath(options) : null);
        if (report.files.some((f) => f.status !== 'imported')) process.exitCode = 2;
      }),
    );
}

/**
 * A server holds the database: it imports the files from this machine's disk as a job (the same
 * importer, the same report), and the progress bar follows the job.
 */
async function importThroughServer(
  client: ServerClient,
  files: string[],
  options: ImportCliOptions,
  showProgress: boolean,
): Promise<ImportReport> {
  if (showProgress)
    process.stderr.write(`The server (pid ${client.server.pid}) holds the database: importing through it.\n`);
  let job = await client.request<ImportJobView>('POST', '/api/imports/local', {
    paths: files.map((f) => resolve(f)),
    ...(options.user ? { user: options.user } : {}),
    ...(options.format ? { format: options.format } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    dryRun: Boolean(options.dryRun),
  });
  const progress = terminalProgress(showProgress);
  let file: string | null = null;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 200));
    job = await client.request<ImportJobView>('GET', `/api/imports/jobs/${job.id}`);
    if (progress && job.progress.file && job.progress.file !== file) {
      if (file) progress.stop();
      file = job.progress.file;
      progress.start(file, job.progress.totalBytes);
    }
    if (progress && file) progress.update(job.progress.bytesRead, job.progress.counts);
  }
  if (file) progress?.stop();
  if (!job.report)
    throw new AppError('INTERNAL', `The import job failed on the server: ${job.error ?? 'no report'}`);
  return job.report;
}

function memory(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1e6);
  return `rss ${mb(m.rss)} MB, JS heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB`;
}

function parseFormat(name: string | undefined, known: string[]): FormatName | undefined {
  if (!name) return undefined;
  if (!known.includes(name)) {
    throw new AppError(
      'INVALID_INPUT',
      `--format ${name}: unknown format. Known formats: ${known.join(', ')}`,
    );
  }
  return name as FormatName;
}

function printReport(report: ImportReport, missingDb: string | null): void {
  const out = (s = '') => process.stdout.write(s + '\n');
  if (report.dryRun)
    out(
      missingDb
        ? `Dry run: nothing was stored (there is no database at ${missingDb} yet, so every play counts as new).\n`
        : 'Dry run: nothing was stored.\n',
    );
  for (const f of report.files) printFile(f, out);
  const t = report.totals;
  if (report.files.length > 1) {
    out(
      `Total: ${t.read} read, ${t.inserted} new, ${t.duplicates} already stored, ${t.skipped} skipped, ` +
        `${t.rejected} rejected in ${report.seconds} s`,
    );
  }
}

function printFile(f: FileReport, out: (s?: string) => void): void {
  out(`${f.file}${f.format ? `  [${f.formatTitle}]` : ''}`);
  if (f.error) out(`  ${f.status === 'partial' ? 'stopped early' : 'not imported'}: ${f.error.message}`);
  if (f.format) {
    const rate = f.seconds > 0 ? `, ${Math.round(f.read / f.seconds).toLocaleString('en')} records/s` : '';
    out(
      `  read ${f.read}, new ${f.inserted}, already stored ${f.duplicates}` +
        (f.merged ? ` (${f.merged} of them from another source)` : '') +
        ` — ${f.seconds} s${rate}`,
    );
    if (f.encodingNote) out(`  ${f.encodingNote}`);
    else if (f.encoding === 'windows-1252') out('  decoded as Windows-1252 (--encoding latin1)');
    if (f.collectionItems)
      out(
        `  collection items: ${f.collectionItems.inserted} new, ${f.collectionItems.duplicates} already stored`,
      );
    const line = (label: string, counts: Record<string, number>) => {
      const parts = Object.entries(counts).map(([reason, n]) => `${reason.replace(/_/g, ' ')} ${n}`);
      if (parts.length) out(`  ${label}: ${parts.join(', ')}`);
    };
    line('skipped', f.skipped);
    line('rejected', f.rejected);
    for (const e of f.examples.filter((x) => x.status === 'rejected').slice(0, 10)) {
      out(`    ${e.where}: ${e.message}`);
    }
    line('stored with characters removed', f.cleaned);
    for (const e of f.examples.filter((x) => x.status === 'cleaned').slice(0, 10)) {
      out(`    ${e.where}: ${e.message}`);
    }
    if (Object.keys(f.rejected).length) {
      out('  Rejected rows are kept: `listenhouse rejected` lists them with their raw text.');
    }
  }
  if (f.usersCreated.length) out(`  new users: ${f.usersCreated.join(', ')}`);
  if (f.ignoredEntries.length) {
    out(
      `  ignored ${f.ignoredEntries.length === 1 ? '1 entry that holds' : `${f.ignoredEntries.length} entries that hold`} no listens: ` +
        f.ignoredEntries
          .slice(0, 5)
          .map((e) => e.entry)
          .join(', ') +
        (f.ignoredEntries.length > 5 ? ', …' : ''),
    );
  }
  out();
}

/**
 * A backup before an import of files of quality.backupBeforeImportMb MB or more in all, into a
 * database that holds listens already (an import can always be undone, but a backup is the floor).
 */
async function backupBeforeLargeImport(
  store: Store,
  files: readonly string[],
  options: DbOptions,
): Promise<void> {
  const { quality } = commandConfig(options).config;
  if (quality.backupBeforeImportMb === 0 || store.path === ':memory:') return;
  const bytes = files.reduce((n, f) => {
    try {
      const s = statSync(f);
      return n + (s.isFile() ? s.size : 0);
    } catch {
      return n;
    }
  }, 0);
  if (bytes < quality.backupBeforeImportMb * 1_000_000) return;
  if ((await store.listens.totals()).listens === 0) return;
  const taken = await new Backups(
    store,
    { dir: quality.backupDir, keep: quality.backupKeep, compressDays: quality.backupCompressDays },
    () => Date.now(),
  ).take('before-import');
  process.stderr.write(`Backup before the import: ${taken.backup.file}\n`);
}
