import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import {
  COLLECTION_GROUPS,
  collectionMarkdown,
  collectionPdf,
  type CollectionGrouping,
} from '../../export/collection-document.js';
import { exportTable, TABLE_FORMATS, type TableExport, type TableFormat } from '../../export/table-export.js';
import { parseExportWindow } from '../../export/window.js';
import { enrichmentOn } from '../../services/index.js';
import type { Store } from '../../store/index.js';
import {
  action,
  addDbOption,
  commandConfig,
  DEFAULT_USER,
  printJson,
  usageError,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface TableCliOptions extends DbOptions {
  user: string;
  format: string;
  out?: string;
  by: string;
  from?: string;
  to?: string;
  json?: boolean;
}

export interface TableExportSummary {
  what: TableExport;
  user: string;
  format: string;
  rows: number;
  file: string;
  /** The PDF: its pages, and the releases shown with their cover. */
  pages?: number;
  covers?: number;
}

/**
 * `listenhouse export catalogue|collection` (and `export listens --format parquet|json`): files
 * DuckDB writes itself (export/table-export.ts), the collection also as Markdown or PDF.
 */
export function registerTableExports(group: Command): void {
  for (const what of ['catalogue', 'collection'] as const) {
    const formats = what === 'collection' ? [...TABLE_FORMATS, 'markdown', 'pdf'] : [...TABLE_FORMATS];
    const command = group
      .command(what)
      .description(
        what === 'catalogue'
          ? 'Export what you played: one row per artist credit, track and release, with plays and the MusicBrainz match.'
          : 'Export your Discogs collection (and wantlist) as a table, or the collection as a Markdown or PDF catalogue.',
      )
      .option('--user <name>', 'whose data', DEFAULT_USER)
      .option('--format <format>', formats.join(' | '), 'csv')
      .requiredOption('--out <file>', 'the file to write')
      .option('--json', 'print the summary as one JSON document');
    if (what === 'collection')
      command.option(
        '--by <grouping>',
        `markdown and pdf: grouped by ${COLLECTION_GROUPS.join(' or ')}`,
        'artist',
      );
    addDbOption(command).action(
      action(async (options: TableCliOptions) => {
        if (!formats.includes(options.format))
          throw usageError(`--format takes ${formats.join(', ')}, not '${options.format}'.`);
        const by = (options.by ?? 'artist') as CollectionGrouping;
        if (!(COLLECTION_GROUPS as readonly string[]).includes(by))
          throw usageError(`--by takes ${COLLECTION_GROUPS.join(' or ')}, not '${options.by}'.`);
        await runTableExport(what, options, { by });
      }),
    );
  }
}

/** Runs one export (here or through a running server) and prints its summary. */
export async function runTableExport(
  what: TableExport,
  options: TableCliOptions,
  extra: { by: CollectionGrouping },
): Promise<void> {
  const file = resolve(options.out!);
  const window = what === 'listens' ? parseExportWindow(options) : {};
  const written = await withStoreOrServer(
    options,
    async (store): Promise<{ rows: number; pages?: number; covers?: number }> => {
      const user = await userOf(store, options.user);
      if (options.format === 'markdown') {
        const doc = await collectionMarkdown(store.db, { userId: user.id, user: user.name, by: extra.by });
        await writeFile(`${file}.partial`, doc.text);
        await rename(`${file}.partial`, file);
        return { rows: doc.items };
      }
      if (options.format === 'pdf') {
        const pdf = await collectionPdf(store.db, {
          userId: user.id,
          user: user.name,
          by: extra.by,
          path: file,
          now: Date.now(),
          covers: enrichmentOn(store, commandConfig(options).config).images,
        });
        return { rows: pdf.items, pages: pdf.pages, covers: pdf.covers };
      }
      return await exportTable(store.db, {
        what,
        format: options.format as TableFormat,
        userId: user.id,
        fromMs: window.fromMs ?? null,
        toMs: window.toMs ?? null,
        path: file,
      });
    },
    async (client) => {
      const response = await client.download(`/api/export/tables/${what}`, {
        format: options.format,
        by: extra.by,
        user: options.user,
        from: window.fromMs === undefined ? undefined : new Date(window.fromMs).toISOString(),
        to: window.toMs === undefined ? undefined : new Date(window.toMs).toISOString(),
      });
      if (!response.body) throw new AppError('INTERNAL', 'The server answered the export without a body.');
      const partial = `${file}.partial`;
      try {
        await pipeline(
          Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
          createWriteStream(partial),
        );
        await rename(partial, file);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
      const header = (name: string) => {
        const value = response.headers.get(name);
        return value === null ? undefined : Number(value);
      };
      const pages = header('x-page-count');
      const covers = header('x-cover-count');
      return {
        rows: header('x-row-count') ?? 0,
        ...(pages !== undefined ? { pages } : {}),
        ...(covers !== undefined ? { covers } : {}),
      };
    },
  );
  const { rows } = written;
  const summary: TableExportSummary = {
    what,
    user: options.user,
    format: options.format,
    rows,
    file,
    ...(written.pages !== undefined ? { pages: written.pages } : {}),
    ...(written.covers !== undefined ? { covers: written.covers } : {}),
  };
  if (options.json) return printJson(summary);
  if (options.format === 'pdf') {
    const covers = summary.covers ?? 0;
    const fetch = '`listenhouse enrich --only collection-covers` fetches';
    console.log(
      `Exported the ${rows} releases of ${options.user}'s collection as a PDF of ${summary.pages ?? '?'} pages to ${file}; ` +
        (covers === rows
          ? 'every one with its cover.'
          : covers === 0
            ? `no cover yet (${fetch} them from Discogs).`
            : `${covers} with their cover (${fetch} the others' from Discogs).`),
    );
    return;
  }
  console.log(
    `Exported ${rows} ${what === 'listens' ? 'listens' : 'rows'} of ${options.user} as ${options.format} to ${file}.`,
  );
}

async function userOf(store: Store, name: string) {
  const user = await store.users.findByName(name);
  if (!user) throw new AppError('NOT_FOUND', `No user "${name}": \`listenhouse users\` lists them.`);
  return user;
}
