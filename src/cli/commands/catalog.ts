import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  DUMP_ENTITIES,
  isDumpEntity,
  type CatalogImportReport,
  type CatalogStatus,
  type MatchReport,
} from '../../catalog/index.js';
import { AppError } from '../../domain/errors.js';
import { catalogOn } from '../../services/index.js';
import type { ServerClient } from '../server-client.js';
import {
  action,
  addDbOption,
  commandConfig,
  printJson,
  usageError,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface ImportCliOptions extends DbOptions {
  entity?: string;
  json?: boolean;
}

interface MatchCliOptions extends DbOptions {
  threshold?: string;
  json?: boolean;
}

const IMPORT_HELP = `
Reads the MusicBrainz JSON data dumps (https://data.metabrainz.org/pub/musicbrainz/data/json-dumps/):
the archives artist.tar.xz, release-group.tar.xz, release.tar.xz and recording.tar.xz as they are
(member mbdump/<entity>; .xz needs the program xz, Debian package xz-utils), or a JSON-lines file of
one of them (extracted, or .jsonl/.xz/.gz). Importing again, or a newer dump, updates in place.
A bad line is reported with its number and skipped. Then \`listenhouse catalog match\`.

Examples:
  listenhouse catalog import artist.tar.xz release-group.tar.xz recording.tar.xz
  listenhouse catalog import mbdump/recording --json
`;

/** `listenhouse catalog import|match|status`: the MusicBrainz catalogue and matching to it. */
export function registerCatalogCommands(program: Command): void {
  const group = program
    .command('catalog')
    .description(
      'The MusicBrainz catalogue: import its dumps, match your listens to it, see how far it got.',
    );

  addDbOption(
    group
      .command('import')
      .description('Import MusicBrainz JSON dumps (artist, release-group, release, recording).')
      .argument('<paths...>', 'dump archives (.tar.xz) or JSON-lines files')
      .option(
        '--entity <entity>',
        `what the files hold when their names do not say: ${DUMP_ENTITIES.join(', ')}`,
      )
      .option('--json', 'print the report as one JSON document')
      .addHelpText('after', IMPORT_HELP),
  ).action(
    action(async (paths: string[], options: ImportCliOptions) => {
      if (options.entity !== undefined && !isDumpEntity(options.entity))
        throw usageError(`--entity takes ${DUMP_ENTITIES.join(', ')}, not '${options.entity}'.`);
      const entity =
        options.entity !== undefined && isDumpEntity(options.entity) ? options.entity : undefined;
      const files = paths.map((p) => resolve(p));
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length > 0)
        throw new AppError('UNREADABLE_INPUT', `No such file: ${missing.join(', ')}. Check the path.`);
      const showProgress = !options.json && process.stderr.isTTY;
      const report = await withStoreOrServer(
        { ...options, create: true },
        async (store) => {
          const catalog = catalogOn(store, commandConfig(options).config);
          await catalog.markInterrupted();
          const bar = showProgress ? importBar() : null;
          try {
            return await catalog.importDumps({
              paths: files,
              ...(entity ? { entity } : {}),
              onProgress: (p) => bar?.show(p.part, p.bytesRead, p.totalBytes, p.imported),
            });
          } finally {
            bar?.stop();
          }
        },
        (client) => importThroughServer(client, files, entity, showProgress),
      );
      if (options.json) printJson(report);
      else console.log(describeImport(report));
      if (!report.complete) process.exitCode = 1;
    }),
  );

  addDbOption(
    group
      .command('match')
      .description(
        'Match every stored (artist, track, release) to MusicBrainz now (the server also does it in the background).',
      )
      .option('--threshold <0..1>', 'confidence a match needs (default: catalog.matchThreshold, 0.8)')
      .option('--json', 'print the report as one JSON document'),
  ).action(
    action(async (options: MatchCliOptions) => {
      const threshold = options.threshold === undefined ? undefined : parseThreshold(options.threshold);
      const showProgress = !options.json && process.stderr.isTTY;
      const report = await withStoreOrServer(
        options,
        async (store) => {
          const catalog = catalogOn(store, commandConfig(options).config);
          const bar = showProgress ? countBar('match', 'tuples') : null;
          try {
            return await catalog.match({
              ...(threshold !== undefined ? { threshold } : {}),
              onProgress: (done, total) => bar?.show(done, total),
            });
          } finally {
            bar?.stop();
          }
        },
        (client) =>
          client.request<MatchReport>(
            'POST',
            '/api/catalog/match',
            threshold === undefined ? {} : { threshold },
          ),
      );
      if (options.json) return printJson(report);
      console.log(describeMatch(report));
    }),
  );

  addDbOption(
    group
      .command('status')
      .description('What the catalogue holds, its imports, and how many listens are matched and how.')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: DbOptions & { json?: boolean }) => {
      const status = await withStoreOrServer(
        options,
        (store) => catalogOn(store, commandConfig(options).config).status(),
        (client) => client.get<CatalogStatus>('/api/catalog/status'),
      );
      if (options.json) return printJson(status);
      console.log(describeStatus(status));
    }),
  );
}

