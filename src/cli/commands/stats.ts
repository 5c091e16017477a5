import { MONTH_NAMES } from '../../domain/time-zone.js';
import { Argument, type Command } from 'commander';
import stringWidth from 'string-width';
import { AppError, isAppError } from '../../domain/errors.js';
import {
  ACTIVITY_PERIODS,
  BREAKDOWN_FIELDS,
  DEFAULT_GAP_MINUTES,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  FIRST_REVIEW_YEAR,
  canonicalTimeZone,
  compareUsers,
  findStatsUser,
  getYearInReview,
  getActivity,
  getBreakdown,
  getListeningClock,
  getSessions,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
  type Activity,
  type ActivityPeriod,
  type Breakdown,
  type BreakdownField,
  type ListeningClock,
  type RangeInfo,
  type Sessions,
  type StatsOptions,
  type Streak,
  type Streaks,
  type Summary,
  type TopEntry,
  type TopList,
  type TopRanking,
  type Comparison,
  type YearInReview,
} from '../../stats/index.js';
import type { Store } from '../../store/index.js';
import {
  action,
  addDbOption,
  DEFAULT_USER,
  printJson,
  parseLimit,
  usageError,
  wholeNumberIn,
  withStoreOrServer,
  type DbOptions,
} from '../shared.js';
import type { ServerClient } from '../server-client.js';

const STATISTICS = [
  'summary',
  'artists',
  'releases',
  'recordings',
  'activity',
  'clock',
  'sessions',
  'streaks',
  'sources',
  'year-in-review',
  'compare',
] as const;
type StatisticName = (typeof STATISTICS)[number];

interface StatsCliOptions extends DbOptions {
  user: string;
  range: string;
  tz?: string;
  limit: string;
  by: string;
  period?: string;
  field: string;
  gap: string;
  year?: string;
  other?: string;
  json?: boolean;
}

const HELP = `
Statistics:
  summary      plays, listening time, distinct artists/releases/recordings, first/last listen, top 5 artists
  artists      top artists; a listen credited to several artists counts for each of them
  releases     top releases (albums)
  recordings   top recordings (tracks)
  activity     plays and listening time per day, week (from Monday), month or year, empty ones included
  clock        plays per weekday × hour of day
  sessions     listening sessions: a silence of more than --gap minutes (default 30) ends one
  streaks      current and longest run of consecutive days with a listen
  sources      plays by source, platform, country or client (--field)
  year-in-review
               one calendar year (--year, default this year): numbers, top 10s, busiest month,
               hour and weekday, artists discovered, longest session and streak
  compare      two users' taste over --range: a similarity, shared artists, what each plays alone
               (--other NAME)

Ranges (--range, default all_time), in the --tz zone:
  week | month | year   the last 7, 30 or 365 days, today included (rolling, like Last.fm's "last 7 days")
  all_time             every listen
  FROM..TO             dates are whole days, both included: 2024-01-01..2024-12-31 is the calendar year;
                       ISO timestamps are instants, FROM included and TO not: 2024-03-31T01:00Z..2024-03-31T04:00Z;
                       without Z/±HH:MM a timestamp is wall time in --tz; leave a side empty for an open end
                       (2024-06-01.. or ..2023-12-31)

Listening time is played_ms when the source reported it, else the track length; plays with neither are
counted apart ("of unknown length"). --by time ranks by the known time.

Examples:
  listenhouse stats summary
  listenhouse stats artists --range year --limit 20
  listenhouse stats recordings --range 2024-01-01..2024-12-31 --by time
  listenhouse stats activity --range month --period day --tz Europe/Berlin
  listenhouse stats sources --field platform --json
  listenhouse stats year-in-review --year 2024 --json
  listenhouse stats compare --user alice --other bob --range year
`;

