import { z } from 'zod';
import { getShortPlays, SHORT_PLAY_MS } from '../../stats/index.js';
import type { ApiPlugin } from './context.js';
import { errors, Range, UserQuery } from './schemas.js';

const ShortPlays = z.object({
  user: z.string(),
  range: Range,
  plays: z.number().int().describe('every play in the range'),
  timed: z.number().int().describe('plays whose source reported the time played (only these can be short)'),
  short: z
    .number()
    .int()
    .describe(`timed plays under ${SHORT_PLAY_MS / 1000} s or under half the track's length`),
  share: z.number().nullable().describe('short / timed; null when no play was timed'),
});

/** /api/stats/short-plays: the nearest the store comes to skips (it keeps no skip flag). */
export const shortPlaysPlugin: ApiPlugin = (app, deps, done) => {
  const { reads, auth, now } = deps;
  app.get(
    '/stats/short-plays',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'Short plays (likely skips): under 30 s or under half the track, of the plays with a time played',
        querystring: UserQuery.extend({
          range: z.string().default('all_time').describe('as for every statistic (docs/statistics.md)'),
          tz: z.string().optional().describe("IANA zone for days (default: the user's own)"),
        }),
        response: { 200: ShortPlays, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await auth.readable(request, q.user);
      const answer = await getShortPlays(reads.db, {
        userId: user.id,
        range: q.range,
        tz: q.tz ?? user.timeZone,
        now: now(),
      });
      return { user: user.name, ...answer };
    },
  );
  done();
};
