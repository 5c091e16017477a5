// `/1/stats/user/<name>/…` (reference §1.6): listenhouse's statistics in ListenBrainz's shapes and
// ranges. ListenBrainz precomputes them daily and bounds its ranges by the newest listen it has;
// listenhouse computes them on request, so they include every listen up to now, and the calendar is
// the wall clock's, in UTC as ListenBrainz's is.
import { MONTH_NAMES } from '../../domain/time-zone.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  getActivity,
  getEntityCounts,
  getListeningClock,
  getTopArtists,
  getTopRecordings,
  getTopReleaseGroups,
  getTopReleases,
  type ActivityPeriod,
  type EntityCounts,
  type RangeInfo,
  type TopEntry,
  type TopOptions,
} from '../../stats/index.js';
import type { Store } from '../../store/index.js';
import { lbError, type Access } from './access.js';

export const STATS_RANGES = [
  'this_week',
  'this_month',
  'this_year',
  'week',
  'month',
  'quarter',
  'half_yearly',
  'year',
  'all_time',
] as const;
export type StatsRange = (typeof STATS_RANGES)[number];

const isStatsRange = (value: string): value is StatsRange =>
  (STATS_RANGES as readonly string[]).includes(value);

const MAX_ITEMS_PER_GET = 1000;
const DEFAULT_ITEMS_PER_GET = 25;
/** ListenBrainz starts all_time at Last.fm's founding year. */
const ALL_TIME_FROM_TS = Date.UTC(2002, 0, 1) / 1000;
const DAY_MS = 86_400_000;

