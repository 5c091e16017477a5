import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { AppError, isAppError } from '../../domain/errors.js';
import { restoreBackup, type BackupFile, type BackupResult, type RestoreResult } from '../../jobs/backups.js';
import type { PipelineStart } from '../../jobs/pipeline.js';
import {
  auditMarkdown,
  FIX_DESCRIPTIONS,
  FIX_KINDS,
  isFixKind,
  type AuditHistoryEntry,
  type AuditReport,
  type ChangeSetView,
  type FixOutcome,
  type FixParams,
  type UndoResult,
} from '../../quality/index.js';
import { findLocalServer } from '../../server/local-credential.js';
import { servicesOn, type Services } from '../../services/index.js';
import { openStore, type PipelineRun, type Store } from '../../store/index.js';
import {
  action,
  addDbOption,
  commandConfig,
  databasePath,
  printJson,
  usageError,
  wholeNumberIn,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';

const out = (s = ''): void => void process.stdout.write(s + '\n');
/** Who a local command acts as, in the audit log. */
const localActor = () => `cli:${safeUser()}`;

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The services on a store this command opened (nothing runs in the background). */
function servicesFor(store: Store, options: DbOptions): Services {
  return servicesOn(store, { config: commandConfig(options).config });
}

/** `listenhouse audit`, `fix`, `changes`, `undo`, `backup`, `restore`, `pipeline`, `schedule`. */
export function registerQualityCommands(program: Command): void {
  registerAudit(program);
  registerFix(program);
  registerBackup(program);
  registerPipeline(program);
}

function registerAudit(program: Command): void {
  addDbOption(
    program
      .command('audit')
      .description(
        'Audit the data: a 0-100 quality score, its breakdown, examples and the fix for each finding.',
      )
      .option('--json', 'print the report as one JSON document')
      .option('--markdown', 'print the report as Markdown')
      .option('--no-save', 'do not keep the report in the score history')
      .option('--history', "print the score's history instead")
      .option('--examples <n>', 'examples per finding (default 5)'),
  ).action(
    action(
      async (
        options: DbOptions & {
          json?: boolean;
          markdown?: boolean;
          save: boolean;
          history?: boolean;
          examples?: string;
        },
      ) => {
        if (options.json && options.markdown) throw usageError('Choose one of --json and --markdown.');
        if (options.history) {
          const history = await withStoreOrServer(
            options,
            (store) => servicesFor(store, options).quality.history(),
            async (client) =>
              (await client.get<{ history: AuditHistoryEntry[] }>('/api/quality/audit/history')).history,
          );
          if (options.json) return printJson({ history });
          if (history.length === 0) return out('No audit kept yet: `listenhouse audit` runs one.');
          for (const h of history)
            out(
              `#${h.id}  ${h.createdAt}  ${h.score.toFixed(1).padStart(5)}  ${h.listens} listens  (${h.trigger})`,
            );
          return;
        }
        const examples =
          options.examples === undefined
            ? undefined
            : wholeNumberIn(options.examples, '--examples', { min: 0, max: 100 });
        const report = await withStoreOrServer(
          options,
          (store) =>
            servicesFor(store, options).quality.audit({
              save: options.save,
              trigger: 'cli',
              ...(examples !== undefined ? { examples } : {}),
            }),
          (client) => client.request<AuditReport>('POST', '/api/quality/audit', { save: options.save }),
        );
        if (options.json) return printJson(report);
        if (options.markdown) return out(auditMarkdown(report));
        printAudit(report);
      },
    ),
  );
}

function printAudit(report: AuditReport): void {
  out(
    `Quality score: ${report.score}/100  (${report.listens} listens${report.id ? `, kept as report #${report.id}` : ''})`,
  );
  out();
  for (const f of report.findings) {
    const mark = f.count === 0 ? 'ok ' : '!! ';
    out(
      `${mark}${f.title}: ${f.count} of ${f.of} ${f.unit} (${(f.rate * 100).toFixed(1)}%), costs ${f.cost} of ${f.weight}`,
    );
    if (f.count === 0) continue;
    for (const e of f.examples) out(`     ${e}`);
    out(`     fix: ${f.fix}`);
  }
}

interface FixCliOptions extends DbOptions {
  preview?: boolean;
  apply?: boolean;
  json?: boolean;
  user?: string;
  artist?: string;
  release?: string;
  source?: string;
  from?: string;
  to?: string;
  threshold?: string;
  limit?: string;
}

function registerFix(program: Command): void {
  addDbOption(
    program
      .command('fix')
      .description(
        'Preview (the default) or apply a fix; an applied fix is a change set that `listenhouse undo` takes back.',
      )
      .argument('<kind>', FIX_KINDS.join(' | '))
      .option('--preview', 'show exactly what would change (counts and rows); change nothing (the default)')
      .option('--apply', 'apply it, in one transaction, recording a change set')
      .option('--json', 'print one JSON document')
      .option('--user <name>', 'only listens of this user')
      .option(
        '--artist <name>',
        'delete/hide: listens of this artist credit; merges, splits, radio: only this name',
      )
      .option('--release <title>', 'delete/hide: listens of this release; merge-releases: only this title')
      .option('--source <source>', 'delete/hide: listens of this source (lastfm, spotify, listenbrainz …)')
      .option(
        '--from <time>',
        'listens that started at or after this time (2024-05-01, 2024-05-01T18:00:00Z)',
      )
      .option('--to <time>', 'listens that started before this time')
      .option('--threshold <percent>', 'merges: how alike names must be (default quality.fuzzyThreshold, 90)')
      .option('--limit <n>', 'rows to show (default 20)')
      .addHelpText(
        'after',
        '\nFixes:\n' +
          FIX_KINDS.map((k) => `  ${k.padEnd(22)}${FIX_DESCRIPTIONS[k]}`).join('\n') +
          '\n\nExamples:\n  listenhouse fix merge-artists\n  listenhouse fix merge-artists --apply\n' +
          '  listenhouse fix delete --source spotify --from 2024-01-01 --to 2024-02-01 --apply\n  listenhouse undo 3\n',
      ),
  ).action(
    action(async (kind: string, options: FixCliOptions) => {
      if (!isFixKind(kind))
        throw usageError(`There is no fix "${kind}": the fixes are ${FIX_KINDS.join(', ')}.`);
      if (options.preview && options.apply) throw usageError('Choose one of --preview and --apply.');
      const apply = Boolean(options.apply);
      const params: FixParams = {
        ...(options.user !== undefined ? { user: options.user } : {}),
        ...(options.artist !== undefined ? { artist: options.artist } : {}),
        ...(options.release !== undefined ? { release: options.release } : {}),
        ...(options.source !== undefined ? { source: options.source } : {}),
        ...(options.from !== undefined ? { from: options.from } : {}),
        ...(options.to !== undefined ? { to: options.to } : {}),
        ...(options.threshold !== undefined
          ? { threshold: wholeNumberIn(options.threshold, '--threshold', { min: 50, max: 100 }) / 100 }
          : {}),
      };
      const limit =
        options.limit === undefined ? 20 : wholeNumberIn(options.limit, '--limit', { min: 1, max: 1000 });
      const outcome = await withStoreOrServer(
        options,
        (store) => servicesFor(store, options).quality.fix({ kind, params, apply, by: localActor(), limit }),
        (client) => client.request<FixOutcome>('POST', '/api/quality/fixes', { kind, apply, params, limit }),
      );
      if (options.json) return printJson(outcome);
      out(`${outcome.applied ? 'Applied' : 'Preview'} ${outcome.kind}: ${outcome.summary}`);
      out(
        `  ${Object.entries(outcome.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      for (const r of outcome.rows) out(`  ${r.before}\n    → ${r.after}`);
      if (outcome.changeSet)
        out(
          `Change set #${outcome.changeSet.id}: \`listenhouse undo ${outcome.changeSet.id}\` takes it back.`,
        );
      else out('Nothing was changed: run it again with --apply to apply it.');
    }),
  );

  addDbOption(
    program
      .command('changes')
      .description('The audit log of fixes: every change set, who applied it, when, and how many rows.')
      .option('--json', 'print one JSON document')
      .option('--limit <n>', 'change sets to show (default 100)'),
  ).action(
    action(async (options: DbOptions & { json?: boolean; limit?: string }) => {
      const limit =
        options.limit === undefined ? 100 : wholeNumberIn(options.limit, '--limit', { min: 1, max: 1000 });
      const sets = await withStoreOrServer(
        options,
        (store) => servicesFor(store, options).quality.changeSets(limit),
        async (client) =>
          (await client.get<{ changeSets: ChangeSetView[] }>('/api/quality/change-sets', { limit }))
            .changeSets,
      );
      if (options.json) return printJson({ changeSets: sets });
      if (sets.length === 0) return out('No fix applied yet.');
      for (const s of sets)
        out(
          `#${s.id}  ${s.createdAt}  ${s.kind}  by ${s.createdBy}: ${s.summary}` +
            (s.status === 'undone' ? `  [undone ${s.undoneAt ?? ''} by ${s.undoneBy ?? ''}]` : ''),
        );
    }),
  );

  addDbOption(
    program
      .command('undo')
      .description('Undo a change set: what its fix replaced comes back exactly (statistics included).')
      .argument('<change-set>', 'the change set id (`listenhouse changes` lists them)')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (idArg: string, options: DbOptions & { json?: boolean }) => {
      const id = Number(idArg);
      if (!Number.isInteger(id) || id <= 0)
        throw usageError(`"${idArg}" is not a change set id: \`listenhouse changes\` lists them as #N.`);
      const result = await withStoreOrServer(
        options,
        (store) => servicesFor(store, options).quality.undo(id, localActor()),
        (client) => client.request<UndoResult>('POST', `/api/quality/change-sets/${id}/undo`),
      );
      if (options.json) return printJson(result);
      out(
        `Undid change set #${id} (${result.changeSet.kind}): ${result.restoredListens} listens restored, ` +
          `${result.removedListens} taken away, ${result.removedCatalogueRows} catalogue rows it made removed.`,
      );
    }),
  );
}

