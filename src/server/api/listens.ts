import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { findListen, listListenPage } from '../../store/listen-repository.js';
import type { ApiPlugin } from './context.js';
import { errors, Listen, UserQuery } from './schemas.js';

const MAX_PAGE = 1000;

/** ISO-8601 date or instant, or epoch seconds. */
const Instant = z
  .string()
  .transform((s, ctx) => {
    const ms = /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
    if (Number.isNaN(ms)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${s}" is not a time: use ISO-8601 (2024-05-01 or 2024-05-01T12:00:00Z) or epoch seconds`,
      });
      return z.NEVER;
    }
    return ms;
  })
  .pipe(z.number());

const ListenQuery = UserQuery.extend({
  from: Instant.optional().describe('first instant included: ISO-8601 or epoch seconds'),
  to: Instant.optional().describe('first instant after the page range (exclusive)'),
  artist: z.string().min(1).optional().describe('any credited artist, by name (case and accents ignored)'),
  release: z.string().min(1).optional().describe('release title (case ignored)'),
  track: z.string().min(1).optional().describe('track title (case ignored)'),
  artistId: z.coerce.number().int().positive().optional(),
  releaseId: z.coerce.number().int().positive().optional(),
  recordingId: z.coerce.number().int().positive().optional(),
  source: z.string().min(1).optional().describe('first source: listenbrainz, spotify, lastfm, lastfm-1k, …'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
  before: z.string().optional().describe('the `next` cursor of the previous page'),
});

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** /api/listens: the history, paged newest first and filtered; one listen; (delete and edit: see below). */
export const listensPlugin: ApiPlugin = (app, deps, done) => {
  app.get(
    '/listens',
    {
      schema: {
        tags: ['listens'],
        summary: 'Listens, newest first, paged and filtered',
        querystring: ListenQuery,
        response: {
          200: z.object({
            user: z.string(),
            total: z.number().int().describe('listens matching the filters, in all pages'),
            next: z.string().nullable().describe('pass as `before` for the next page; null on the last'),
            listens: z.array(Listen),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await deps.auth.readable(request, q.user);
      if (q.from !== undefined && q.to !== undefined && q.from >= q.to)
        throw new AppError('INVALID_INPUT', `from must be before to (from ${q.from}, to ${q.to}).`);
      const page = await listListenPage(
        deps.reads,
        {
          userId: user.id,
          fromMs: q.from,
          toMs: q.to,
          artist: q.artist,
          release: q.release,
          track: q.track,
          artistId: q.artistId,
          releaseId: q.releaseId,
          recordingId: q.recordingId,
          source: q.source,
        },
        { limit: q.limit, ...(q.before !== undefined ? { before: q.before } : {}) },
      );
      return { user: user.name, ...page };
    },
  );

  app.get(
    '/listens/:id',
    {
      schema: {
        tags: ['listens'],
        summary: 'One listen',
        params: IdParams,
        querystring: UserQuery,
        response: { 200: Listen, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await deps.auth.readable(request, request.query.user);
      const listen = await findListen(deps.reads, user.id, request.params.id);
      if (!listen) throw new AppError('NOT_FOUND', `${user.name} has no listen ${request.params.id}.`);
      return listen;
    },
  );
  done();
};
