/**
 * Listening statistics for one user: the functions the CLI and the REST APIs call. Each reads the
 * rollups the write path keeps in the same transaction as the listens, or the listens themselves
 * where the rollups cannot answer (sources.ts) — no cache either way, so an import, back-dated or
 * not, shows in the next answer. See docs/statistics.md for the exact meaning of every number.
 */
import { AppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';
import {
  isoOrNull,
  num,
  numOrNull,
  str,
  strOrNull,
  toActivityBucket,
  toBreakdownEntry,
  toClockGrid,
  toSessions,
  toStreaks,
  toTopEntry,
  toTopWithArtist,
} from './mappers.js';
import { ROLLUP_SESSION_GAP_MINUTES } from '../store/rollups.js';
import { loadQuery, loadQueryOver, type QueryName } from './queries.js';
import { previousRange, resolveRange, type ResolvedRange } from './range.js';
import { fromWholeHistory, mayReadRollups, withRollupReaders } from './sources.js';
import { bucketGrid, offsetSegments, type OffsetSegment } from './time-zone.js';
import {
  BREAKDOWN_FIELDS,
  LEADER_ENTITIES,
  LEADER_PERIODS,
  type Activity,
  type ActivityOptions,
  type ActivityPeriod,
  type Breakdown,
  type EntityCounts,
  type BreakdownOptions,
  type Leader,
  type Leaders,
  type LeadersOptions,
  type ListeningClock,
  type RangeInfo,
  type SessionOptions,
  type Sessions,
  type StatsOptions,
  type StatsUser,
  type Streaks,
  type Summary,
  type TopArtist,
  type TopList,
  type TopOptions,
  type TopRanking,
  type TopRecording,
  type TopRelease,
  type TopReleaseGroup,
} from './types.js';

type Params = Record<string, string | number | null>;

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;
export const DEFAULT_GAP_MINUTES = 30;
export const MAX_LEADERS = 100;
export const ACTIVITY_PERIODS: readonly ActivityPeriod[] = ['day', 'week', 'month', 'year'];
const QUARTER_HOUR_MS = 900_000;
const HOUR_MS = 3_600_000;

/** The user with this name; NOT_FOUND names the users there are. */
export async function findStatsUser(db: Database, name: string): Promise<StatsUser> {
  const [row] = await db.all(loadQuery('user-by-name'), { name });
  if (row)
    return { id: num(row.id, 'id'), name: str(row.name, 'name'), timeZone: str(row.time_zone, 'time_zone') };
  const names = (await db.all(loadQuery('user-names'))).map((r) => str(r.name, 'name'));
  const known =
    names.length > 0
      ? `Users in this database: ${names.join(', ')}.`
      : 'This database has no users yet: import some listens first.';
  throw new AppError('NOT_FOUND', `No user named '${name}'. ${known}`);
}

export async function getTopArtists(db: Database, options: TopOptions): Promise<TopList<TopArtist>> {
  return top(
    db,
    options,
    { plays: 'top-artists-by-plays', time: 'top-artists-by-time', rollups: 'rollups/top-artists' },
    toTopEntry,
  );
}

export async function getTopReleases(db: Database, options: TopOptions): Promise<TopList<TopRelease>> {
  return top(
    db,
    options,
    { plays: 'top-releases-by-plays', time: 'top-releases-by-time', rollups: 'rollups/top-releases' },
    toTopWithArtist,
  );
}

/**
 * Release groups: releases sharing a release-group MBID count together, a release without one is a
 * group of its own; each is named after its most-played release (whose id it takes).
 */
export async function getTopReleaseGroups(
  db: Database,
  options: TopOptions,
): Promise<TopList<TopReleaseGroup>> {
  return top(
    db,
    options,
    {
      plays: 'top-release-groups-by-plays',
      time: 'top-release-groups-by-time',
      rollups: 'rollups/top-release-groups',
    },
    toTopWithArtist,
  );
}

/** How many different artists, releases, release groups and recordings were played in the range. */
export async function getEntityCounts(db: Database, options: StatsOptions): Promise<EntityCounts> {
  const scope = await resolveScope(db, options);
  const [row] =
    (await fromWholeHistory(db, scope, [options.userId], () =>
      db.all(loadQuery('rollups/entity-counts'), { user_id: options.userId }),
    )) ?? (await db.all(loadQuery('entity-counts'), scope.params));
  return {
    range: scope.info,
    artists: num(row?.artists ?? 0, 'artists'),
    releases: num(row?.releases ?? 0, 'releases'),
    releaseGroups: num(row?.release_groups ?? 0, 'release_groups'),
    recordings: num(row?.recordings ?? 0, 'recordings'),
  };
}

export async function getTopRecordings(db: Database, options: TopOptions): Promise<TopList<TopRecording>> {
  return top(
    db,
    options,
    { plays: 'top-recordings-by-plays', time: 'top-recordings-by-time', rollups: 'rollups/top-recordings' },
    toTopWithArtist,
  );
}

async function top<T extends TopArtist>(
  db: Database,
  options: TopOptions,
  queries: Record<TopRanking | 'rollups', QueryName>,
  map: (row: Record<string, unknown>, index: number) => T,
): Promise<TopList<T>> {
  const limit = checkedLimit(options.limit);
  const by = options.by ?? 'plays';
  if (by !== 'plays' && by !== 'time')
    throw new AppError('INVALID_INPUT', `Unknown ranking '${String(by)}': use plays or time.`);
  const scope = await resolveScope(db, options);
  const rank = async (s: Scope, n: number) =>
    (await fromWholeHistory(db, s, [options.userId], () =>
      db.all(loadQuery(queries.rollups), { user_id: options.userId, by, limit: n }),
    )) ??
    (await withGroupingSizedFor(db, s, () => db.all(loadQuery(queries[by]), { ...s.params, limit: n })));
  const entries = (await rank(scope, limit)).map(map);
  if (!options.compare) return { range: scope.info, by, limit, entries };
  const spec = previousRange(scope.range);
  if (spec === null)
    return {
      range: scope.info,
      by,
      limit,
      entries: entries.map((e) => ({ ...e, previousRank: null })),
      previous: null,
    };
  const previous = await resolveScope(db, { ...options, range: spec });
  const before = new Map((await rank(previous, MAX_LIMIT)).map((row, i) => [num(row.id, 'id'), i + 1]));
  return {
    range: scope.info,
    by,
    limit,
    entries: entries.map((e) => ({ ...e, previousRank: before.get(e.id) ?? null })),
    previous: previous.info,
  };
}

/**
 * The top artists, releases or recordings of each local month or year in the range (leaders.sql),
 * for a bump chart of who led when.
 */
export async function getLeaders(db: Database, options: LeadersOptions): Promise<Leaders> {
  if (!LEADER_ENTITIES.includes(options.entity))
    throw new AppError(
      'INVALID_INPUT',
      `Unknown entity '${String(options.entity)}': use ${LEADER_ENTITIES.join(', ')}.`,
    );
  const by = options.by ?? 'plays';
  if (by !== 'plays' && by !== 'time')
    throw new AppError('INVALID_INPUT', `Unknown ranking '${String(by)}': use plays or time.`);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LEADERS)
    throw new AppError(
      'INVALID_INPUT',
      `The limit must be a whole number from 1 to ${MAX_LEADERS}, not ${limit}.`,
    );
  const scope = await resolveScope(db, options);
  const period = options.period ?? ((scope.toMs - scope.fromMs) / 86_400_000 <= 1100 ? 'month' : 'year');
  if (!LEADER_PERIODS.includes(period))
    throw new AppError(
      'INVALID_INPUT',
      `Unknown period '${String(period)}': use ${LEADER_PERIODS.join(', ')}.`,
    );
  const rows = await queryLocal(db, 'leaders', scope, { entity: options.entity, by, period, limit });
  const periods: Leaders['periods'] = [];
  for (const row of rows) {
    const start = str(row.start, 'start');
    const leader: Leader = {
      rank: num(row.rank, 'rank'),
      id: num(row.id, 'id'),
      name: str(row.name, 'name'),
      artist: strOrNull(row.artist, 'artist'),
      plays: num(row.plays, 'plays'),
      knownMs: num(row.known_ms, 'known_ms'),
    };
    const last = periods.at(-1);
    if (last?.start === start) last.entries.push(leader);
    else periods.push({ start, entries: [leader] });
  }
  return { range: scope.info, entity: options.entity, by, period, limit, periods };
}

