/**
 * A listening report for the last week, month or year (the rolling ranges of range.ts): what
 * changed against the period before, the top of the period with its moves, new discoveries, and
 * patterns (sessions, the busiest hour and weekday). Built from the other statistics, plus
 * new-artists.sql; the short text is written elsewhere (enrich/report-text.ts).
 */
import type { Database } from '../store/database.js';
import { isoOrNull, num, str } from './mappers.js';
import { loadQuery } from './queries.js';
import {
  getListeningClock,
  getSessions,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
  resolveStatsRange,
} from './stats-service.js';
import type { RangeInfo, StatsOptions } from './types.js';

export const REPORT_PERIODS = ['week', 'month', 'year'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface ReportEntry {
  name: string;
  plays: number;
  /** Rank in the period before, or null (new in the top). */
  previousRank: number | null;
}

export interface ListeningReport {
  period: ReportPeriod;
  range: RangeInfo;
  plays: number;
  /** Listening time known, ms. */
  knownMs: number;
  previous: { range: RangeInfo | null; plays: number } | null;
  /** Plays against the period before, as a share (+0.25 = a quarter more); null without one. */
  change: number | null;
  top: { artists: ReportEntry[]; releases: ReportEntry[]; recordings: ReportEntry[] };
  discoveries: { count: number; top: Array<{ name: string; plays: number; firstListen: string }> };
  patterns: {
    sessions: number;
    sessionMinutes: number | null;
    busiestHour: number | null;
    busiestWeekday: string | null;
  };
}

const TOP = 5;

export async function getListeningReport(
  db: Database,
  options: StatsOptions & { period: ReportPeriod },
): Promise<ListeningReport> {
  const scoped = { ...options, range: options.period };
  const { fromMs, toMs } = await resolveStatsRange(db, scoped);
  const summary = await getSummary(db, scoped);
  const top = { ...scoped, limit: TOP, compare: true };
  const artists = await getTopArtists(db, top);
  const previousSpec = artists.previous?.spec ?? null;
  const previous = previousSpec ? await getSummary(db, { ...options, range: previousSpec }) : null;
  const entries = (list: { entries: Array<{ name: string; plays: number; previousRank?: number | null }> }) =>
    list.entries.map((e) => ({ name: e.name, plays: e.plays, previousRank: e.previousRank ?? null }));
  const clock = await getListeningClock(db, scoped);
  const sessions = await getSessions(db, scoped);
  const discovered = await db.all(loadQuery('new-artists'), {
    user_id: options.userId,
    from_ms: fromMs,
    to_ms: toMs,
    limit: TOP,
  });
  const hours = Array.from({ length: 24 }, (_, hour) =>
    clock.plays.reduce((sum, day) => sum + (day[hour] ?? 0), 0),
  );
  const days = clock.plays.map((day) => day.reduce((a, b) => a + b, 0));
  const busiest = (values: number[]) => {
    const max = Math.max(0, ...values);
    return max === 0 ? null : values.indexOf(max);
  };
  const weekday = busiest(days);
  return {
    period: options.period,
    range: summary.range,
    plays: summary.plays,
    knownMs: summary.knownMs,
    previous: previous ? { range: previous.range, plays: previous.plays } : null,
    change:
      previous && previous.plays > 0
        ? Math.round(((summary.plays - previous.plays) / previous.plays) * 1000) / 1000
        : null,
    top: {
      artists: entries(artists),
      releases: entries(await getTopReleases(db, top)),
      recordings: entries(await getTopRecordings(db, top)),
    },
    discoveries: {
      count: discovered[0] ? num(discovered[0].discovered, 'discovered') : 0,
      top: discovered.map((r) => ({
        name: str(r.name, 'name'),
        plays: num(r.plays, 'plays'),
        firstListen: isoOrNull(r.first_listen, 'first_listen') ?? '',
      })),
    },
    patterns: {
      sessions: sessions.count,
      sessionMinutes: sessions.minutes ? Math.round(sessions.minutes.mean) : null,
      busiestHour: busiest(hours),
      busiestWeekday: weekday === null ? null : WEEKDAYS[weekday]!,
    },
  };
}

/** The plain facts a short text may say (enrich/report-text.ts ReportFacts). */
export function reportFacts(report: ListeningReport) {
  return {
    period: report.period,
    plays: report.plays,
    change: report.change,
    topArtists: report.top.artists.map((e) => e.name),
    topTracks: report.top.recordings.map((e) => e.name),
    discoveries: report.discoveries.top.map((d) => d.name),
    busiestHour: report.patterns.busiestHour,
    busiestWeekday: report.patterns.busiestWeekday,
  };
}

/** The report as Markdown, with its short text (`listenhouse report --markdown`). */
export function reportMarkdown(report: ListeningReport, text: string): string {
  const title = { week: 'The week', month: 'The month', year: 'The year' }[report.period];
  const list = (entries: ReportEntry[]) =>
    entries
      .map(
        (e, i) =>
          `${i + 1}. ${e.name} (${e.plays})${e.previousRank === null ? ' — new' : e.previousRank !== i + 1 ? ` — was ${e.previousRank}` : ''}`,
      )
      .join('\n');
  const change =
    report.change === null
      ? ''
      : ` (${report.change >= 0 ? '+' : ''}${Math.round(report.change * 100)}% on the period before)`;
  return [
    `# ${title} in listening: ${report.range.from?.slice(0, 10) ?? ''} – ${report.range.to?.slice(0, 10) ?? ''}`,
    '',
    text,
    '',
    `${report.plays} listens${change}, ${Math.round(report.knownMs / 60_000)} minutes.`,
    '',
    '## Top artists',
    list(report.top.artists),
    '',
    '## Top releases',
    list(report.top.releases),
    '',
    '## Top tracks',
    list(report.top.recordings),
    '',
    `## New discoveries: ${report.discoveries.count}`,
    report.discoveries.top.map((d) => `- ${d.name} (${d.plays})`).join('\n'),
    '',
    '## Patterns',
    `- ${report.patterns.sessions} sessions${report.patterns.sessionMinutes !== null ? `, ${report.patterns.sessionMinutes} minutes on average` : ''}`,
    ...(report.patterns.busiestHour !== null ? [`- busiest hour: ${report.patterns.busiestHour}:00`] : []),
    ...(report.patterns.busiestWeekday !== null ? [`- busiest day: ${report.patterns.busiestWeekday}`] : []),
    '',
  ].join('\n');
}