function parseThreshold(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw usageError(`--threshold takes a number from 0 to 1 (0.8 is the default), not '${text}'.`);
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function describeImport(report: CatalogImportReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const part of file.parts) {
      const embedded = Object.entries(part.embedded)
        .filter(([, n]) => n > 0)
        .map(([entity, n]) => `${fmt(n)} ${entity}s`)
        .join(', ');
      lines.push(
        `${part.name}: ${fmt(part.imported)} ${part.entity}s from ${fmt(part.lines)} lines` +
          (embedded ? `, and ${embedded} they name` : '') +
          (part.badLines > 0
            ? `; ${fmt(part.badLines)} bad line${part.badLines === 1 ? '' : 's'} skipped`
            : ''),
      );
      for (const bad of part.bad) lines.push(`  ${bad.at}: ${bad.reason}`);
      if (part.badLines > part.bad.length) lines.push(`  … and ${fmt(part.badLines - part.bad.length)} more`);
    }
    if (file.skippedMembers.length > 0)
      lines.push(`${file.file}: not kept: ${file.skippedMembers.join(', ')}`);
    if (file.error) lines.push(`${file.status === 'truncated' ? 'Incomplete' : 'Failed'}: ${file.error}`);
  }
  lines.push(
    report.complete
      ? 'Done. `listenhouse catalog match` matches your listens to it (a running server does it by itself).'
      : 'Not every file was read to its end (see above).',
  );
  return lines.join('\n');
}

function describeMatch(report: MatchReport): string {
  const c = report.counts;
  const methods = Object.entries(report.byMethod)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${fmt(n)}`)
    .join(', ');
  if (report.tuples === 0)
    return 'Nothing to match: every stored track has been looked at against this catalogue.';
  return [
    `Looked at ${fmt(report.tuples)} distinct tracks (${fmt(report.listens)} listens) in ${report.seconds.toFixed(1)} s:`,
    `  ${fmt(c.matched + c.linked)} matched to a recording, ${fmt(c.partial)} to their artists only, ${fmt(c.unmatched)} not matched` +
      (c.unlinked > 0 ? `, ${fmt(c.unlinked)} unlinked by hand` : ''),
    `  ${fmt(report.listensMatched)} of ${fmt(report.listens)} listens (${pct(report.listensMatched, report.listens)}) have a recording`,
    `  by method: ${methods}`,
  ].join('\n');
}

function describeStatus(s: CatalogStatus): string {
  const c = s.catalogue;
  const lines = [
    `Catalogue: ${fmt(c.artists)} artists, ${fmt(c.releaseGroups)} release groups, ${fmt(c.releases)} releases, ${fmt(c.recordings)} recordings (generation ${c.generation})`,
  ];
  if (c.artists + c.recordings === 0)
    lines.push('  empty: `listenhouse catalog import artist.tar.xz recording.tar.xz …` (docs/catalogue.md).');
  for (const i of s.imports.slice(0, 5))
    lines.push(
      `  ${i.startedAt} ${i.status}: ${i.file} (${fmt(i.imported)} ${i.entity}s${i.badLines > 0 ? `, ${fmt(i.badLines)} bad lines` : ''})`,
    );
  lines.push(
    `Listens with a recording: ${pct(s.listensMatched * s.listens, s.listens)} of ${fmt(s.listens)}`,
  );
  for (const m of s.matches)
    lines.push(
      `  ${m.status.padEnd(9)} ${m.method.padEnd(9)} ${fmt(m.tuples).padStart(10)} tracks ${fmt(m.listens).padStart(12)} listens`,
    );
  return lines.join('\n');
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`;
}

/** A server holds the database: it imports the files (on its own disk, the same machine) as a job. */
async function importThroughServer(
  client: ServerClient,
  paths: string[],
  entity: string | undefined,
  showProgress: boolean,
): Promise<CatalogImportReport> {
  let job = await client.request<CatalogJobView>('POST', '/api/catalog/imports', {
    paths,
    ...(entity ? { entity } : {}),
  });
  const bar = showProgress ? importBar() : null;
  try {
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((done) => setTimeout(done, 500));
      job = await client.get<CatalogJobView>(`/api/catalog/imports/${job.id}`);
      if (job.progress)
        bar?.show(job.progress.part, job.progress.bytesRead, job.progress.totalBytes, job.progress.imported);
    }
  } finally {
    bar?.stop();
  }
  if (!job.report)
    throw new AppError('INTERNAL', job.error ?? 'The server ended the import without a report.');
  return job.report;
}

interface CatalogJobView {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: { part: string; bytesRead: number; totalBytes: number; imported: number } | null;
  report: CatalogImportReport | null;
  error: string | null;
}

function importBar(): {
  show(part: string, bytes: number, total: number, imported: number): void;
  stop(): void;
} {
  const bar = new SingleBar(
    {
      format: '{label} |{bar}| {percentage}% | {mb}/{totalMb} MB | {imported} imported',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    show(part, bytes, total, imported) {
      const label = part.length > 40 ? '…' + part.slice(-39) : part;
      const payload = {
        label,
        mb: (bytes / 1e6).toFixed(1),
        totalMb: (total / 1e6).toFixed(1),
        imported: fmt(imported),
      };
      if (!started) bar.start(Math.max(total, 1), bytes, payload);
      else bar.update(bytes, payload);
      started = true;
    },
    stop: () => bar.stop(),
  };
}

function countBar(label: string, unit: string): { show(done: number, total: number): void; stop(): void } {
  const bar = new SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {value}/{total} ${unit}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    show(done, total) {
      if (!started) bar.start(Math.max(total, 1), done);
      else bar.update(done);
      started = true;
    },
    stop: () => bar.stop(),
  };
}
