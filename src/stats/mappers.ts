/**
 * Typed mappers from DuckDB rows (BIGINT/HUGEINT → bigint, TIMESTAMP → Date) to the plain result
 * objects of types.ts. Every numeric column passes through `num` so a result never leaks a bigint.
 */
import { AppError } from '../domain/errors.js';
import { num, str, strOrNull } from '../store/rows.js';
import type {
  ActivityBucket,
  BreakdownEntry,
  ListeningClock,
  Session,
  Sessions,
  Streak,
  TopEntry,
  TopRecording,
  TopRelease,
} from './types.js';

type Row = Record<string, unknown>;

export { num, numOrNull, str, strOrNull } from '../store/rows.js';

export function isoOrNull(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  throw new AppError(
    'INTERNAL',
    `Statistics query returned ${typeof value} for timestamp column '${field}'.`,
  );
}

/** Rows of top-artists.sql, top-releases.sql, top-recordings.sql (and summary's top_artists). */
export function toTopEntry(row: Row, index: number): TopEntry {
  return {
    rank: index + 1,
    id: num(row.id, 'id'),
    name: str(row.name, 'name'),
    mbid: strOrNull(row.mbid, 'mbid'),
    plays: num(row.plays, 'plays'),
    knownMs: num(row.known_ms, 'known_ms'),
    unknownTimePlays: num(row.unknown_plays, 'unknown_plays'),
  };
}

export function toTopWithArtist(row: Row, index: number): TopRelease & TopRecording {
  return { ...toTopEntry(row, index), artist: strOrNull(row.artist, 'artist') ?? '' };
}

export function toActivityBucket(row: Row): ActivityBucket {
  return {
    start: str(row.start, 'start'),
    plays: num(row.plays, 'plays'),
    knownMs: num(row.known_ms, 'known_ms'),
    unknownTimePlays: num(row.unknown_plays, 'unknown_plays'),
  };
}

/** Rows (weekday 1 = Monday … 7, hour, plays) of listening-clock.sql into a full 7 × 24 grid. */
export function toClockGrid(rows: Row[]): Pick<ListeningClock, 'plays' | 'total' | 'peak'> {
  const plays = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let total = 0;
  for (const row of rows) {
    const weekday = num(row.weekday, 'weekday') - 1;
    const hour = num(row.hour, 'hour');
    const count = num(row.plays, 'plays');
    const line = plays[weekday];
    if (!line || hour < 0 || hour > 23) {
      throw new AppError(
        'INTERNAL',
        `Listening clock cell out of range: weekday ${weekday + 1}, hour ${hour}.`,
      );
    }
    line[hour] = count;
    total += count;
  }
  let peak: ListeningClock['peak'] = null;
  plays.forEach((line, weekday) =>
    line.forEach((count, hour) => {
      if (count > 0 && (!peak || count > peak.plays)) peak = { weekday, hour, plays: count };
    }),
  );
  return { plays, total, peak };
}

/** The single row of sessions.sql. */
export function toSessions(row: Row | undefined): Omit<Sessions, 'range' | 'gapMinutes'> {
  const count = row ? num(row.sessions, 'sessions') : 0;
  if (!row || count === 0) return { count: 0, listens: null, minutes: null, longest: null };
  const start = isoOrNull(row.longest_start, 'longest_start');
  const end = isoOrNull(row.longest_end, 'longest_end');
  const longest: Session | null =
    start && end
      ? {
          start,
          end,
          listens: num(row.longest_listens, 'longest_listens'),
          minutes: num(row.longest_minutes, 'longest_minutes'),
        }
      : null;
  return {
    count,
    listens: {
      mean: num(row.mean_listens, 'mean_listens'),
      median: num(row.median_listens, 'median_listens'),
    },
    minutes: {
      mean: num(row.mean_minutes, 'mean_minutes'),
      median: num(row.median_minutes, 'median_minutes'),
    },
    longest,
  };
}

/** Rows (kind longest | current | active) of streaks.sql. */
export function toStreaks(rows: Row[]): {
  current: Streak | null;
  longest: Streak | null;
  activeDays: number;
} {
  const streakOf = (kind: string): Streak | null => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) return null;
    return {
      start: str(row.first_day, 'first_day'),
      end: str(row.last_day, 'last_day'),
      days: num(row.days, 'days'),
    };
  };
  const active = rows.find((r) => r.kind === 'active');
  return {
    current: streakOf('current'),
    longest: streakOf('longest'),
    activeDays: active ? num(active.active_days, 'active_days') : 0,
  };
}

export function toBreakdownEntry(row: Row): BreakdownEntry {
  return { value: str(row.value, 'value'), plays: num(row.plays, 'plays'), share: num(row.share, 'share') };
}