function registerBackup(program: Command): void {
  addDbOption(
    program
      .command('backup')
      .description(
        'Take a backup now: a consistent snapshot (through a running server too), verified; keeps the last 10.',
      )
      .option('--list', 'list the backups kept instead')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: DbOptions & { list?: boolean; json?: boolean }) => {
      if (options.list) {
        const listed = await withStoreOrServer(
          options,
          async (store) => {
            const backups = servicesFor(store, options).backups;
            return { dir: backups.dir, backups: await backups.list() };
          },
          (client) => client.get<{ dir: string; backups: BackupFile[] }>('/api/backups'),
        );
        if (options.json) return printJson(listed);
        if (listed.backups.length === 0) return out(`No backups in ${listed.dir}.`);
        for (const b of listed.backups) out(`${b.takenAt}  ${String(b.bytes).padStart(12)} B  ${b.file}`);
        return;
      }
      const result = await withStoreOrServer(
        options,
        (store) => servicesFor(store, options).backups.take('manual'),
        (client) => client.request<BackupResult>('POST', '/api/backups', { reason: 'manual' }),
      );
      if (options.json) return printJson(result);
      out(`Backup ${result.backup.file} (${result.backup.bytes} bytes, ${result.ms} ms)`);
      out(
        `  verified: ${result.counts.listens} listens, ${result.counts.users} users, ${result.counts.artists} artists, ${result.counts.tables} tables`,
      );
      if (result.removed.length > 0) out(`  removed (past the last kept): ${result.removed.join(', ')}`);
      if (result.compressed.length > 0) out(`  compressed: ${result.compressed.join(', ')}`);
    }),
  );

  addDbOption(
    program
      .command('restore')
      .description(
        'Put a backup back in place of the database (refused while a server holds it; the current file is kept aside).',
      )
      .argument('<file>', 'a backup file (`listenhouse backup --list`)')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (file: string, options: DbOptions & { json?: boolean }) => {
      const dbPath = databasePath(options);
      if (dbPath === ':memory:') throw usageError('restore needs a database file: give --db a path.');
      // Opening is the check that nobody holds the file (DuckDB admits one process); a missing file
      // is not made by it.
      try {
        if (existsSync(dbPath)) (await openStore(dbPath)).close();
      } catch (err) {
        if (isAppError(err) && err.code === 'DATABASE_LOCKED') {
          const server = findLocalServer(resolve(dbPath));
          throw new AppError(
            'CONFLICT',
            server
              ? `A server (pid ${server.pid}, ${server.url}) holds ${dbPath}: stop it, then restore.`
              : `${err.message} Stop that process, then restore.`,
          );
        }
        throw err;
      }
      const result: RestoreResult = await restoreBackup(resolve(file), dbPath, Date.now());
      if (options.json) return printJson(result);
      out(
        `Restored ${result.restored} into ${result.database}: ${result.counts.listens} listens, ${result.counts.users} users.`,
      );
      if (result.keptAside) out(`The database that was there is kept as ${result.keptAside}.`);
    }),
  );
}