/** Plays and listening time per local day, week, month or year, empty buckets included. */
export async function getActivity(db: Database, options: ActivityOptions): Promise<Activity> {
  const scope = await resolveScope(db, options);
  const period = options.period ?? defaultPeriod(scope);
  if (!ACTIVITY_PERIODS.includes(period)) {
    throw new AppError(
      'INVALID_INPUT',
      `Unknown period '${String(period)}': use ${ACTIVITY_PERIODS.join(', ')}.`,
    );
  }
  const rows = await queryLocal(db, 'activity', scope, {
    period,
    first_day: scope.range.firstDay,
    // all_time and open-ended ranges run to today (or to the last listen, if later).
    last_day: scope.range.lastDay ?? scope.range.today,
  });
  return { range: scope.info, period, buckets: rows.map(toActivityBucket) };
}

/** Days for week and month ranges, months for a year, else what keeps the list short. */
function defaultPeriod(scope: Scope): ActivityPeriod {
  const spec = scope.range.spec;
  if (spec === 'week' || spec === 'month') return 'day';
  if (spec === 'year') return 'month';
  const days = (scope.toMs - scope.fromMs) / 86_400_000;
  return days <= 62 ? 'day' : days <= 1100 ? 'month' : 'year';
}

/** Plays per local weekday × hour. */
export async function getListeningClock(db: Database, options: StatsOptions): Promise<ListeningClock> {
  const scope = await resolveScope(db, options);
  const rows = await queryLocal(db, 'listening-clock', scope, {});
  return { range: scope.info, ...toClockGrid(rows) };
}

