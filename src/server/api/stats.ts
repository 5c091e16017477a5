import { z } from 'zod';
import {
  ACTIVITY_PERIODS,
  BREAKDOWN_FIELDS,
  DEFAULT_GAP_MINUTES,
  DEFAULT_LIMIT,
  LEADER_ENTITIES,
  LEADER_PERIODS,
  MAX_LEADERS,
  MAX_LIMIT,
  getActivity,
  getBreakdown,
  getLeaders,
  getListeningClock,
  getSessions,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleases,
} from '../../stats/index.js';
import type { ApiPlugin } from './context.js';
import {
  errors,
  ListeningTime,
  Range,
  Session,
  Streak,
  TopEntry as SharedTopEntry,
  UserQuery,
} from './schemas.js';

const StatsQuery = UserQuery.extend({
  range: z
    .string()
    .default('all_time')
    .describe('week | month | year (rolling, today included) | all_time | FROM..TO (see docs/statistics.md)'),
  tz: z.string().optional().describe("IANA zone for days and hours (default: the user's own)"),
});

const TopQuery = StatsQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  by: z.enum(['plays', 'time']).default('plays'),
  compare: z
    .enum(['previous'])
    .optional()
    .describe(
      'previous: also rank the period of the same length just before the range; entries get previousRank',
    ),
});

const Time = ListeningTime;
const TopEntry = SharedTopEntry.extend({
  previousRank: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe(
      "with compare=previous: the rank in the previous period; null when not in that period's top 1000",
    ),
});
const TopWithArtist = TopEntry.extend({ artist: z.string() });
const topList = <T extends z.ZodType>(entry: T) =>
  z.object({
    user: z.string(),
    range: Range,
    by: z.enum(['plays', 'time']),
    limit: z.number().int(),
    entries: z.array(entry),
    previous: Range.nullable()
      .optional()
      .describe('with compare=previous: the period compared with; null for a range open on a side'),
  });
const Leaders = z.object({
  user: z.string(),
  range: Range,
  entity: z.enum(LEADER_ENTITIES),
  by: z.enum(['plays', 'time']),
  period: z.enum(LEADER_PERIODS),
  limit: z.number().int(),
  periods: z
    .array(
      z.object({
        start: z.string().describe("the period's first local day"),
        entries: z.array(
          z.object({
            rank: z.number().int(),
            id: z.number().int(),
            name: z.string(),
            artist: z.string().nullable().describe("the release's artist or the recording's credit"),
            plays: z.number().int(),
            knownMs: z.number(),
          }),
        ),
      }),
    )
    .describe('oldest first; periods without listens are left out'),
});

const Summary = z.object({
  user: z.string(),
  range: Range,
  plays: z.number().int(),
  artists: z.number().int(),
  releases: z.number().int(),
  recordings: z.number().int(),
  firstListen: z.string().nullable(),
  lastListen: z.string().nullable(),
  topArtists: z.array(TopEntry.pick({ rank: true, id: true, name: true, mbid: true, plays: true })),
  ...Time,
});
const Activity = z.object({
  user: z.string(),
  range: Range,
  period: z.enum(['day', 'week', 'month', 'year']),
  buckets: z.array(z.object({ start: z.string(), plays: z.number().int(), ...Time })),
});
const Clock = z.object({
  user: z.string(),
  range: Range,
  plays: z.array(z.array(z.number().int())).describe('plays[weekday][hour]; weekday 0 = Monday'),
  total: z.number().int(),
  peak: z.object({ weekday: z.number().int(), hour: z.number().int(), plays: z.number().int() }).nullable(),
});
const Sessions = z.object({
  user: z.string(),
  range: Range,
  gapMinutes: z.number(),
  count: z.number().int(),
  listens: z.object({ mean: z.number(), median: z.number() }).nullable(),
  minutes: z.object({ mean: z.number(), median: z.number() }).nullable(),
  longest: Session.nullable(),
});
const Streaks = z.object({
  user: z.string(),
  range: Range,
  today: z.string(),
  current: Streak.nullable(),
  longest: Streak.nullable(),
  activeDays: z.number().int(),
});
const Breakdown = z.object({
  user: z.string(),
  range: Range,
  field: z.enum(BREAKDOWN_FIELDS),
  total: z.number().int(),
  entries: z.array(z.object({ value: z.string(), plays: z.number().int(), share: z.number() })),
});

const failures = errors(400, 401, 403, 404);

