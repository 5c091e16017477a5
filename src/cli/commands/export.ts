import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { EXPORT_FORMATS, exportListens, type ExportFormat } from '../../export/export-service.js';
import { parseExportWindow } from '../../export/window.js';
import type { ServerClient } from '../server-client.js';
import { registerMbidMapExport } from './export-mbid-map.js';
import { registerRecommendationsExport } from './export-recommendations.js';
import { registerTableExports, runTableExport } from './export-tables.js';
import {
  action,
  addDbOption,
  DEFAULT_USER,
  printJson,
  usageError,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface ExportCliOptions extends DbOptions {
  user: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
  json?: boolean;
}

/** What `listenhouse export listens` reports once the file is complete. */
export interface ExportSummary {
  user: string;
  format: ExportFormat;
  listens: number;
  /** The file written; null when the export went to stdout. */
  file: string | null;
  from: string | null;
  to: string | null;
}

const HELP = `
Formats:
  jsonl   ListenBrainz JSON lines, as ListenBrainz's own export holds them: another ListenBrainz-compatible
          server, or \`listenhouse import\`, reads the file back
  csv     a header row, then one listen per row: listened_at (ISO-8601 UTC), artist, track, release, lengths,
          MBIDs, source, client, platform…

--from/--to: a date (whole UTC days, both included), an ISO-8601 instant (FROM included, TO not) or epoch seconds.
Without --out the export goes to stdout and the summary to stderr.

Examples:
  listenhouse export listens --out my-listens.jsonl
  listenhouse export listens --format csv --from 2024-01-01 --to 2024-12-31 > 2024.csv
`;

/** `listenhouse export listens`: the user's own history as a file another server (or we) can import. */
export function registerExportCommands(program: Command): void {
  const group = program
    .command('export')
    .description('Export your data: `listenhouse export listens --out FILE`.');
  registerMbidMapExport(group);
  registerTableExports(group);
  registerRecommendationsExport(group);
  addDbOption(
    group
      .command('listens')
      .description('Export listens as ListenBrainz JSON lines or CSV (oldest first).')
      .option('--user <name>', 'whose listens', DEFAULT_USER)
      .option('--from <date>', 'first day or instant included')
      .option('--to <date>', 'last day included (or the first instant left out)')
      .option('--format <format>', [...EXPORT_FORMATS, 'parquet', 'json'].join(' | '), 'jsonl')
      .option('--out <file>', 'write to this file (default: stdout)')
      .option('--json', 'print the summary as one JSON document (needs --out: stdout carries the export)')
      .addHelpText('after', HELP),
  ).action(
    action(async (options: ExportCliOptions) => {
      if (options.format === 'parquet' || options.format === 'json') {
        if (!options.out) throw usageError(`--format ${options.format} needs --out FILE.`);
        return runTableExport('listens', { ...options, by: 'artist' }, { by: 'artist' });
      }
      const format = EXPORT_FORMATS.find((f) => f === options.format);
      if (!format)
        throw usageError(
          `--format takes ${[...EXPORT_FORMATS, 'parquet', 'json'].join(', ')}, not '${options.format}'.`,
        );
      if (options.json && !options.out)
        throw usageError('--json needs --out FILE: without it stdout carries the export itself.');
      const window = parseExportWindow(options);
      const file = options.out ? resolve(options.out) : null;
      const target = file ? fileTarget(file) : stdoutTarget();
      const showProgress = !options.json && process.stderr.isTTY;
      let listens: number;
      try {
        listens = await withStoreOrServer(
          options,
          async (store) => {
            const user = await store.users.findByName(options.user);
            if (!user)
              throw new AppError(
                'NOT_FOUND',
                `No user "${options.user}": \`listenhouse users\` lists them; without --user, the export is '${DEFAULT_USER}''s.`,
              );
            const bar = showProgress
              ? progressBar(await store.listens.countToExport({ userId: user.id, ...window }))
              : null;
            let written = 0;
            await target.write(
              exportListens(store.db, {
                userId: user.id,
                ...window,
                format,
                onProgress: (n) => {
                  written = n;
                  bar?.update(n);
                },
              }),
            );
            bar?.stop();
            return written;
          },
          (client) => exportThroughServer(client, { options, format, window, target, showProgress }),
        );
      } catch (err) {
        await target.abandon();
        throw err;
      }
      await target.finish();
      const summary: ExportSummary = {
        user: options.user,
        format,
        listens,
        file,
        from: window.fromMs === undefined ? null : new Date(window.fromMs).toISOString(),
        to: window.toMs === undefined ? null : new Date(window.toMs).toISOString(),
      };
      if (options.json) return printJson(summary);
      const line = `Exported ${listens.toLocaleString('en-US')} listen${listens === 1 ? '' : 's'} of ${options.user} as ${format}${file ? ` to ${file}` : ''}.`;
      // With the export on stdout, the summary must not land in the file a user redirects to.
      if (file) console.log(line);
      else process.stderr.write(line + '\n');
    }),
  );
}

/** A server holds the database: the same export from GET /api/export/listens, streamed to the target. */
async function exportThroughServer(
  client: ServerClient,
  ctx: {
    options: ExportCliOptions;
    format: ExportFormat;
    window: { fromMs?: number; toMs?: number };
    target: Target;
    showProgress: boolean;
  },
): Promise<number> {
  const { window } = ctx;
  const response = await client.download('/api/export/listens', {
    user: ctx.options.user,
    format: ctx.format,
    from: window.fromMs === undefined ? undefined : new Date(window.fromMs).toISOString(),
    to: window.toMs === undefined ? undefined : new Date(window.toMs).toISOString(),
  });
  if (!response.body) throw new AppError('INTERNAL', 'The server answered the export without a body.');
  const total = Number(response.headers.get('x-listen-count') ?? NaN);
  const bar = ctx.showProgress && Number.isFinite(total) ? progressBar(total) : null;
  let lines = 0;
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      for (const byte of chunk) if (byte === 10) lines++;
      bar?.update(ctx.format === 'csv' ? Math.max(0, lines - 1) : lines);
      yield chunk;
    }
  }
  await ctx.target.write(counted());
  bar?.stop();
  return ctx.format === 'csv' ? Math.max(0, lines - 1) : lines;
}

interface Target {
  write(chunks: AsyncIterable<string | Buffer>): Promise<void>;
  /** The export is complete: make it visible. */
  finish(): Promise<void>;
  /** The export failed part-way: leave nothing that looks complete. */
  abandon(): Promise<void>;
}

/** Written beside the file as FILE.partial and renamed at the end, so a failed export leaves no half file. */
function fileTarget(file: string): Target {
  const partial = `${file}.partial`;
  return {
    write: (chunks) => pipeline(Readable.from(chunks), createWriteStream(partial)),
    finish: () => rename(partial, file),
    abandon: () => rm(partial, { force: true }),
  };
}

function stdoutTarget(): Target {
  return {
    async write(chunks) {
      const out = process.stdout;
      for await (const chunk of chunks) {
        if (!out.write(chunk)) {
          await new Promise<void>((done, fail) => {
            const onError = (err: Error) => fail(err);
            out.once('error', onError);
            out.once('drain', () => {
              out.off('error', onError);
              done();
            });
          });
        }
      }
    },
    finish: () => Promise.resolve(),
    abandon: () => Promise.resolve(),
  };
}

function progressBar(total: number): SingleBar {
  const bar = new SingleBar(
    {
      format: 'export |{bar}| {percentage}% | {value}/{total} listens',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  return bar;
}