/** `listenhouse stats <name>`: the statistics of src/stats/ in the terminal or as JSON. */
export function registerStatsCommand(program: Command): void {
  addDbOption(
    program
      .command('stats')
      .description(
        'Listening statistics: top artists/releases/recordings, activity, clock, sessions, streaks, sources.',
      )
      .addArgument(new Argument('<name>', 'which statistic').choices(STATISTICS))
      .option('--user <name>', 'whose listens', DEFAULT_USER)
      .option('--range <range>', 'week | month | year | all_time | FROM..TO', 'all_time')
      .option('--tz <zone>', "IANA time zone for days and hours (default: the user's own, else UTC)")
      .option('--limit <n>', `rows in top lists (1 to ${MAX_LIMIT})`, String(DEFAULT_LIMIT))
      .option('--by <ranking>', 'rank top lists by plays or time', 'plays')
      .option('--period <period>', 'activity buckets: day | week | month | year (default: fits the range)')
      .option('--field <field>', `sources: ${BREAKDOWN_FIELDS.join(' | ')}`, 'source')
      .option(
        '--gap <minutes>',
        `sessions: silence that ends a session (1 to ${MAX_GAP_MINUTES})`,
        String(DEFAULT_GAP_MINUTES),
      )
      .option('--year <year>', 'year-in-review: the calendar year (default: this year)')
      .option('--other <name>', 'compare: the second user')
      .option('--json', 'print one JSON document')
      .addHelpText('after', HELP),
  ).action(
    action(async (name: StatisticName, options: StatsCliOptions) => {
      checkOptions(name, options); // before the database: a typo needs no database to be reported
      const result = await withStoreOrServer(
        options,
        async (store) => runStatistic(store, name, options),
        (client) => statisticThroughServer(client, name, options),
      );
      if (options.json) printJson(result);
      else console.log(render(name, result, options));
    }),
  );
}

type StatResult =
  | Summary
  | TopList<TopEntry>
  | Activity
  | ListeningClock
  | Sessions
  | Streaks
  | Breakdown
  | YearInReview
  | Comparison;

async function runStatistic(
  store: Store,
  name: StatisticName,
  options: StatsCliOptions,
): Promise<StatResult> {
  const user = await findUser(store, options.user);
  const base: StatsOptions = {
    userId: user.id,
    range: options.range,
    tz: resolveZone(options.tz, user.timeZone),
  };
  switch (name) {
    case 'summary':
      return getSummary(store.db, base);
    case 'artists':
      return getTopArtists(store.db, {
        ...base,
        limit: limit(options.limit),
        by: ranking(options.by),
      });
    case 'releases':
      return getTopReleases(store.db, {
        ...base,
        limit: limit(options.limit),
        by: ranking(options.by),
      });
    case 'recordings':
      return getTopRecordings(store.db, {
        ...base,
        limit: limit(options.limit),
        by: ranking(options.by),
      });
    case 'activity':
      return getActivity(
        store.db,
        options.period === undefined ? base : { ...base, period: period(options.period) },
      );
    case 'clock':
      return getListeningClock(store.db, base);
    case 'sessions':
      return getSessions(store.db, { ...base, gapMinutes: gap(options.gap) });
    case 'streaks':
      return getStreaks(store.db, base);
    case 'sources':
      return getBreakdown(store.db, { ...base, field: field(options.field) });
    case 'year-in-review':
      return getYearInReview(store.db, { userId: base.userId, tz: base.tz, year: year(options.year) });
    case 'compare': {
      const other = await findUser(store, otherName(options.other));
      return compareUsers(store.db, { ...base, otherUserId: other.id, limit: limit(options.limit) });
    }
  }
}