/** Current and longest run of consecutive local days with a listen. */
export async function getStreaks(db: Database, options: StatsOptions): Promise<Streaks> {
  const scope = await resolveScope(db, options);
  const rows = await queryLocal(db, 'streaks', scope, { today: scope.range.today });
  return { range: scope.info, today: scope.range.today, ...toStreaks(rows) };
}

/** Sessions split by silences longer than the gap (default 30 minutes). */
export async function getSessions(db: Database, options: SessionOptions): Promise<Sessions> {
  const gapMinutes = options.gapMinutes ?? DEFAULT_GAP_MINUTES;
  if (!Number.isInteger(gapMinutes) || gapMinutes < 1 || gapMinutes > 1440) {
    throw new AppError(
      'INVALID_INPUT',
      `The session gap must be a whole number of minutes from 1 to 1440, not ${gapMinutes}.`,
    );
  }
  const scope = await resolveScope(db, options);
  const params = { ...scope.params, gap_ms: gapMinutes * 60_000 };
  // Quarter hours can stand for their listens when no session can break inside one.
  const [row] =
    mayReadRollups() && gapMinutes >= 15
      ? await withRollupReaders(db, () => {
          const pieces =
            gapMinutes === ROLLUP_SESSION_GAP_MINUTES ? 'kept_session_pieces' : 'quarter_session_pieces';
          return db.all(loadQueryOver('rollups/sessions-of-pieces', 'session_pieces', pieces), {
            ...params,
            quarters: Math.floor(gapMinutes / 15),
          });
        })
      : await db.all(loadQuery('sessions'), params);
  return { range: scope.info, gapMinutes, ...toSessions(row) };
}

/** Plays by source, platform, country or client, with shares. */
export async function getBreakdown(db: Database, options: BreakdownOptions): Promise<Breakdown> {
  if (!BREAKDOWN_FIELDS.includes(options.field)) {
    throw new AppError(
      'INVALID_INPUT',
      `Unknown field '${String(options.field)}': use ${BREAKDOWN_FIELDS.join(', ')}.`,
    );
  }
  const scope = await resolveScope(db, options);
  const params = { ...scope.params, field: options.field };
  const rows =
    (await fromWholeHistory(db, scope, [options.userId], () =>
      db.all(loadQuery('rollups/breakdown'), { user_id: options.userId, field: options.field }),
    )) ?? (await db.all(loadQuery('breakdown'), params));
  const entries = rows.map(toBreakdownEntry);
  return {
    range: scope.info,
    field: options.field,
    total: entries.reduce((sum, e) => sum + e.plays, 0),
    entries,
  };
}

