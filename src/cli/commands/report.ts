import type { Command } from 'commander';
import type { ReportText } from '../../enrich/index.js';
import { enrichmentOn } from '../../services/index.js';
import { listeningReport } from '../../services/listening-report.js';
import {
  findStatsUser,
  getSoundtracks,
  REPORT_PERIODS,
  reportMarkdown,
  type ListeningReport,
  type ReportPeriod,
  type Soundtracks,
} from '../../stats/index.js';
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

interface ReportCliOptions extends DbOptions {
  user: string;
  tz?: string;
  json?: boolean;
  markdown?: boolean;
}

/** `listenhouse report week|month|year`: a listening report with a short text. */
export function registerReportCommand(program: Command): void {
  addDbOption(
    program
      .command('report')
      .description(
        'A listening report of the last week, month or year: what changed, the top, discoveries, patterns, and a short text (by enrich.llmUrl when set, else a template).',
      )
      .argument('<period>', REPORT_PERIODS.join(' | '))
      .option('--user <name>', 'whose listens', DEFAULT_USER)
      .option('--tz <zone>', "IANA zone for days and hours (default: the user's own)")
      .option('--json', 'print one JSON document')
      .option('--markdown', 'print the report as Markdown'),
  ).action(
    action(async (period: string, options: ReportCliOptions) => {
      if (!(REPORT_PERIODS as readonly string[]).includes(period))
        throw usageError(`The report's period is ${REPORT_PERIODS.join(', ')}, not '${period}'.`);
      if (options.json && options.markdown) throw usageError('Choose one of --json and --markdown.');
      const result = await withStoreOrServer(
        options,
        async (store) => {
          const user = await findStatsUser(store.db, options.user);
          const { llm } = enrichmentOn(store, commandConfig(options).config);
          const made = await listeningReport(store, llm, {
            userId: user.id,
            period: period as ReportPeriod,
            tz: options.tz ?? user.timeZone,
            now: Date.now(),
          });
          return { user: user.name, ...made.report, text: made.text };
        },
        (client) =>
          client.get<ListeningReport & { user: string; text: ReportText }>('/api/stats/report', {
            period,
            user: options.user,
            tz: options.tz,
          }),
      );
      if (options.json) return printJson(result);
      process.stdout.write(reportMarkdown(result, result.text.text) + '\n');
    }),
  );
}

/** `listenhouse soundtracks`: the film, TV and game music played, and how each is known. */
export function registerSoundtracksCommand(program: Command): void {
  addDbOption(
    program
      .command('soundtracks')
      .description(
        'The soundtracks you played (film, TV and game music): plays, share, and how each is known.',
      )
      .option('--user <name>', 'whose listens', DEFAULT_USER)
      .option('--range <range>', 'week | month | year | all_time | FROM..TO', 'all_time')
      .option('--tz <zone>', "IANA zone for days (default: the user's own)")
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: DbOptions & { user: string; range: string; tz?: string; json?: boolean }) => {
      const result = await withStoreOrServer(
        options,
        async (store) => {
          const user = await findStatsUser(store.db, options.user);
          const found = await getSoundtracks(store.db, {
            userId: user.id,
            range: options.range,
            tz: options.tz ?? user.timeZone,
            now: Date.now(),
          });
          return { user: user.name, ...found };
        },
        (client) =>
          client.get<Soundtracks & { user: string }>('/api/stats/soundtracks', {
            user: options.user,
            range: options.range,
            tz: options.tz,
          }),
      );
      if (options.json) return printJson(result);
      console.log(
        `${result.plays} plays of soundtracks (${(result.share * 100).toFixed(1)}% of ${result.user}'s listening).`,
      );
      for (const r of result.releases)
        console.log(`  ${String(r.plays).padStart(5)}  ${r.artist} – ${r.title}  (by ${r.by})`);
    }),
  );
}
