import { z } from 'zod';
import { ENTITY_KINDS, ENTITY_TOP, getEntity } from '../../stats/index.js';
import type { ApiPlugin } from './context.js';
import { errors, ListeningTime, Range, TopWithArtist, UserQuery } from './schemas.js';

const Time = ListeningTime;
const Top = TopWithArtist;
const EntityPage = z.object({
  user: z.string(),
  range: Range,
  kind: z.enum(ENTITY_KINDS),
  id: z.number().int(),
  name: z.string(),
  mbid: z.string().nullable(),
  artist: z.string().nullable().describe("a release's artist or a recording's credit; null for an artist"),
  plays: z.number().int(),
  share: z.number().describe("plays / the user's plays in the range"),
  firstListen: z.string().nullable(),
  lastListen: z.string().nullable(),
  months: z.array(z.object({ month: z.string(), plays: z.number().int(), knownMs: z.number() })),
  recordings: z.array(Top),
  releases: z.array(Top),
  sources: z.array(z.object({ source: z.string(), plays: z.number().int() })),
  ...Time,
});

/** /api/stats/entity/{kind}/{id}: one artist, release or recording, for its page. */
export const entityPlugin: ApiPlugin = (app, deps, done) => {
  const { reads, auth, now } = deps;
  app.get(
    '/stats/entity/:kind/:id',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'One artist, release or recording: plays over time, share, first and last listen, what is under it',
        params: z.object({ kind: z.enum(ENTITY_KINDS), id: z.coerce.number().int().min(1) }),
        querystring: UserQuery.extend({
          range: z.string().default('all_time').describe('as for every statistic (docs/statistics.md)'),
          tz: z.string().optional().describe("IANA zone for months (default: the user's own)"),
          limit: z.coerce.number().int().min(1).max(100).default(ENTITY_TOP),
        }),
        response: { 200: EntityPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await auth.readable(request, q.user);
      const page = await getEntity(reads.db, {
        userId: user.id,
        kind: request.params.kind,
        id: request.params.id,
        range: q.range,
        tz: q.tz ?? user.timeZone,
        now: now(),
        limit: q.limit,
      });
      return { user: user.name, ...page };
    },
  );
  done();
};