/** Totals, distinct counts, first and last listen, and the top 5 artists. */
export async function getSummary(db: Database, options: StatsOptions): Promise<Summary> {
  const scope = await resolveScope(db, options);
  const [row] =
    (await fromWholeHistory(db, scope, [options.userId], () =>
      db.all(loadQuery('rollups/summary'), { user_id: options.userId }),
    )) ?? (await withGroupingSizedFor(db, scope, () => db.all(loadQuery('summary'), scope.params)));
  if (!row) throw new AppError('INTERNAL', 'The summary query returned no row.');
  const topRows = Array.isArray(row.top_artists) ? (row.top_artists as Record<string, unknown>[]) : [];
  return {
    range: scope.info,
    plays: num(row.plays, 'plays'),
    knownMs: num(row.known_ms, 'known_ms'),
    unknownTimePlays: num(row.unknown_plays, 'unknown_plays'),
    artists: num(row.artists, 'artists'),
    releases: num(row.releases, 'releases'),
    recordings: num(row.recordings, 'recordings'),
    firstListen: isoOrNull(row.first_listen, 'first_listen'),
    lastListen: isoOrNull(row.last_listen, 'last_listen'),
    topArtists: topRows.map((r, i) => ({
      rank: i + 1,
      id: num(r.id, 'id'),
      name: str(r.name, 'name'),
      mbid: strOrNull(r.mbid, 'mbid'),
      plays: num(r.plays, 'plays'),
    })),
  };
}

interface Scope {
  range: ResolvedRange;
  info: RangeInfo;
  /**
   * [from, to) as UTC epoch ms for SQL (whole ms, exact in a double for any year); open ends are
   * closed by the data's own span.
   */
  fromMs: number;
  toMs: number;
  params: Params;
}

/**
 * DuckDB groups by an integer column through a flat array ("perfect hash") when the column's value
 * range, from its statistics, fits in 2^perfect_ht_threshold slots (default 12 bits). Recording ids
 * need ~19 bits: over 10M listens the flat array is 2-3× faster than the general hash table, but it
 * is allocated, merged and scanned whole, so it only pays when the rows outnumber the slots about
 * twice (measured at 1M and 10M listens). Hence 2^(log2(rows) − 1) slots, 12 to 20 bits.
 * The setting belongs to the connection, which other modules share: it is restored afterwards.
 * It only ever changes speed, never results.
 */
async function withGroupingSizedFor<T>(db: Database, scope: Scope, work: () => Promise<T>): Promise<T> {
  // One connection for the SET, the work and the restore (the reader has several).
  return db.exclusive(async () => {
    const [row] = await db.all(loadQuery('count-listens'), scope.params);
    const rows = row ? num(row.listens, 'listens') : 0;
    const bits = Math.min(20, Math.max(12, Math.floor(Math.log2(Math.max(rows, 1))) - 1));
    const [previous] = await db.all("SELECT current_setting('perfect_ht_threshold') AS bits");
    await db.run(`SET perfect_ht_threshold = ${bits}`);
    try {
      return await work();
    } finally {
      await db.run(`SET perfect_ht_threshold = ${Number(previous?.bits ?? 12)}`);
    }
  });
}

/**
 * The range of `options` as every statistic resolves it: what it covers (for labels) and its
 * [from, to) in UTC epoch ms, open ends closed by the data's own span.
 */
export async function resolveStatsRange(
  db: Database,
  options: StatsOptions,
): Promise<{ info: RangeInfo; fromMs: number; toMs: number }> {
  const { info, fromMs, toMs } = await resolveScope(db, options);
  return { info, fromMs, toMs };
}

