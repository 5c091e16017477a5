import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  getActivity,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
  type TopOptions,
} from '../../stats/index.js';
import type { Database } from '../../store/database.js';

/**
 * ListenBrainz's calendar ranges as FROM..TO days of listenhouse's statistics, in UTC as ListenBrainz
 * computes them: `this_*` up to today, `week`/`month`/`year` the last complete one.
 */
export function listenBrainzRange(range: string, nowMs: number): string | null {
  const d = new Date(nowMs);
  const day = (y: number, m: number, dd: number) => new Date(Date.UTC(y, m, dd)).toISOString().slice(0, 10);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const today = day(y, m, d.getUTCDate());
  const monday = d.getUTCDate() - ((d.getUTCDay() + 6) % 7);
  switch (range) {
    case 'all_time':
      return 'all_time';
    case 'this_week':
      return `${day(y, m, monday)}..${today}`;
    case 'this_month':
      return `${day(y, m, 1)}..${today}`;
    case 'this_year':
      return `${day(y, 0, 1)}..${today}`;
    case 'week':
      return `${day(y, m, monday - 7)}..${day(y, m, monday - 1)}`;
    case 'month':
      return `${day(y, m - 1, 1)}..${day(y, m, 0)}`;
    case 'year':
      return `${day(y - 1, 0, 1)}..${day(y - 1, 11, 31)}`;
    default:
      return null;
  }
}

const RANGES = ['this_week', 'this_month', 'this_year', 'week', 'month', 'year', 'all_time'];

interface StatsQuery {
  range?: string;
  count?: string;
  offset?: string;
}

/** `/1/stats/user/<name>/…`: the same statistics as `listenhouse stats`, in ListenBrainz's shapes. */
export function registerListenBrainzStatsRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    now: () => number;
    /** The profile named in the path, when the request may read it (else the reply is sent). */
    canRead: (
      request: FastifyRequest<{ Params: { user: string } }>,
      reply: FastifyReply,
    ) => Promise<{ id: number; name: string } | null>;
  },
): void {
  const { db } = deps;

  async function context(
    request: FastifyRequest<{ Params: { user: string }; Querystring: StatsQuery }>,
    reply: FastifyReply,
  ) {
    const query = request.query;
    const user = await deps.canRead(request, reply);
    if (!user) return null;
    const rangeName = query.range ?? 'all_time';
    const range = listenBrainzRange(rangeName, deps.now());
    if (!range) {
      await reply
        .code(400)
        .send({ code: 400, error: `Invalid range: ${rangeName}. Use one of ${RANGES.join(', ')}.` });
      return null;
    }
    const count = Math.min(Math.max(Number(query.count ?? 25) || 25, 1), 1000);
    const offset = Math.max(Number(query.offset ?? 0) || 0, 0);
    return { user, rangeName, range, count, offset };
  }

  const base = (
    c: { user: { name: string }; rangeName: string; count: number; offset: number },
    from: string | null,
    to: string | null,
  ) => ({
    user_id: c.user.name,
    range: c.rangeName,
    count: c.count,
    offset: c.offset,
    from_ts: from ? Math.floor(Date.parse(from) / 1000) : 0,
    to_ts: to ? Math.floor(Date.parse(to) / 1000) : Math.floor(deps.now() / 1000),
    last_updated: Math.floor(deps.now() / 1000),
  });

  /** The three top lists differ only in the statistic and the names ListenBrainz gives the fields. */
  const topLists = {
    artists: async (o: TopOptions) => {
      const top = await getTopArtists(db, o);
      return {
        range: top.range,
        rows: top.entries.map((a) => ({ artist_name: a.name, artist_mbid: a.mbid, listen_count: a.plays })),
      };
    },
    releases: async (o: TopOptions) => {
      const top = await getTopReleases(db, o);
      return {
        range: top.range,
        rows: top.entries.map((r) => ({
          release_name: r.name,
          release_mbid: r.mbid,
          artist_name: r.artist,
          listen_count: r.plays,
        })),
      };
    },
    recordings: async (o: TopOptions) => {
      const top = await getTopRecordings(db, o);
      return {
        range: top.range,
        rows: top.entries.map((r) => ({
          track_name: r.name,
          recording_mbid: r.mbid,
          artist_name: r.artist,
          listen_count: r.plays,
        })),
      };
    },
  };
  for (const [name, list] of Object.entries(topLists)) {
    app.get<{ Params: { user: string }; Querystring: StatsQuery }>(
      `/1/stats/user/:user/${name}`,
      async (request, reply) => {
        const c = await context(request, reply);
        if (!c) return reply;
        const options = { userId: c.user.id, range: c.range, limit: c.offset + c.count, now: deps.now() };
        const { range, rows } = await list(options);
        return { payload: { ...base(c, range.from, range.to), [name]: rows.slice(c.offset) } };
      },
    );
  }

  app.get<{ Params: { user: string }; Querystring: StatsQuery }>(
    '/1/stats/user/:user/listening-activity',
    async (request, reply) => {
      const c = await context(request, reply);
      if (!c) return reply;
      const period = c.rangeName.endsWith('week')
        ? 'day'
        : c.rangeName.endsWith('month')
          ? 'day'
          : c.rangeName === 'all_time'
            ? 'year'
            : 'month';
      const activity = await getActivity(db, { userId: c.user.id, range: c.range, period, now: deps.now() });
      const listening_activity = activity.buckets.map((b) => ({
        time_range: b.start,
        from_ts: Math.floor(Date.parse(`${b.start}T00:00:00Z`) / 1000),
        listen_count: b.plays,
      }));
      return { payload: { ...base(c, activity.range.from, activity.range.to), listening_activity } };
    },
  );
}
