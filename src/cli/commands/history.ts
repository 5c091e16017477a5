import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { type ImportRunSummary, type RejectedRecord } from '../../store/index.js';
import {
  action,
  addDbOption,
  DEFAULT_USER,
  MAX_LIST_LIMIT,
  parseLimit,
  printJson,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

interface ListOptions extends DbOptions {
  json?: boolean;
  limit: string;
  user?: string;
  reason?: string;
  run?: string;
  skipped?: boolean;
}

/** What was imported, what was left out and who is there: the book-keeping behind every import. */
export function registerHistoryCommands(program: Command): void {
  addDbOption(
    program
      .command('imports')
      .description('List past imports with their counts and status (interrupted runs show as such).')
      .option('--limit <n>', `how many, newest first (1 to ${MAX_LIST_LIMIT})`, '20')
      .option('--user <name>', "only the runs that hold this user's listens (default: every user's)")
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: ListOptions) => {
      const limit = parseLimit(options.limit);
      const userName = options.user;
      const runs = await withStoreOrServer(
        options,
        async (store) => {
          // This process holds the database alone, so a run still marked 'running' was killed.
          await store.importRuns.markInterrupted();
          if (userName === undefined) return store.importRuns.list(limit);
          const user = await store.users.findByName(userName);
          if (!user)
            throw new AppError('NOT_FOUND', `no user "${userName}": \`listenhouse users\` lists them`);
          return store.importRuns.list(limit, user.id);
        },
        async (client) =>
          (
            await client.get<{ runs: ImportRunSummary[] }>(
              '/api/imports',
              userName === undefined ? { all: 'true', limit } : { user: userName, limit },
            )
          ).runs,
      );
      if (options.json) return printJson({ imports: runs });
      if (runs.length === 0)
        return void console.log(
          userName === undefined
            ? 'No imports yet: try `listenhouse import FILE`.'
            : `No imports hold listens of ${userName}.`,
        );
      for (const r of runs) {
        console.log(
          `#${r.id}  ${r.startedAt}  ${r.status.padEnd(11)} ${r.users.join(', ')}  ${r.format ?? '?'}  ${r.file}\n` +
            `      read ${r.read}, new ${r.inserted}, already stored ${r.duplicates}, skipped ${r.skipped}, rejected ${r.rejected}`,
        );
      }
    }),
  );

  addDbOption(
    program
      .command('rejected')
      .description('Show the rows an import left out, with file:line, reason and the raw text as given.')
      .option('--user <name>', 'whose imports', DEFAULT_USER)
      .option('--reason <reason>', 'only this reason (e.g. malformed, too_old, short_play)')
      .option('--run <id>', 'only this import run (see `listenhouse imports`)')
      .option('--skipped', 'show rows skipped by a source rule instead of rejected ones')
      .option('--limit <n>', `how many (1 to ${MAX_LIST_LIMIT})`, '50')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: ListOptions) => {
      const filter = {
        status: options.skipped ? ('skipped' as const) : ('rejected' as const),
        ...(options.reason ? { reason: options.reason } : {}),
        ...(options.run ? { importRunId: runId(options.run) } : {}),
        limit: parseLimit(options.limit),
      };
      const userName = options.user ?? DEFAULT_USER;
      const records = await withStoreOrServer(
        options,
        async (store) => {
          const user = await store.users.findByName(userName);
          if (!user)
            throw new AppError('NOT_FOUND', `no user "${userName}": \`listenhouse users\` lists them`);
          return store.importRuns.rejected({ userId: user.id, ...filter });
        },
        async (client) =>
          (
            await client.get<{ records: RejectedRecord[] }>('/api/imports/rejected', {
              user: userName,
              status: filter.status,
              reason: filter.reason,
              run: filter.importRunId,
              limit: filter.limit,
            })
          ).records,
      );
      if (options.json) return printJson({ records });
      if (records.length === 0) return void console.log('Nothing was left out.');
      for (const r of records) {
        console.log(
          `${r.file}:${r.line}  [${r.reason}] ${r.message}\n    ${r.raw.replace(/\s+/g, ' ').slice(0, 200)}`,
        );
      }
    }),
  );
}

function runId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new AppError(
      'INVALID_INPUT',
      `--run takes the number of an import run (\`listenhouse imports\` lists them), not '${value}'.`,
    );
  return n;
}