const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** First and last UTC day (inclusive) of a range at `nowMs`; null for all_time. */
export function statsRangeDays(range: StatsRange, nowMs: number): { first: string; last: string } | null {
  const d = new Date(nowMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const today = utcDay(y, m, d.getUTCDate());
  const monday = d.getUTCDate() - ((d.getUTCDay() + 6) % 7);
  const quarter = Math.floor(m / 3) * 3;
  const half = Math.floor(m / 6) * 6;
  switch (range) {
    case 'all_time':
      return null;
    case 'this_week':
      return { first: utcDay(y, m, monday), last: today };
    case 'this_month':
      return { first: utcDay(y, m, 1), last: today };
    case 'this_year':
      return { first: utcDay(y, 0, 1), last: today };
    // The last complete calendar period before today's: weeks start on Monday.
    case 'week':
      return { first: utcDay(y, m, monday - 7), last: utcDay(y, m, monday - 1) };
    case 'month':
      return { first: utcDay(y, m - 1, 1), last: utcDay(y, m, 0) };
    case 'quarter':
      return { first: utcDay(y, quarter - 3, 1), last: utcDay(y, quarter, 0) };
    case 'half_yearly':
      return { first: utcDay(y, half - 6, 1), last: utcDay(y, half, 0) };
    case 'year':
      return { first: utcDay(y - 1, 0, 1), last: utcDay(y - 1, 11, 31) };
  }
}

/** The range as listenhouse's statistics take it: all_time or FROM..TO days. */
export function listenBrainzRange(range: StatsRange, nowMs: number): string {
  const days = statsRangeDays(range, nowMs);
  return days ? `${days.first}..${days.last}` : 'all_time';
}

interface ActivitySpan {
  /** FROM..TO days, or all_time. */
  range: string;
  period: ActivityPeriod;
  /** Buckets of this many days from the span's start, summed from daily ones (quarter: weeks). */
  foldDays?: number;
  label: (day: Date) => string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const dd = (d: Date) => String(d.getUTCDate()).padStart(2, '0');
const dayLabel = (d: Date) => `${dd(d)} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const weekdayLabel = (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${dayLabel(d)}`;
const monthLabel = (d: Date) => `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const yearLabel = (d: Date) => String(d.getUTCFullYear());

/**
 * What listening-activity covers: the range's period and the one before it, so the two can be
 * compared (ListenBrainz's Spark job): days for weeks and months, weeks for quarters, months for
 * half years and years, years for all_time.
 */
export function activitySpan(range: StatsRange, nowMs: number): ActivitySpan {
  const d = new Date(nowMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const today = utcDay(y, m, d.getUTCDate());
  const monday = d.getUTCDate() - ((d.getUTCDay() + 6) % 7);
  const span = (first: string, last: string) => `${first}..${last}`;
  switch (range) {
    case 'all_time':
      return { range: 'all_time', period: 'year', label: yearLabel };
    case 'this_week':
      return { range: span(utcDay(y, m, monday - 7), today), period: 'day', label: weekdayLabel };
    case 'week':
      return {
        range: span(utcDay(y, m, monday - 14), utcDay(y, m, monday - 1)),
        period: 'day',
        label: weekdayLabel,
      };
    case 'this_month':
      return { range: span(utcDay(y, m - 1, 1), today), period: 'day', label: dayLabel };
    case 'month':
      return { range: span(utcDay(y, m - 2, 1), utcDay(y, m, 0)), period: 'day', label: dayLabel };
    case 'quarter': {
      const quarter = Math.floor(m / 3) * 3;
      return {
        range: span(utcDay(y, quarter - 6, 1), utcDay(y, quarter, 0)),
        period: 'day',
        foldDays: 7,
        label: dayLabel,
      };
    }
    case 'half_yearly': {
      const half = Math.floor(m / 6) * 6;
      return { range: span(utcDay(y, half - 12, 1), utcDay(y, half, 0)), period: 'month', label: monthLabel };
    }
    case 'this_year':
      return { range: span(utcDay(y - 1, 0, 1), today), period: 'month', label: monthLabel };
    case 'year':
      return { range: span(utcDay(y - 2, 0, 1), utcDay(y - 1, 11, 31)), period: 'month', label: monthLabel };
  }
}

interface StatsQuery {
  range?: string;
  count?: string;
  offset?: string;
}

type StatsRequest = FastifyRequest<{ Params: { user: string }; Querystring: StatsQuery }>;

/** A query parameter as ListenBrainz's get_non_negative_param reads it. */
function nonNegative(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined) return fallback;
  return /^\s*\+?\d+\s*$/.test(raw) ? Number(raw) : null;
}

const epochS = (iso: string | null, fallback: number) =>
  iso ? Math.floor(Date.parse(iso) / 1000) : fallback;

/** `/1/stats/user/<name>/…`: the same statistics as `listenhouse stats`, in ListenBrainz's shapes. */
export function registerListenBrainzStatsRoutes(
  app: FastifyInstance,
  deps: { store: Store; now: () => number; access: Access },
): void {
  const { store, access } = deps;

  /** The user and range of a stats request, or null when the error reply is sent. */
  async function context(request: StatsRequest, reply: FastifyReply) {
    const user = await access.readable(request.params.user, request, reply);
    if (!user) return null;
    const rangeName = request.query.range ?? 'all_time';
    if (!isStatsRange(rangeName)) {
      await lbError(reply, 400, `Invalid range: ${rangeName}`);
      return null;
    }
    return { user, rangeName };
  }

  /** from_ts, to_ts and last_updated of a payload: the range's bounds, never past now. */
  function times(range: RangeInfo) {
    const now = Math.floor(deps.now() / 1000);
    return {
      from_ts: epochS(range.from, ALL_TIME_FROM_TS),
      to_ts: Math.min(epochS(range.to, now), now),
      last_updated: now,
    };
  }

  /** Each top list: its statistic, its total, and the names ListenBrainz gives its fields. */
  const topLists = {
    artists: {
      total: (c: EntityCounts) => c.artists,
      totalKey: 'total_artist_count',
      list: getTopArtists,
      item: (e: TopEntry) => ({ artist_name: e.name, artist_mbid: e.mbid, listen_count: e.plays }),
    },
    releases: {
      total: (c: EntityCounts) => c.releases,
      totalKey: 'total_release_count',
      list: getTopReleases,
      item: (e: TopEntry & { artist: string }, artistMbids: string[]) => ({
        release_name: e.name,
        release_mbid: e.mbid,
        artist_name: e.artist,
        artist_mbids: artistMbids,
        listen_count: e.plays,
      }),
    },
    'release-groups': {
      total: (c: EntityCounts) => c.releaseGroups,
      totalKey: 'total_release_group_count',
      list: getTopReleaseGroups,
      item: (e: TopEntry & { artist: string }, artistMbids: string[]) => ({
        release_group_name: e.name,
        release_group_mbid: e.mbid,
        artist_name: e.artist,
        artist_mbids: artistMbids,
        listen_count: e.plays,
      }),
    },
    recordings: {
      total: (c: EntityCounts) => c.recordings,
      totalKey: 'total_recording_count',
      list: getTopRecordings,
      item: (e: TopEntry & { artist: string }, artistMbids: string[]) => ({
        track_name: e.name,
        recording_mbid: e.mbid,
        artist_name: e.artist,
        artist_mbids: artistMbids,
        listen_count: e.plays,
      }),
    },
  } as const;

  for (const [path, stat] of Object.entries(topLists)) {
    // The payload key: release-groups → release_groups.
    const key = path.replace('-', '_');
    app.get<{ Params: { user: string }; Querystring: StatsQuery }>(
      `/1/stats/user/:user/${path}`,
      async (request, reply) => {
        const c = await context(request, reply);
        if (!c) return reply;
        const offset = nonNegative(request.query.offset, 0);
        if (offset === null) return lbError(reply, 400, "'offset' should be a non-negative integer");
        const requested = nonNegative(request.query.count, DEFAULT_ITEMS_PER_GET);
        if (requested === null) return lbError(reply, 400, "'count' should be a non-negative integer");
        const count = Math.min(requested, MAX_ITEMS_PER_GET);
        const now = deps.now();
        const range = listenBrainzRange(c.rangeName, now);
        const counts = await getEntityCounts(store.db, { userId: c.user.id, range, now });
        const total = stat.total(counts);
        // ListenBrainz answers 204 while a user has no statistics for the range.
        if (total === 0) return reply.code(204).send();
        // Like ListenBrainz, only the top 1000 are ranked: pages past them are empty.
        const limit = Math.min(offset + count, MAX_ITEMS_PER_GET);
        const options: TopOptions = { userId: c.user.id, range, limit, now };
        const entries = limit > offset ? (await stat.list(store.db, options)).entries.slice(offset) : [];
        // `artist_mbids` from the catalogue; a release group's entry is one of its releases.
        const mbids =
          path === 'artists'
            ? new Map<number, string[]>()
            : await store.catalogue.artistMbids(
                path === 'recordings' ? 'recordings' : 'releases',
                entries.map((e) => e.id),
              );
        const items = entries.map((e) =>
          stat.item(e as TopEntry & { artist: string }, mbids.get(e.id) ?? []),
        );
        return {
          payload: {
            user_id: c.user.name,
            [key]: items,
            count: items.length,
            [stat.totalKey]: total,
            offset,
            range: c.rangeName,
            ...times(counts.range),
          },
        };
      },
    );
  }

  app.get<{ Params: { user: string }; Querystring: StatsQuery }>(
    '/1/stats/user/:user/listening-activity',
    async (request, reply) => {
      const c = await context(request, reply);
      if (!c) return reply;
      const now = deps.now();
      const span = activitySpan(c.rangeName, now);
      const activity = await getActivity(store.db, {
        userId: c.user.id,
        range: span.range,
        period: span.period,
        now,
      });
      if (!activity.buckets.some((b) => b.plays > 0)) return reply.code(204).send();
      let buckets = activity.buckets.map((b) => ({
        start: Date.parse(`${b.start}T00:00:00Z`),
        plays: b.plays,
      }));
      if (span.foldDays) {
        const width = span.foldDays * DAY_MS;
        const first = buckets[0]?.start ?? 0;
        const folded = new Map<number, number>();
        for (const b of buckets) {
          const start = first + Math.floor((b.start - first) / width) * width;
          folded.set(start, (folded.get(start) ?? 0) + b.plays);
        }
        buckets = [...folded].map(([start, plays]) => ({ start, plays }));
      }
      // all_time lists only the years with listens, as ListenBrainz does.
      if (c.rangeName === 'all_time') buckets = buckets.filter((b) => b.plays > 0);
      const next = (start: number) => {
        const d = new Date(start);
        if (span.foldDays) return start + span.foldDays * DAY_MS;
        if (span.period === 'day') return start + DAY_MS;
        if (span.period === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
      };
      const listening_activity = buckets.map((b) => ({
        from_ts: b.start / 1000,
        to_ts: next(b.start) / 1000 - 1,
        time_range: span.label(new Date(b.start)),
        listen_count: b.plays,
      }));
      return {
        payload: {
          user_id: c.user.name,
          listening_activity,
          range: c.rangeName,
          ...times(activity.range),
        },
      };
    },
  );

  app.get<{ Params: { user: string }; Querystring: StatsQuery }>(
    '/1/stats/user/:user/daily-activity',
    async (request, reply) => {
      const c = await context(request, reply);
      if (!c) return reply;
      const now = deps.now();
      // Hours and weekdays in UTC, as ListenBrainz counts them.
      const clock = await getListeningClock(store.db, {
        userId: c.user.id,
        range: listenBrainzRange(c.rangeName, now),
        tz: 'UTC',
        now,
      });
      if (clock.total === 0) return reply.code(204).send();
      // plays[0] is Monday; ListenBrainz lists the days from Monday too.
      const daily_activity = Object.fromEntries(
        clock.plays.map((hours, weekday) => [
          WEEKDAYS[(weekday + 1) % 7]!,
          hours.map((listen_count, hour) => ({ hour, listen_count })),
        ]),
      );
      return {
        payload: { user_id: c.user.name, daily_activity, range: c.rangeName, ...times(clock.range) },
      };
    },
  );
}