async function resolveScope(db: Database, options: StatsOptions): Promise<Scope> {
  if (!Number.isInteger(options.userId))
    throw new AppError('INVALID_INPUT', `Invalid user id ${options.userId}.`);
  const now =
    options.now === undefined
      ? Date.now()
      : typeof options.now === 'number'
        ? options.now
        : options.now.getTime();
  if (!Number.isFinite(now)) throw new AppError('INVALID_INPUT', 'Invalid "now" instant.');
  const range = resolveRange(options.range ?? 'all_time', options.tz ?? 'UTC', now);
  let fromMs = range.fromMs;
  let toMs = range.toMs;
  if (fromMs === null || toMs === null) {
    const [bounds] = await db.all(loadQuery('data-bounds'));
    const minMs = numOrNull(bounds?.min_ms, 'min_ms');
    const maxMs = numOrNull(bounds?.max_ms, 'max_ms');
    // No listens at all: an empty span that still satisfies from ≤ to. Open ends are widened to
    // whole hours (no listen lies in what that adds), so the rollups' hours answer for them.
    fromMs ??= Math.floor((minMs ?? toMs ?? 0) / HOUR_MS) * HOUR_MS;
    toMs ??= Math.ceil(Math.max(maxMs ?? fromMs, fromMs) / HOUR_MS) * HOUR_MS;
  }
  const info: RangeInfo = {
    spec: range.spec,
    tz: range.tz,
    from: range.fromMs === null ? null : new Date(range.fromMs).toISOString(),
    to: range.toMs === null ? null : new Date(range.toMs).toISOString(),
  };
  return { range, info, fromMs, toMs, params: { user_id: options.userId, from_ms: fromMs, to_ms: toMs } };
}

/**
 * Runs a query over local_listen_buckets for the scope's zone. From the rollups when the zone's
 * bucket grid is made of whole quarter hours: their hours (local-hour-buckets.sql) when the grid and
 * the range are made of whole hours too, else their quarters (local-quarter-buckets.sql). From the
 * listens (local-listen-buckets.sql) for the rare zone and years whose offsets are not whole quarters.
 */
async function queryLocal(db: Database, query: QueryName, scope: Scope, extra: Params) {
  const segments = offsetSegments(scope.range.tz, scope.fromMs, scope.toMs);
  const { widthMs, phaseMs } = bucketGrid(segments);
  // Congruent to the phase, and large enough that no bucket number is negative.
  const shiftMs = phaseMs - widthMs * Math.floor((scope.fromMs + phaseMs) / widthMs);
  // The first segment must start before the first bucket, which may begin up to one width early.
  const starts = segments.map((s, i) => (i === 0 ? scope.fromMs - widthMs - 1 : s.startMs));
  const params = {
    ...scope.params,
    width_ms: widthMs,
    shift_ms: shiftMs,
    segment_starts: starts.join(','),
    segment_offsets: segments.map((s) => s.offsetMs).join(','),
    ...extra,
  };
  const whole = (unit: number) =>
    widthMs % unit === 0 && phaseMs % unit === 0 && scope.fromMs % unit === 0 && scope.toMs % unit === 0;
  if (mayReadRollups() && widthMs % QUARTER_HOUR_MS === 0 && phaseMs % QUARTER_HOUR_MS === 0) {
    const buckets = whole(HOUR_MS) ? 'local_hour_buckets' : 'local_quarter_buckets';
    return withRollupReaders(db, async () => {
      await db.run(zoneOffsetMacro(segments));
      return db.all(loadQueryOver(query, 'local_listen_buckets', buckets), params);
    });
  }
  // Recreated each time (microseconds): a rolled-back transaction elsewhere must not lose it. The
  // macro and the query run on one connection (the reader has several).
  return db.exclusive(async () => {
    await db.run(loadQuery('local-listen-buckets'));
    return db.all(loadQuery(query), params);
  });
}

/**
 * zone_offset_ms(t): the zone's offset at UTC epoch ms t, as a CASE over the offset segments (numbers
 * this module computed, written into the macro). For the rollups' buckets it costs a few comparisons
 * a row, where the listens' query joins every bucket to its segment (ASOF JOIN).
 */
function zoneOffsetMacro(segments: readonly OffsetSegment[]): string {
  const [first, ...later] = segments;
  const whens = later
    .reverse()
    .map((s) => `WHEN t >= ${s.startMs} THEN ${s.offsetMs}`)
    .join(' ');
  const offset =
    whens === '' ? String(first?.offsetMs ?? 0) : `CASE ${whens} ELSE ${first?.offsetMs ?? 0} END`;
  return `CREATE OR REPLACE TEMP MACRO zone_offset_ms(t) AS ${offset}`;
}

function checkedLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new AppError(
      'INVALID_INPUT',
      `The limit must be a whole number from 1 to ${MAX_LIMIT}, not ${value}.`,
    );
  }
  return value;
}
