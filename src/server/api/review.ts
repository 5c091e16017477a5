import { z } from 'zod';
import { compareUsers, FIRST_REVIEW_YEAR, getYearInReview, REVIEW_TOP } from '../../stats/index.js';
import type { ApiPlugin } from './context.js';
import {
  errors,
  ListeningTime,
  Range,
  Session,
  Streak,
  TopEntry,
  TopWithArtist,
  UserName,
  UserQuery,
} from './schemas.js';

const Time = ListeningTime;
const Top = TopEntry;

const YearInReview = z.object({
  user: z.string(),
  range: Range,
  year: z.number().int(),
  plays: z.number().int(),
  artists: z.number().int(),
  releases: z.number().int(),
  recordings: z.number().int(),
  activeDays: z.number().int(),
  top: z.object({
    artists: z.array(Top),
    releases: z.array(TopWithArtist),
    recordings: z.array(TopWithArtist),
  }),
  months: z.array(z.object({ month: z.string(), plays: z.number().int(), knownMs: z.number() })),
  topMonth: z.object({ month: z.string(), plays: z.number().int() }).nullable(),
  topHour: z.object({ hour: z.number().int(), plays: z.number().int() }).nullable(),
  topWeekday: z
    .object({ weekday: z.number().int().describe('0 = Monday'), plays: z.number().int() })
    .nullable(),
  newArtists: z.object({
    count: z.number().int(),
    top: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        mbid: z.string().nullable(),
        plays: z.number().int(),
        firstListen: z.string(),
      }),
    ),
  }),
  longestSession: Session.nullable(),
  longestStreak: Streak.nullable(),
  ...Time,
});

const ComparedArtist = z.object({
  id: z.number().int(),
  name: z.string(),
  mbid: z.string().nullable(),
  plays: z.number().int(),
  share: z.number(),
  otherPlays: z.number().int(),
  otherShare: z.number(),
});
const Comparison = z.object({
  user: z.string(),
  other: z.string(),
  range: Range,
  similarity: z.number().nullable().describe('cosine of the two artist play vectors, 0-1'),
  shared: z.object({ count: z.number().int(), top: z.array(ComparedArtist) }),
  onlyMine: z.array(ComparedArtist),
  onlyTheirs: z.array(ComparedArtist),
  artists: z.number().int(),
  otherArtists: z.number().int(),
});

const failures = errors(400, 401, 403, 404);
const Tz = z.string().optional().describe("IANA zone for days and hours (default: the user's own)");

/** /api/stats/year-in-review and /api/stats/compare: the statistics of src/stats/review.ts. */
export const reviewPlugin: ApiPlugin = (app, deps, done) => {
  const { reads, auth, now } = deps;
  const tags = ['statistics'];
  app.get(
    '/stats/year-in-review',
    {
      schema: {
        tags,
        summary: `A year in review: numbers, top ${REVIEW_TOP}s, busiest month and hour, artists discovered`,
        querystring: UserQuery.extend({
          year: z.coerce
            .number()
            .int()
            .min(FIRST_REVIEW_YEAR)
            .optional()
            .describe('calendar year in the zone (default: this year)'),
          tz: Tz,
        }),
        response: { 200: YearInReview, ...failures },
      },
    },
    async (request) => {
      const user = await auth.readable(request, request.query.user);
      const at = now();
      const tz = request.query.tz ?? user.timeZone;
      const year = request.query.year ?? new Date(at).getUTCFullYear();
      return {
        user: user.name,
        ...(await getYearInReview(reads.db, { userId: user.id, year, tz, now: at })),
      };
    },
  );
  app.get(
    '/stats/compare',
    {
      schema: {
        tags,
        summary: 'Two users compared: shared artists, a taste similarity, what each plays alone',
        querystring: UserQuery.extend({
          other: UserName.describe('the user to compare with (a public profile, or any for an admin)'),
          range: z.string().default('all_time').describe('as for every statistic (docs/statistics.md)'),
          tz: Tz,
          limit: z.coerce.number().int().min(1).max(100).default(REVIEW_TOP),
        }),
        response: { 200: Comparison, ...failures },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await auth.readable(request, q.user);
      const other = await auth.readable(request, q.other);
      const result = await compareUsers(reads.db, {
        userId: user.id,
        otherUserId: other.id,
        range: q.range,
        tz: q.tz ?? user.timeZone,
        now: now(),
        limit: q.limit,
      });
      return { user: user.name, other: other.name, ...result };
    },
  );
  done();
};
