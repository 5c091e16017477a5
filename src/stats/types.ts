/**
 * Options and results of the statistics. Results are plain JSON-ready objects: instants are ISO-8601
 * UTC strings, local days 'YYYY-MM-DD' strings in the requested zone, durations milliseconds.
 */

/** What every statistic takes. */
export interface StatsOptions {
  userId: number;
  /** week | month | year | all_time | FROM..TO (see range.ts); default all_time. */
  range?: string;
  /** IANA zone for local days, hours, weekdays and date ranges; default UTC. */
  tz?: string;
  /** The instant rolling ranges and current streaks are measured from, epoch ms or Date; default now. */
  now?: number | Date;
}

export type TopRanking = 'plays' | 'time';

export interface TopOptions extends StatsOptions {
  /** Rows to return, 1-1000; default 10. */
  limit?: number;
  /** Rank by plays (default) or by known listening time. Ties: the lower id first. */
  by?: TopRanking;
  /**
   * Also rank the period of the same length just before the range (range.ts: previousRange), so
   * each entry says where it stood there (`previousRank`).
   */
  compare?: boolean;
}

export type ActivityPeriod = 'day' | 'week' | 'month' | 'year';

export interface ActivityOptions extends StatsOptions {
  /**
   * Bucket size; weeks start on Monday. Default: day for week and month ranges, month for year,
   * otherwise day up to 62 days, month up to ~3 years, else year.
   */
  period?: ActivityPeriod;
}

export interface SessionOptions extends StatsOptions {
  /** Silence that ends a session, in minutes (1-1440); default 30. */
  gapMinutes?: number;
}

export const BREAKDOWN_FIELDS = ['source', 'platform', 'country', 'client'] as const;
export type BreakdownField = (typeof BREAKDOWN_FIELDS)[number];

export interface BreakdownOptions extends StatsOptions {
  field: BreakdownField;
}

/** The range a result covers, echoed so a client can label it. */
export interface RangeInfo {
  spec: string;
  tz: string;
  /** First instant included, or null when open. */
  from: string | null;
  /** First instant after the range, or null when open. */
  to: string | null;
}

/** Listening time: played_ms when known, else duration_ms, else unknown. */
export interface ListeningTime {
  /** Sum of the known times, ms. */
  knownMs: number;
  /** Plays with neither played_ms nor duration_ms, left out of knownMs. */
  unknownTimePlays: number;
}

export interface TopEntry extends ListeningTime {
  /** 1-based position. */
  rank: number;
  id: number;
  name: string;
  mbid: string | null;
  plays: number;
  /**
   * With `compare`: the rank in the previous period, or null when it was not in that period's top
   * 1000 (MAX_LIMIT) or the range has no previous period.
   */
  previousRank?: number | null;
}

export type TopArtist = TopEntry;

export interface TopRelease extends TopEntry {
  /** The release's artist. */
  artist: string;
}

/** A release group: releases sharing a release-group MBID, or a release without one on its own. */
export interface TopReleaseGroup extends TopEntry {
  /** The artist of the group's most-played release. */
  artist: string;
}

export interface TopRecording extends TopEntry {
  /** The recording's artist credit as written ("Jay-Z feat. Alicia Keys"). */
  artist: string;
}

/** How many different entities were played in a range: the totals beside the top lists. */
export interface EntityCounts {
  range: RangeInfo;
  /** Every credited artist of a listen, as the top artists count them. */
  artists: number;
  releases: number;
  releaseGroups: number;
  recordings: number;
}

export interface TopList<T extends TopEntry> {
  range: RangeInfo;
  by: TopRanking;
  limit: number;
  entries: T[];
  /** With `compare`: the period compared with, or null for a range open on a side (all_time). */
  previous?: RangeInfo | null;
}

export const LEADER_ENTITIES = ['artists', 'releases', 'recordings'] as const;
export type LeaderEntity = (typeof LEADER_ENTITIES)[number];
export const LEADER_PERIODS = ['month', 'year'] as const;
export type LeaderPeriod = (typeof LEADER_PERIODS)[number];

export interface LeadersOptions extends StatsOptions {
  entity: LeaderEntity;
  /** Local months or years; default month up to ~3 years of range, else year. */
  period?: LeaderPeriod;
  by?: TopRanking;
  /** Leaders per period, 1-100; default 10. */
  limit?: number;
}

export interface Leader {
  rank: number;
  id: number;
  name: string;
  /** The release's artist or the recording's credit; null for artists. */
  artist: string | null;
  plays: number;
  /** Known listening time, ms. */
  knownMs: number;
}

export interface Leaders {
  range: RangeInfo;
  entity: LeaderEntity;
  by: TopRanking;
  period: LeaderPeriod;
  limit: number;
  /** Oldest first; only periods with listens. `start`: the period's first local day. */
  periods: { start: string; entries: Leader[] }[];
}

export interface ActivityBucket extends ListeningTime {
  /** First local day of the bucket. */
  start: string;
  plays: number;
}

export interface Activity {
  range: RangeInfo;
  period: ActivityPeriod;
  /** Every bucket from the range's first to its last (all_time: first listen to today), oldest first. */
  buckets: ActivityBucket[];
}

export interface ListeningClock {
  range: RangeInfo;
  /** plays[weekday][hour]: weekday 0 = Monday … 6 = Sunday, hour 0-23 local. */
  plays: number[][];
  total: number;
  /** The busiest cell (the earliest in the week when tied), or null without listens. */
  peak: { weekday: number; hour: number; plays: number } | null;
}

export interface Session {
  /** First start in the session, UTC. */
  start: string;
  /** Latest end of any listen in it, UTC. */
  end: string;
  listens: number;
  minutes: number;
}

export interface Sessions {
  range: RangeInfo;
  gapMinutes: number;
  count: number;
  listens: { mean: number; median: number } | null;
  minutes: { mean: number; median: number } | null;
  /** The session with the longest span (the earliest when tied). */
  longest: Session | null;
}

export interface Streak {
  /** First and last local day, inclusive. */
  start: string;
  end: string;
  days: number;
}

export interface Streaks {
  range: RangeInfo;
  /** Local date of `now`. */
  today: string;
  /** The run of days that ends today, or yesterday when today has no listen yet; null if neither. */
  current: Streak | null;
  /** The longest run (the most recent when tied). */
  longest: Streak | null;
  /** Local days with at least one listen. */
  activeDays: number;
}

export interface BreakdownEntry {
  /** The field's value; 'unknown' where the source did not say. */
  value: string;
  plays: number;
  /** plays / total, 0-1. */
  share: number;
}

export interface Breakdown {
  range: RangeInfo;
  field: BreakdownField;
  total: number;
  /** Most plays first; ties by value. */
  entries: BreakdownEntry[];
}

export interface Summary extends ListeningTime {
  range: RangeInfo;
  plays: number;
  /** Distinct artists credited on the listens (every credited artist counts). */
  artists: number;
  releases: number;
  recordings: number;
  firstListen: string | null;
  lastListen: string | null;
  /** Top 5 artists by plays. */
  topArtists: SummaryArtist[];
}

export type SummaryArtist = Pick<TopArtist, 'rank' | 'id' | 'name' | 'mbid' | 'plays'>;

export interface StatsUser {
  id: number;
  name: string;
  /** The user's own zone (users.time_zone), the default for --tz. */
  timeZone: string;
}
