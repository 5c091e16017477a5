import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { type ImportUndoResult, type UndoCounts } from '../../store/index.js';
import { action, addDbOption, printJson, withStoreOrServer, type DbOptions } from '../shared.js';

interface UndoCliOptions extends DbOptions {
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `listenhouse imports delete RUN`: undo an import (src/store/import-undo.ts). A subcommand of
 * `imports`, which history.ts registers; this file adds to it.
 */
export function registerImportUndoCommand(program: Command): void {
  const imports = program.commands.find((c) => c.name() === 'imports');
  if (!imports) throw new Error('register the imports command before its delete subcommand');
  addDbOption(
    imports
      .command('delete')
      .description(
        'Undo an import: remove the listens, second sources and collection items it stored (see `listenhouse imports`).',
      )
      .argument('<run>', 'the import run id (`listenhouse imports` shows them as #N)')
      .option('--dry-run', 'only count what would be removed')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (runArg: string, _options: UndoCliOptions, command: Command) => {
      // `--db` and `--json` may have been taken by `imports` itself when given after the run id.
      const options = command.optsWithGlobals<UndoCliOptions>();
      const runId = Number(runArg);
      if (!Number.isInteger(runId) || runId <= 0)
        throw new AppError(
          'INVALID_INPUT',
          `"${runArg}" is not an import run id: \`listenhouse imports\` shows them as #N.`,
        );
      const dryRun = Boolean(options.dryRun);
      const result = await withStoreOrServer(
        options,
        async (store) => {
          // This process holds the database alone, so a run still marked 'running' was killed.
          await store.importRuns.markInterrupted();
          return store.importRuns.undo({ runId, dryRun, now: Date.now() });
        },
        (client) =>
          client.request<ImportUndoResult>('DELETE', `/api/imports/${runId}?dry_run=${String(dryRun)}`),
      );
      if (options.json) return printJson(result);
      printUndo(result);
    }),
  );
}

function printUndo(r: ImportUndoResult): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`Import #${r.run.id} of ${r.run.user}: ${r.run.file}${r.run.format ? `  [${r.run.format}]` : ''}`);
  out(`  ${r.dryRun ? 'Undoing it would remove' : 'Undoing it removes'}: ${describe(r.preview)}`);
  if (r.preview.promoted > 0)
    out(
      `  ${r.preview.promoted} of its listens were also reported by another source: they stay, as that source's.`,
    );
  if (r.removed) {
    out(`  Removed: ${describe(r.removed)}. The run is kept as "deleted" in \`listenhouse imports\`.`);
  } else {
    out('  Dry run: nothing was changed.');
  }
}

function describe(c: UndoCounts): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(c.listens, 'listen', 'listens'),
    n(c.sources, 'second-source record', 'second-source records'),
    n(c.collectionItems, 'collection item', 'collection items'),
    n(c.rejectedRecords, 'row it left out', 'rows it left out'),
  ].join(', ');
}