function registerPipeline(program: Command): void {
  const pipeline = program
    .command('pipeline')
    .description(
      'The nightly pipeline: audit → backup → safe fixes → enrichment → matching → recommendations → audit → report.',
    );
  addDbOption(
    pipeline
      .command('run')
      .description('Run the pipeline now (skipped if a run is in progress).')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (_o: unknown, command: Command) => {
      const options = command.optsWithGlobals<DbOptions & { json?: boolean }>();
      const outcome = await withStoreOrServer(
        options,
        async (store): Promise<PipelineStart> => {
          await store.pipelineRuns.markInterrupted();
          return servicesFor(store, options).pipeline.start('cli');
        },
        async (client) => {
          const r = await client.request<{
            started: boolean;
            run: PipelineRun | null;
            reason: string | null;
          }>('POST', '/api/pipeline/runs', { wait: true });
          return r.started && r.run
            ? { started: true as const, run: r.run }
            : { started: false as const, reason: r.reason ?? '', runningId: null };
        },
      );
      if (options.json) return printJson(outcome);
      if (!outcome.started) return out(`Not started: ${outcome.reason}.`);
      printRun(outcome.run);
      if (outcome.run.status === 'failed') process.exitCode = 1;
    }),
  );
  addDbOption(
    pipeline
      .command('status')
      .description('Whether a run is in progress, and the last run.')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (_o: unknown, command: Command) => {
      const options = command.optsWithGlobals<DbOptions & { json?: boolean }>();
      const status = await withStoreOrServer(
        options,
        async (store) => {
          const [last] = await store.pipelineRuns.list(1);
          return {
            running: false,
            scheduled: false,
            next: null as string | null,
            skipped: 0,
            last: last ?? null,
          };
        },
        (client) =>
          client.get<{
            running: boolean;
            scheduled: boolean;
            next: string | null;
            skipped: number;
            last: PipelineRun | null;
          }>('/api/pipeline/status'),
      );
      if (options.json) return printJson(status);
      out(status.running ? 'A run is in progress.' : 'No run in progress.');
      out(
        status.next
          ? `Next scheduled run: ${status.next}`
          : 'Not scheduled here (`listenhouse schedule`, or serve with quality.pipeline on).',
      );
      if (status.last) printRun(status.last);
    }),
  );
  addDbOption(
    pipeline
      .command('history')
      .description('The pipeline’s runs, newest first.')
      .option('--json', 'print one JSON document')
      .option('--limit <n>', 'runs to show (default 20)'),
  ).action(
    action(async (_o: unknown, command: Command) => {
      const options = command.optsWithGlobals<DbOptions & { json?: boolean; limit?: string }>();
      const limit =
        options.limit === undefined ? 20 : wholeNumberIn(options.limit, '--limit', { min: 1, max: 1000 });
      const runs = await withStoreOrServer(
        options,
        (store) => store.pipelineRuns.list(limit),
        async (client) => (await client.get<{ runs: PipelineRun[] }>('/api/pipeline/runs', { limit })).runs,
      );
      if (options.json) return printJson({ runs });
      if (runs.length === 0) return out('No pipeline run yet: `listenhouse pipeline run` starts one.');
      for (const r of runs)
        out(
          `#${r.id}  ${r.startedAt}  ${r.status}  (${r.trigger})  score ${r.scoreBefore ?? '–'} → ${r.scoreAfter ?? '–'}` +
            (r.error ? `  error: ${r.error}` : ''),
        );
    }),
  );

  addDbOption(
    program
      .command('schedule')
      .description(
        'Hold the database and run the pipeline on its schedule (quality.schedule, default "0 2 * * *") until stopped.',
      )
      .option('--json', 'print one JSON line per run'),
  ).action(
    action(async (options: DbOptions & { json?: boolean }) => {
      if (findLocalServer(resolve(databasePath(options))))
        throw new AppError(
          'CONFLICT',
          'A server holds this database: it runs the pipeline on its schedule when quality.pipeline is on (LISTENHOUSE_PIPELINE=1).',
        );
      const config = commandConfig(options).config;
      const store = await openStore(databasePath(options));
      const services = servicesOn(store, { config });
      await store.pipelineRuns.markInterrupted();
      services.schedule.start();
      const next = services.schedule.next();
      if (options.json) printJson({ schedule: config.quality.schedule, next });
      else
        out(`Running the pipeline on "${config.quality.schedule}"; next run ${next ?? '–'}. Ctrl-C stops.`);
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await services.close();
    }),
  );
}

function printRun(run: PipelineRun): void {
  out(
    `Run #${run.id} (${run.trigger}) ${run.status}, started ${run.startedAt}; score ${run.scoreBefore ?? '–'} → ${run.scoreAfter ?? '–'}`,
  );
  for (const p of run.phases)
    out(
      `  ${p.name.padEnd(16)} ${p.status.padEnd(9)} ${String(p.ms).padStart(7)} ms  tries ${p.tries}  ` +
        Object.entries(p.volumes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') +
        (p.error ? `  error: ${p.error}` : ''),
    );
}
