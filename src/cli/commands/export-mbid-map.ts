import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import {
  exportMbidMap,
  MBID_MAP_COLUMNS,
  MBID_MAP_FORMATS,
  type MbidMapFormat,
} from '../../catalog/index.js';
import { AppError } from '../../domain/errors.js';
import { action, addDbOption, printJson, usageError, withStore, type DbOptions } from '../shared.js';

interface MbidMapCliOptions extends DbOptions {
  out?: string;
  format: string;
  json?: boolean;
}

const HELP = `
One row per distinct stored (artist credit, track, release), as matching to MusicBrainz left it
(\`listenhouse catalog match\` first). CSV header:
  ${MBID_MAP_COLUMNS.join(',')}
artist_mbids are separated by ";" in credit order; MBIDs are empty where nothing matched. json: one
JSON array of the same fields (artist_mbids as an array, null for no MBID).

Examples:
  listenhouse export mbid-map --out mbid-map.csv
  listenhouse export mbid-map --format json > mbid-map.json
`;

/** `listenhouse export mbid-map`: registered by the export command group. */
export function registerMbidMapExport(group: Command): void {
  addDbOption(
    group
      .command('mbid-map')
      .description(
        'Export the MusicBrainz IDs every stored artist, track and release was matched to (CSV or JSON).',
      )
      .option('--out <file>', 'write to this file (default: stdout)')
      .option('--format <format>', MBID_MAP_FORMATS.join(' | '), 'csv')
      .option('--json', 'print a summary as one JSON document (needs --out: stdout carries the export)')
      .addHelpText('after', HELP),
  ).action(
    action(async (options: MbidMapCliOptions) => {
      const format = MBID_MAP_FORMATS.find((f): f is MbidMapFormat => f === options.format);
      if (!format)
        throw usageError(`--format takes ${MBID_MAP_FORMATS.join(' or ')}, not '${options.format}'.`);
      if (options.json && !options.out)
        throw usageError('--json needs --out FILE: without it stdout carries the export itself.');
      const file = options.out ? resolve(options.out) : null;
      let rows = 0;
      // The map is read from the file; a running server holds it: stop it, or run this command there.
      await withStore(options, async (store) => {
        const chunks = exportMbidMap(store.reader().db, { format, onRows: (n) => (rows = n) });
        if (!file) {
          for await (const chunk of chunks)
            if (!process.stdout.write(chunk)) await new Promise((d) => process.stdout.once('drain', d));
          return;
        }
        const partial = `${file}.partial`;
        try {
          await pipeline(Readable.from(chunks), createWriteStream(partial));
          await rename(partial, file);
        } catch (err) {
          await rm(partial, { force: true });
          throw err instanceof AppError
            ? err
            : new AppError('INTERNAL', `Could not write ${file}: ${(err as Error).message}`, { cause: err });
        }
      });
      const summary = { format, rows, file };
      if (options.json) return printJson(summary);
      const line = `Exported ${rows.toLocaleString('en-US')} rows of the MBID map as ${format}${file ? ` to ${file}` : ''}.`;
      if (file) console.log(line);
      else process.stderr.write(line + '\n');
    }),
  );
}