/** A server holds the database: the same statistic from its REST API (/api/stats). */
async function statisticThroughServer(
  client: ServerClient,
  name: StatisticName,
  options: StatsCliOptions,
): Promise<StatResult> {
  const top = name === 'artists' || name === 'releases' || name === 'recordings';
  const result = await client.get<StatResult & { user?: string; other?: string }>(
    `/api/stats/${name === 'sources' ? 'breakdown' : name}`,
    {
      user: options.user,
      tz: options.tz,
      ...(name === 'year-in-review' ? { year: String(year(options.year)) } : { range: options.range }),
      ...(top ? { limit: options.limit, by: options.by } : {}),
      ...(name === 'compare' ? { other: otherName(options.other), limit: options.limit } : {}),
      ...(name === 'activity' ? { period: options.period } : {}),
      ...(name === 'sources' ? { field: options.field } : {}),
      ...(name === 'sessions' ? { gap: options.gap } : {}),
    },
  );
  delete result.user;
  delete result.other;
  return result;
}

async function findUser(store: Store, name: string) {
  try {
    return await findStatsUser(store.db, name);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') {
      throw new AppError(
        'NOT_FOUND',
        `${err.message} \`listenhouse users\` lists them; without --user, stats are for '${DEFAULT_USER}'.`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** --tz wins; else the user's zone, unless the stored one is unknown to this platform. */
function resolveZone(explicit: string | undefined, own: string): string {
  if (explicit !== undefined) return canonicalTimeZone(explicit);
  try {
    return canonicalTimeZone(own);
  } catch {
    return 'UTC';
  }
}

const MAX_GAP_MINUTES = 1440;

function limit(value: string): number {
  return parseLimit(value);
}

function gap(value: string): number {
  return wholeNumberIn(value, '--gap', { min: 1, max: MAX_GAP_MINUTES, unit: ' of minutes' });
}

/** The options this statistic reads, checked as runStatistic will read them. */
function checkOptions(name: StatisticName, options: StatsCliOptions): void {
  if (name === 'artists' || name === 'releases' || name === 'recordings') {
    limit(options.limit);
    ranking(options.by);
  }
  if (name === 'activity' && options.period !== undefined) period(options.period);
  if (name === 'sessions') gap(options.gap);
  if (name === 'sources') field(options.field);
  if (name === 'year-in-review') year(options.year);
  if (name === 'compare') {
    otherName(options.other);
    limit(options.limit);
  }
}

function year(value: string | undefined): number {
  const thisYear = new Date().getUTCFullYear();
  if (value === undefined) return thisYear;
  return wholeNumberIn(value, '--year', { min: FIRST_REVIEW_YEAR, max: thisYear, unit: '' });
}

function otherName(value: string | undefined): string {
  if (value === undefined || value.trim() === '')
    throw usageError('compare needs the second user: --other NAME (`listenhouse users` lists them).');
  return value;
}

function ranking(value: string): TopRanking {
  if (value === 'plays' || value === 'time') return value;
  throw usageError(`--by takes plays or time, not '${value}'.`);
}

function period(value: string): ActivityPeriod {
  const found = ACTIVITY_PERIODS.find((p) => p === value);
  if (!found) throw usageError(`--period takes ${ACTIVITY_PERIODS.join(', ')}, not '${value}'.`);
  return found;
}

function field(value: string): BreakdownField {
  const found = BREAKDOWN_FIELDS.find((f) => f === value);
  if (!found) throw usageError(`--field takes ${BREAKDOWN_FIELDS.join(', ')}, not '${value}'.`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Terminal output: aligned columns and small bars.

function render(name: StatisticName, result: StatResult, options: StatsCliOptions): string {
  switch (name) {
    case 'summary':
      return renderSummary(result as Summary);
    case 'artists':
    case 'releases':
    case 'recordings':
      return renderTop(name, result as TopList<TopEntry & { artist?: string }>);
    case 'activity':
      return renderActivity(result as Activity);
    case 'clock':
      return renderClock(result as ListeningClock);
    case 'sessions':
      return renderSessions(result as Sessions);
    case 'streaks':
      return renderStreaks(result as Streaks);
    case 'sources':
      return renderBreakdown(result as Breakdown);
    case 'year-in-review':
      return renderYearInReview(result as YearInReview);
    case 'compare':
      return renderComparison(result as Comparison, options.user, options.other ?? '');
  }
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function renderYearInReview(y: YearInReview): string {
  if (y.plays === 0) return `${y.year} in review (${y.range.tz}): no listens in ${y.year}.`;
  const month = y.topMonth
    ? `${MONTH_NAMES[Number(y.topMonth.month.slice(5, 7)) - 1]} (${count(y.topMonth.plays)} plays)`
    : '–';
  const hour = y.topHour
    ? `${String(y.topHour.hour).padStart(2, '0')}:00 (${count(y.topHour.plays)} plays)`
    : '–';
  const weekday = y.topWeekday
    ? `${WEEKDAY_NAMES[y.topWeekday.weekday]} (${count(y.topWeekday.plays)} plays)`
    : '–';
  const names = (entries: { name: string; plays: number; artist?: string }[]) =>
    entries.map(
      (e, i) =>
        `  ${String(i + 1).padStart(2)}. ${e.artist ? `${e.artist} – ` : ''}${e.name} (${count(e.plays)})`,
    );
  return [
    `${y.year} in review — ${y.range.tz}`,
    '',
    table(
      ['', ''],
      [
        ['plays', count(y.plays)],
        ['listening time', duration(y.knownMs)],
        ['artists', `${count(y.artists)} (${count(y.newArtists.count)} new this year)`],
        ['releases', count(y.releases)],
        ['recordings', count(y.recordings)],
        ['days with a listen', count(y.activeDays)],
        ['busiest month', month],
        ['busiest hour', hour],
        ['busiest weekday', weekday],
        [
          'longest streak',
          y.longestStreak
            ? `${y.longestStreak.days} days (${y.longestStreak.start} to ${y.longestStreak.end})`
            : '–',
        ],
        [
          'longest session',
          y.longestSession
            ? `${decimal(y.longestSession.minutes)} min, ${count(y.longestSession.listens)} listens`
            : '–',
        ],
      ],
      [false, false],
    ),
    '',
    'Top artists',
    ...names(y.top.artists),
    '',
    'Top releases',
    ...names(y.top.releases),
    '',
    'Top recordings',
    ...names(y.top.recordings),
    ...(y.newArtists.top.length > 0 ? ['', 'Discovered this year', ...names(y.newArtists.top)] : []),
  ].join('\n');
}

function renderComparison(c: Comparison, user: string, other: string): string {
  const pct = (share: number) => `${decimal(share * 100)} %`;
  const lines = [
    `${user} and ${other} compared — ${rangeLabel(c.range)}`,
    '',
    `similarity ${c.similarity === null ? '– (one of them has no listens in the range)' : decimal(c.similarity * 100) + ' %'}; ` +
      `${count(c.shared.count)} artists in common (of ${count(c.artists)} and ${count(c.otherArtists)})`,
  ];
  if (c.shared.top.length > 0)
    lines.push(
      '',
      table(
        ['shared artist', `${user}'s share`, `${other}'s share`],
        c.shared.top.map((a) => [a.name, pct(a.share), pct(a.otherShare)]),
        [false, true, true],
      ),
    );
  if (c.onlyMine.length > 0)
    lines.push(
      '',
      table(
        [`only ${user} plays`, 'plays'],
        c.onlyMine.map((a) => [a.name, count(a.plays)]),
        [false, true],
      ),
    );
  if (c.onlyTheirs.length > 0)
    lines.push(
      '',
      table(
        [`only ${other} plays`, 'plays'],
        c.onlyTheirs.map((a) => [a.name, count(a.otherPlays)]),
        [false, true],
      ),
    );
  return lines.join('\n');
}

function rangeLabel(range: RangeInfo): string {
  const names: Record<string, string> = {
    all_time: 'all time',
    week: 'the last 7 days',
    month: 'the last 30 days',
    year: 'the last 365 days',
  };
  return `${names[range.spec] ?? range.spec} (${range.tz})`;
}

const count = (n: number): string => n.toLocaleString('en-US');
const decimal = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 100) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${count(hours)} h`;
}

/** Known listening time; a dash when every play counted has an unknown length (0 min would be wrong). */
function knownTime(e: { knownMs: number; unknownTimePlays: number }): string {
  return e.knownMs === 0 && e.unknownTimePlays > 0 ? '–' : duration(e.knownMs);
}

function localTime(iso: string | null, tz: string): string {
  if (!iso) return '–';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

function bar(value: number, max: number, width = 24): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

/**
 * Columns padded to their widest cell by display width (CJK and emoji take two columns, combining
 * marks none); numbers right-aligned.
 */
export function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(cell)));
    return rightAligned[i] ? fill + cell : cell + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A column for plays of unknown length, only when some row has any. */
function untimedColumn(entries: { unknownTimePlays: number }[]): {
  header: string[];
  cell: (e: { unknownTimePlays: number }) => string[];
} {
  const any = entries.some((e) => e.unknownTimePlays > 0);
  return {
    header: any ? ['w/o length'] : [],
    cell: (e) => (any ? [e.unknownTimePlays > 0 ? count(e.unknownTimePlays) : ''] : []),
  };
}

function renderSummary(s: Summary): string {
  const lines = [
    `Listening summary — ${rangeLabel(s.range)}`,
    '',
    table(
      ['', ''],
      [
        ['plays', count(s.plays)],
        [
          'listening time',
          `${duration(s.knownMs)} known${s.unknownTimePlays ? `, ${count(s.unknownTimePlays)} plays of unknown length` : ''}`,
        ],
        ['artists', count(s.artists)],
        ['releases', count(s.releases)],
        ['recordings', count(s.recordings)],
        ['first listen', localTime(s.firstListen, s.range.tz)],
        ['last listen', localTime(s.lastListen, s.range.tz)],
      ],
      [false, false],
    )
      .split('\n')
      .slice(1)
      .map((l) => `  ${l}`)
      .join('\n'),
  ];
  if (s.topArtists.length > 0) {
    const max = s.topArtists[0]?.plays ?? 0;
    lines.push('', 'Top artists');
    lines.push(
      indent(
        table(
          ['#', 'artist', 'plays', ''],
          s.topArtists.map((a) => [String(a.rank), a.name, count(a.plays), bar(a.plays, max, 16)]),
          [true, false, true, false],
        ),
      ),
    );
  }
  if (s.plays === 0) lines.push('', 'No listens in this range.');
  return lines.join('\n');
}

function renderTop(name: StatisticName, list: TopList<TopEntry & { artist?: string }>): string {
  const title = `Top ${name} by ${list.by === 'time' ? 'listening time' : 'plays'} — ${rangeLabel(list.range)}`;
  if (list.entries.length === 0) return `${title}\n\nNo listens in this range.`;
  const metric = (e: TopEntry) => (list.by === 'time' ? e.knownMs : e.plays);
  const max = Math.max(...list.entries.map(metric));
  const withArtist = name !== 'artists';
  const untimed = untimedColumn(list.entries);
  const noun = name === 'artists' ? 'artist' : name === 'releases' ? 'release' : 'recording';
  const header = ['#', noun, ...(withArtist ? ['by'] : []), 'plays', 'time', ...untimed.header, ''];
  const rows = list.entries.map((e) => [
    String(e.rank),
    e.name,
    ...(withArtist ? [e.artist ?? ''] : []),
    count(e.plays),
    knownTime(e),
    ...untimed.cell(e),
    bar(metric(e), max, 16),
  ]);
  const right = header.map((h) => ['#', 'plays', 'time', ...untimed.header].includes(h));
  const note =
    untimed.header.length > 0
      ? '\n\n  time: known listening time; w/o length: plays whose length is unknown'
      : '';
  return `${title}\n\n${indent(table(header, rows, right))}${note}`;
}

function renderActivity(a: Activity): string {
  const title = `Plays per ${a.period} — ${rangeLabel(a.range)}`;
  if (a.buckets.length === 0) return `${title}\n\nNo listens in this range.`;
  const max = Math.max(...a.buckets.map((b) => b.plays));
  const label = (start: string) =>
    a.period === 'month' ? start.slice(0, 7) : a.period === 'year' ? start.slice(0, 4) : start;
  const untimed = untimedColumn(a.buckets);
  const rows = a.buckets.map((b) => [
    label(b.start),
    count(b.plays),
    knownTime(b),
    ...untimed.cell(b),
    bar(b.plays, max),
  ]);
  const header = [a.period, 'plays', 'time', ...untimed.header, ''];
  return `${title}\n\n${indent(
    table(
      header,
      rows,
      header.map((h) => h !== a.period && h !== ''),
    ),
  )}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const SHADES = [' ', '░', '▒', '▓', '█'];

function renderClock(c: ListeningClock): string {
  const title = `Listening clock — ${rangeLabel(c.range)}`;
  if (c.total === 0) return `${title}\n\nNo listens in this range.`;
  const max = Math.max(...c.plays.flat());
  const shade = (n: number) => (n === 0 ? '·' : (SHADES[Math.min(4, Math.ceil((n / max) * 4))] ?? '█'));
  const hours = Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? String(h).padEnd(3) : '')).join('');
  const lines = [title, '', `      ${hours}`];
  c.plays.forEach((row, d) =>
    lines.push(`  ${WEEKDAYS[d]} ${row.map(shade).join('')}  ${count(row.reduce((x, y) => x + y, 0))}`),
  );
  if (c.peak) {
    lines.push(
      '',
      `  busiest: ${WEEKDAYS[c.peak.weekday]} ${String(c.peak.hour).padStart(2, '0')}:00-${String(c.peak.hour + 1).padStart(2, '0')}:00 (${count(c.peak.plays)} plays)`,
    );
  }
  return lines.join('\n');
}

function renderSessions(s: Sessions): string {
  const title = `Listening sessions (a silence over ${s.gapMinutes} min ends one) — ${rangeLabel(s.range)}`;
  if (s.count === 0 || !s.listens || !s.minutes) return `${title}\n\nNo listens in this range.`;
  const rows = [
    ['sessions', count(s.count)],
    ['listens per session', `mean ${decimal(s.listens.mean)}, median ${decimal(s.listens.median)}`],
    ['minutes per session', `mean ${decimal(s.minutes.mean)}, median ${decimal(s.minutes.median)}`],
  ];
  if (s.longest) {
    rows.push([
      'longest',
      `${localTime(s.longest.start, s.range.tz)} → ${localTime(s.longest.end, s.range.tz)}: ${count(s.longest.listens)} listens, ${duration(s.longest.minutes * 60_000)}`,
    ]);
  }
  return `${title}\n\n${indent(table(['', ''], rows, [false, false]).split('\n').slice(1).join('\n'))}`;
}

function renderStreaks(s: Streaks): string {
  const streak = (x: Streak | null) =>
    x ? `${count(x.days)} day${x.days === 1 ? '' : 's'} (${x.start} → ${x.end})` : 'none';
  const rows = [
    ['current', streak(s.current)],
    ['longest', streak(s.longest)],
    ['days with a listen', count(s.activeDays)],
  ];
  return `Streaks of days with a listen — ${rangeLabel(s.range)}, today ${s.today}\n\n${indent(table(['', ''], rows, [false, false]).split('\n').slice(1).join('\n'))}`;
}

function renderBreakdown(b: Breakdown): string {
  const title = `Plays by ${b.field} — ${rangeLabel(b.range)}`;
  if (b.total === 0) return `${title}\n\nNo listens in this range.`;
  const max = Math.max(...b.entries.map((e) => e.plays));
  const rows = b.entries.map((e) => [
    e.value,
    count(e.plays),
    `${(e.share * 100).toFixed(1)}%`,
    bar(e.plays, max),
  ]);
  return `${title}\n\n${indent(table([b.field, 'plays', 'share', ''], rows, [false, true, true, false]))}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
