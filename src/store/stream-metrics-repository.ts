/**
 * What the pipeline page reads: the batch metrics (gold, migration 017) of a range of days, the
 * metric runs with their phases, volumes and alert, and the Kafka consumers' committed micro-batches
 * (migration 016) for the lag over time.
 */
import type { Database } from './database.js';
import { big, num, numOrNull, str, strOrNull, type Row } from './rows.js';

const ts = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

export interface MetricRunRow {
  id: number;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  /** The days the run covered, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  listensIn: number;
  eventsIn: number;
  rejects: number;
  rowsOut: number;
  phases: { phase: string; ms: number }[];
  alert: string | null;
  error: string | null;
}

/** The latest metric runs, newest first. */
export async function listMetricRuns(db: Database, limit: number): Promise<MetricRunRow[]> {
  const rows = await db.all(
    `SELECT id, status, ${ts('started_at')} AS started_at, ${ts('finished_at')} AS finished_at,
       strftime(day_from, '%Y-%m-%d') AS day_from, strftime(day_to, '%Y-%m-%d') AS day_to,
       listens_in, events_in, rejects, rows_out, phases, alert, error
     FROM metric_runs ORDER BY id DESC LIMIT ?`,
    [limit],
  );
  return rows.map((r: Row) => ({
    id: Number(big(r.id, 'id')),
    status: str(r.status, 'status') as MetricRunRow['status'],
    startedAt: str(r.started_at, 'started_at'),
    finishedAt: strOrNull(r.finished_at, 'finished_at'),
    from: str(r.day_from, 'day_from'),
    to: str(r.day_to, 'day_to'),
    listensIn: num(r.listens_in, 'listens_in'),
    eventsIn: num(r.events_in, 'events_in'),
    rejects: num(r.rejects, 'rejects'),
    rowsOut: num(r.rows_out, 'rows_out'),
    phases: parsePhases(strOrNull(r.phases, 'phases')),
    alert: strOrNull(r.alert, 'alert'),
    error: strOrNull(r.error, 'error'),
  }));
}

function parsePhases(json: string | null): MetricRunRow['phases'] {
  if (json === null) return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.map((p: { phase?: unknown; ms?: unknown }) => ({
    phase: String(p.phase),
    ms: Number(p.ms),
  }));
}

export interface GoldMetrics {
  /** Every day that has metrics, newest first (at most a year's worth). */
  days: string[];
  from: string | null;
  to: string | null;
  /** Plays over the range, most played first. */
  topArtists: { artist: string; plays: number }[];
  topTracks: { artist: string; track: string; plays: number }[];
  /** Plays per hour slot (UTC) and genre over the range. */
  genreHours: { hour: number; genre: string; plays: number }[];
  /** Plays by country, platform and device over the range, largest first in each. */
  breakdowns: { dimension: 'country' | 'platform' | 'device'; value: string; plays: number }[];
  /** Listens, likes, shares and skips per track over the range, most listened first. */
  trackActions: {
    artist: string;
    track: string;
    listens: number;
    likes: number;
    shares: number;
    skips: number;
    /** skips / (listens + skips); null when neither. */
    skipRate: number | null;
  }[];
}

/**
 * The gold metrics of the days [from, to], summed over the days; without a range, the latest day
 * that has metrics. `limit` caps the ranked lists.
 */
export async function readGoldMetrics(
  db: Database,
  range: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<GoldMetrics> {
  const days = (
    await db.all(
      `SELECT DISTINCT strftime(day, '%Y-%m-%d') AS d FROM metric_breakdowns
       UNION SELECT DISTINCT strftime(day, '%Y-%m-%d') FROM metric_track_actions
       ORDER BY 1 DESC LIMIT 366`,
    )
  ).map((r: Row) => str(r.d, 'day'));
  const from = range.from ?? range.to ?? days[0] ?? null;
  const to = range.to ?? range.from ?? days[0] ?? null;
  if (from === null || to === null)
    return {
      days,
      from,
      to,
      topArtists: [],
      topTracks: [],
      genreHours: [],
      breakdowns: [],
      trackActions: [],
    };
  const binds = { from, to, limit: range.limit };
  const within = 'day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)';
  const [artists, tracks, hours, breakdowns, actions] = await Promise.all([
    db.all(
      `SELECT artist, sum(plays) AS plays FROM metric_top_artists WHERE ${within}
       GROUP BY 1 ORDER BY plays DESC, artist LIMIT $limit`,
      binds,
    ),
    db.all(
      `SELECT artist, track, sum(plays) AS plays FROM metric_top_tracks WHERE ${within}
       GROUP BY 1, 2 ORDER BY plays DESC, artist, track LIMIT $limit`,
      binds,
    ),
    db.all(
      `SELECT hour, genre, sum(plays) AS plays FROM metric_genre_hours WHERE ${within}
       GROUP BY 1, 2 ORDER BY hour, plays DESC, genre`,
      { from, to },
    ),
    db.all(
      `SELECT dimension, value, sum(plays) AS plays FROM metric_breakdowns WHERE ${within}
       GROUP BY 1, 2 ORDER BY dimension, plays DESC, value`,
      { from, to },
    ),
    db.all(
      `SELECT artist, track, sum(listens) AS listens, sum(likes) AS likes, sum(shares) AS shares,
         sum(skips) AS skips, sum(skips) / nullif(sum(listens) + sum(skips), 0) AS skip_rate
       FROM metric_track_actions WHERE ${within}
       GROUP BY 1, 2 ORDER BY listens DESC, likes DESC, artist, track LIMIT $limit`,
      binds,
    ),
  ]);
  return {
    days,
    from,
    to,
    topArtists: artists.map((r: Row) => ({ artist: str(r.artist, 'artist'), plays: num(r.plays, 'plays') })),
    topTracks: tracks.map((r: Row) => ({
      artist: str(r.artist, 'artist'),
      track: str(r.track, 'track'),
      plays: num(r.plays, 'plays'),
    })),
    genreHours: hours.map((r: Row) => ({
      hour: num(r.hour, 'hour'),
      genre: str(r.genre, 'genre'),
      plays: num(r.plays, 'plays'),
    })),
    breakdowns: breakdowns.map((r: Row) => ({
      dimension: str(r.dimension, 'dimension') as GoldMetrics['breakdowns'][number]['dimension'],
      value: str(r.value, 'value'),
      plays: num(r.plays, 'plays'),
    })),
    trackActions: actions.map((r: Row) => ({
      artist: str(r.artist, 'artist'),
      track: str(r.track, 'track'),
      listens: num(r.listens, 'listens'),
      likes: num(r.likes, 'likes'),
      shares: num(r.shares, 'shares'),
      skips: num(r.skips, 'skips'),
      skipRate: numOrNull(r.skip_rate, 'skip_rate'),
    })),
  };
}

export interface StreamBatchRow {
  committedAt: string;
  group: string;
  topic: string;
  events: number;
  listens: number;
  rejects: number;
  /** Events behind the partitions' ends after the batch. */
  lag: number;
  millis: number;
}

/** The last `limit` committed micro-batches, oldest first (the lag over time). */
export async function listStreamBatches(db: Database, limit: number): Promise<StreamBatchRow[]> {
  const rows = await db.all(
    `SELECT * FROM (
       SELECT id, ${ts('committed_at')} AS committed_at, group_id, topic, events, listens, rejects, lag, millis
       FROM stream_batches ORDER BY id DESC LIMIT ?) ORDER BY id`,
    [limit],
  );
  return rows.map((r: Row) => ({
    committedAt: str(r.committed_at, 'committed_at'),
    group: str(r.group_id, 'group_id'),
    topic: str(r.topic, 'topic'),
    events: num(r.events, 'events'),
    listens: num(r.listens, 'listens'),
    rejects: num(r.rejects, 'rejects'),
    lag: num(r.lag, 'lag'),
    millis: num(r.millis, 'millis'),
  }));
}
