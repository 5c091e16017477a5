import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { compactLake, syncLake } from '../../stream/lake.js';
import { openStore } from '../../store/index.js';
import { action, addDbOption, printJson, withStore, type DbOptions } from '../shared.js';

interface LakeCliOptions extends DbOptions {
  lake: string;
  json?: boolean;
}

/** An s3:// lake would need an S3 client and server this project cannot install (docs/lake.md). */
function checkLake(lake: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(lake))
    throw new AppError(
      'INVALID_INPUT',
      `--lake ${lake}: only a local folder is supported (docs/lake.md says why S3 is not).`,
    );
  return lake;
}

export function registerLakeCommands(program: Command): void {
  const lake = program
    .command('lake')
    .description('The Parquet lake: bronze events, silver listens, in a Hive layout.');
  addDbOption(
    lake
      .command('sync')
      .description(
        'Bring the lake up to date with the store: new rows to new files, changed partitions written again.',
      )
      .requiredOption('--lake <dir>', 'the lake folder (created when missing)')
      .option('--json', 'print the report as one JSON document'),
  ).action(
    action(async (options: LakeCliOptions) => {
      const dir = checkLake(options.lake);
      const report = await withStore(options, (store) => syncLake(store.db, dir));
      if (options.json) printJson({ lake: dir, tables: report });
      else
        for (const t of report)
          console.log(
            `${t.table} (${t.layer}): ${t.rowsWritten.toLocaleString('en')} rows written in ${t.filesWritten} files` +
              `${t.partitionsRewritten.length > 0 ? `, ${t.partitionsRewritten.length} partitions rewritten` : ''}; ` +
              `${t.rows.toLocaleString('en')} rows in the lake (${t.seconds} s)`,
          );
    }),
  );
  lake
    .command('compact')
    .description('Rewrite each partition made of several small files as one file.')
    .requiredOption('--lake <dir>', 'the lake folder')
    .option('--json', 'print the report as one JSON document')
    .action(
      action(async (options: LakeCliOptions) => {
        const dir = checkLake(options.lake);
        // DuckDB reads and writes the Parquet files; no database file is involved.
        const store = await openStore(':memory:');
        try {
          const report = await compactLake(store.db, dir);
          if (options.json) printJson({ lake: dir, tables: report });
          else
            for (const t of report)
              console.log(
                `${t.table}: ${t.partitionsCompacted} partitions compacted, ${t.filesBefore} files → ${t.filesAfter}`,
              );
        } finally {
          store.close();
        }
      }),
    );
}
