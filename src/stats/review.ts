/**
 * The two statistics that tell a story rather than answer one question: a user's year in review,
 * and two users compared. Both are built from the other statistics over one range, plus one query
 * each (new-artists.sql, compare-artists.sql or its rollups/ twin); see docs/statistics.md.
 */
import { AppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';
import { isoOrNull, num, str, strOrNull } from './mappers.js';
import { loadQuery } from './queries.js';
import { fromWholeHistory } from './sources.js';
import {
  getActivity,
  getListeningClock,
  getSessions,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
  resolveStatsRange,
} from './stats-service.js';
import type {
  ListeningTime,
  RangeInfo,
  Session,
  StatsOptions,
  Streak,
  TopArtist,
  TopRecording,
  TopRelease,
} from './types.js';

export const REVIEW_TOP = 10;
/** Years a review may be asked for: listens are accepted from 2002 (validate.ts) to now. */
export const FIRST_REVIEW_YEAR = 2002;

export interface DiscoveredArtist {
  id: number;
  name: string;
  mbid: string | null;
  /** Plays in the year. */
  plays: number;
  /** The first listen ever, UTC. */
  firstListen: string;
}

export interface YearInReview extends ListeningTime {
  range: RangeInfo;
  year: number;
  plays: number;
  artists: number;
  releases: number;
  recordings: number;
  /** Local days with a listen. */
  activeDays: number;
  top: { artists: TopArtist[]; releases: TopRelease[]; recordings: TopRecording[] };
  /** Plays per local month, January first (12 entries). */
  months: { month: string; plays: number; knownMs: number }[];
  /** The month with the most plays (the earliest when tied), or null without listens. */
  topMonth: { month: string; plays: number } | null;
  /** The local hour of day with the most plays (the earliest when tied), or null. */
  topHour: { hour: number; plays: number } | null;
  /** The weekday with the most plays, 0 = Monday (the earliest when tied), or null. */
  topWeekday: { weekday: number; plays: number } | null;
  /** Artists first played ever in this year: how many, and the most played of them. */
  newArtists: { count: number; top: DiscoveredArtist[] };
  longestSession: Session | null;
  longestStreak: Streak | null;
}

/** A user's year: the numbers, the top 10s, when they listened most, what they discovered. */
export async function getYearInReview(
  db: Database,
  options: Omit<StatsOptions, 'range'> & { year: number },
): Promise<YearInReview> {
  const { year } = options;
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const lastYear = new Date(now).getUTCFullYear();
  if (!Number.isInteger(year) || year < FIRST_REVIEW_YEAR || year > lastYear)
    throw new AppError(
      'INVALID_INPUT',
      `The year must be a whole number from ${FIRST_REVIEW_YEAR} to ${lastYear}, not ${String(year)}.`,
    );
  const scoped: StatsOptions = { ...options, range: `${year}-01-01..${year}-12-31` };
  const top = { ...scoped, limit: REVIEW_TOP };
  // One after the other: the statistics share the connection's settings (see withGroupingSizedFor).
  const { fromMs, toMs } = await resolveStatsRange(db, scoped);
  const summary = await getSummary(db, scoped);
  const artists = await getTopArtists(db, top);
  const releases = await getTopReleases(db, top);
  const recordings = await getTopRecordings(db, top);
  const activity = await getActivity(db, { ...scoped, period: 'month' });
  const clock = await getListeningClock(db, scoped);
  const sessions = await getSessions(db, scoped);
  const streaks = await getStreaks(db, scoped);
  const discovered = await db.all(loadQuery('new-artists'), {
    user_id: options.userId,
    from_ms: fromMs,
    to_ms: toMs,
    limit: REVIEW_TOP,
  });

  const months = activity.buckets.map((b) => ({
    month: b.start.slice(0, 7),
    plays: b.plays,
    knownMs: b.knownMs,
  }));
  return {
    range: summary.range,
    year,
    plays: summary.plays,
    knownMs: summary.knownMs,
    unknownTimePlays: summary.unknownTimePlays,
    artists: summary.artists,
    releases: summary.releases,
    recordings: summary.recordings,
    activeDays: streaks.activeDays,
    top: { artists: artists.entries, releases: releases.entries, recordings: recordings.entries },
    months,
    topMonth: busiest(months.map((m) => ({ month: m.month, plays: m.plays }))),
    topHour: busiest(
      Array.from({ length: 24 }, (_, hour) => ({
        hour,
        plays: clock.plays.reduce((sum, day) => sum + (day[hour] ?? 0), 0),
      })),
    ),
    topWeekday: busiest(
      clock.plays.map((day, weekday) => ({ weekday, plays: day.reduce((a, b) => a + b, 0) })),
    ),
    newArtists: {
      count: discovered[0] ? num(discovered[0].discovered, 'discovered') : 0,
      top: discovered.map((r) => ({
        id: num(r.id, 'id'),
        name: str(r.name, 'name'),
        mbid: strOrNull(r.mbid, 'mbid'),
        plays: num(r.plays, 'plays'),
        firstListen: isoOrNull(r.first_listen, 'first_listen') ?? '',
      })),
    },
    longestSession: sessions.longest,
    longestStreak: streaks.longest,
  };
}

/** The entry with the most plays, the first of them when tied; null when nothing was played. */
export function busiest<T extends { plays: number }>(entries: readonly T[]): T | null {
  let best: T | null = null;
  for (const e of entries) if (e.plays > 0 && (best === null || e.plays > best.plays)) best = e;
  return best;
}

export interface ComparedArtist {
  id: number;
  name: string;
  mbid: string | null;
  /** The first user's plays and their share of that user's artist plays (0-1). */
  plays: number;
  share: number;
  otherPlays: number;
  otherShare: number;
}

export interface Comparison {
  range: RangeInfo;
  /**
   * Cosine similarity of the two users' artist play counts, 0 (nothing in common) to 1 (the same
   * proportions); null when either played nothing in the range.
   */
  similarity: number | null;
  /** Artists both played: how many, and the top by the smaller of the two shares. */
  shared: { count: number; top: ComparedArtist[] };
  /** The first user's most played artists the other never played in the range, and the reverse. */
  onlyMine: ComparedArtist[];
  onlyTheirs: ComparedArtist[];
  /** Distinct artists each played. */
  artists: number;
  otherArtists: number;
}

/** Two users' taste over one range: what they share, how alike, what each plays alone. */
export async function compareUsers(
  db: Database,
  options: StatsOptions & { otherUserId: number; limit?: number },
): Promise<Comparison> {
  const limit = options.limit ?? REVIEW_TOP;
  // The range and zone are resolved as every statistic does (the first user's zone by default).
  const { info: range, fromMs, toMs } = await resolveStatsRange(db, options);
  const params = { user_id: options.userId, other_id: options.otherUserId, from_ms: fromMs, to_ms: toMs };
  const rows =
    (await fromWholeHistory(db, { fromMs, toMs }, [options.userId, options.otherUserId], () =>
      db.all(loadQuery('rollups/compare-artists'), {
        user_id: options.userId,
        other_id: options.otherUserId,
      }),
    )) ?? (await db.all(loadQuery('compare-artists'), params));
  return shapeComparison(
    range,
    rows.map((r) => ({
      id: num(r.id, 'id'),
      name: str(r.name, 'name'),
      mbid: strOrNull(r.mbid, 'mbid'),
      plays: num(r.plays, 'plays'),
      otherPlays: num(r.other_plays, 'other_plays'),
    })),
    limit,
  );
}

/** The comparison from both users' plays per artist (pure: the maths of compareUsers). */
export function shapeComparison(
  range: RangeInfo,
  rows: readonly { id: number; name: string; mbid: string | null; plays: number; otherPlays: number }[],
  limit: number,
): Comparison {
  let mine = 0;
  let theirs = 0;
  let dot = 0;
  let mineSq = 0;
  let theirsSq = 0;
  for (const r of rows) {
    mine += r.plays;
    theirs += r.otherPlays;
    dot += r.plays * r.otherPlays;
    mineSq += r.plays * r.plays;
    theirsSq += r.otherPlays * r.otherPlays;
  }
  const artists = rows.map((r) => ({
    ...r,
    share: mine > 0 ? r.plays / mine : 0,
    otherShare: theirs > 0 ? r.otherPlays / theirs : 0,
  }));
  const byId = (a: ComparedArtist, b: ComparedArtist) => a.id - b.id;
  const shared = artists
    .filter((a) => a.plays > 0 && a.otherPlays > 0)
    .sort((a, b) => Math.min(b.share, b.otherShare) - Math.min(a.share, a.otherShare) || byId(a, b));
  const onlyMine = artists
    .filter((a) => a.otherPlays === 0)
    .sort((a, b) => b.plays - a.plays || byId(a, b))
    .slice(0, limit);
  const onlyTheirs = artists
    .filter((a) => a.plays === 0)
    .sort((a, b) => b.otherPlays - a.otherPlays || byId(a, b))
    .slice(0, limit);
  return {
    range,
    similarity: mineSq > 0 && theirsSq > 0 ? dot / Math.sqrt(mineSq * theirsSq) : null,
    shared: { count: shared.length, top: shared.slice(0, limit) },
    onlyMine,
    onlyTheirs,
    artists: artists.filter((a) => a.plays > 0).length,
    otherArtists: artists.filter((a) => a.otherPlays > 0).length,
  };
}