/** /api/stats/*: every statistic of src/stats, for the token's user or a readable one. */
export const statsPlugin: ApiPlugin = (app, deps, done) => {
  const { reads, auth, now } = deps;
  /** The common options: whose, which range, which zone (the user's own by default). */
  async function base(request: Parameters<typeof auth.readable>[0], q: z.infer<typeof StatsQuery>) {
    const user = await auth.readable(request, q.user);
    return {
      user: user.name,
      options: { userId: user.id, range: q.range, tz: q.tz ?? user.timeZone, now: now() },
    };
  }
  const tags = ['statistics'];

  app.get(
    '/stats/summary',
    {
      schema: {
        tags,
        summary: 'Plays, time, distinct artists/releases/recordings, top 5 artists',
        querystring: StatsQuery,
        response: { 200: Summary, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      return { user, ...(await getSummary(reads.db, options)) };
    },
  );
  for (const [path, fn, entry, summary] of [
    ['artists', getTopArtists, TopEntry, 'Top artists (every credited artist counts)'],
    ['releases', getTopReleases, TopWithArtist, 'Top releases'],
    ['recordings', getTopRecordings, TopWithArtist, 'Top recordings'],
  ] as const) {
    app.get(
      `/stats/${path}`,
      { schema: { tags, summary, querystring: TopQuery, response: { 200: topList(entry), ...failures } } },
      async (request) => {
        const { user, options } = await base(request, request.query);
        return {
          user,
          ...(await fn(reads.db, {
            ...options,
            limit: request.query.limit,
            by: request.query.by,
            compare: request.query.compare === 'previous',
          })),
        };
      },
    );
  }
  app.get(
    '/stats/leaders',
    {
      schema: {
        tags,
        summary: 'The top artists, releases or recordings of each month or year (who led when)',
        querystring: StatsQuery.extend({
          entity: z.enum(LEADER_ENTITIES).default('artists'),
          period: z
            .enum(LEADER_PERIODS)
            .optional()
            .describe('local months or years; default month up to ~3 years of range, else year'),
          by: z.enum(['plays', 'time']).default('plays'),
          limit: z.coerce.number().int().min(1).max(MAX_LEADERS).default(DEFAULT_LIMIT),
        }),
        response: { 200: Leaders, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      const { entity, period, by, limit } = request.query;
      return {
        user,
        ...(await getLeaders(reads.db, { ...options, entity, by, limit, ...(period ? { period } : {}) })),
      };
    },
  );
  app.get(
    '/stats/activity',
    {
      schema: {
        tags,
        summary: 'Plays and time per day, week (from Monday), month or year; empty buckets included',
        querystring: StatsQuery.extend({
          period: z.enum(ACTIVITY_PERIODS as ['day', 'week', 'month', 'year']).optional(),
        }),
        response: { 200: Activity, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      const period = request.query.period;
      return { user, ...(await getActivity(reads.db, period ? { ...options, period } : options)) };
    },
  );
  app.get(
    '/stats/clock',
    {
      schema: {
        tags,
        summary: 'Plays per weekday × hour of day',
        querystring: StatsQuery,
        response: { 200: Clock, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      return { user, ...(await getListeningClock(reads.db, options)) };
    },
  );
  app.get(
    '/stats/sessions',
    {
      schema: {
        tags,
        summary: 'Listening sessions: a silence longer than `gap` minutes ends one',
        querystring: StatsQuery.extend({
          gap: z.coerce.number().int().min(1).max(1440).default(DEFAULT_GAP_MINUTES),
        }),
        response: { 200: Sessions, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      return { user, ...(await getSessions(reads.db, { ...options, gapMinutes: request.query.gap })) };
    },
  );
  app.get(
    '/stats/streaks',
    {
      schema: {
        tags,
        summary: 'Current and longest run of days with a listen',
        querystring: StatsQuery,
        response: { 200: Streaks, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      return { user, ...(await getStreaks(reads.db, options)) };
    },
  );
  app.get(
    '/stats/breakdown',
    {
      schema: {
        tags,
        summary: 'Plays by source, platform, country or client',
        querystring: StatsQuery.extend({ field: z.enum(BREAKDOWN_FIELDS).default('source') }),
        response: { 200: Breakdown, ...failures },
      },
    },
    async (request) => {
      const { user, options } = await base(request, request.query);
      return { user, ...(await getBreakdown(reads.db, { ...options, field: request.query.field })) };
    },
  );
  done();
};
