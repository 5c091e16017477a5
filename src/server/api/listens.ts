import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { editListen } from '../../ingest/edit-service.js';
import { addDays, startOfLocalDay } from '../../stats/time-zone.js';
import type { ApiPlugin } from './context.js';
import { errors, Listen, UserQuery } from './schemas.js';

const MAX_PAGE = 1000;

/** ISO-8601 date or instant, or epoch seconds. */
export const Instant = z
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

/** A calendar day, YYYY-MM-DD. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a day as YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'no such day');

const ListenQuery = UserQuery.extend({
  from: Instant.optional().describe('first instant included: ISO-8601 or epoch seconds'),
  to: Instant.optional().describe('first instant after the page range (exclusive)'),
  fromDay: Day.optional().describe("first day included (YYYY-MM-DD), from its midnight in the user's zone"),
  toDay: Day.optional().describe("last day included (YYYY-MM-DD), to its end in the user's zone"),
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

/** Of two optional bounds, the one `pick` (Math.max or Math.min) chooses; either when one is missing. */
function tighter(pick: (a: number, b: number) => number, a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : pick(a, b);
}

/** Listens one bulk delete may name: a page selection, or a few pages. */
export const MAX_BULK_DELETE = 1000;

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** /api/listens: the history, paged newest first and filtered; one listen; correct or delete one. */
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
            timeZone: z.string().describe("the user's zone: the one fromDay and toDay are read in"),
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
      // A day bound and an instant bound together: the later start and the earlier end.
      const midnight = (day: string | undefined, plus: number) =>
        day === undefined ? undefined : startOfLocalDay(user.timeZone, addDays(day, plus));
      const fromMs = tighter(Math.max, q.from, midnight(q.fromDay, 0));
      const toMs = tighter(Math.min, q.to, midnight(q.toDay, 1));
      if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
        throw new AppError('INVALID_INPUT', `from must be before to (from ${fromMs}, to ${toMs}).`);
      const page = await deps.reads.listens.page(
        {
          userId: user.id,
          fromMs,
          toMs,
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
      return { user: user.name, timeZone: user.timeZone, ...page };
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
      const listen = await deps.reads.listens.find(user.id, request.params.id);
      if (!listen) throw new AppError('NOT_FOUND', `${user.name} has no listen ${request.params.id}.`);
      return listen;
    },
  );
  app.delete(
    '/listens/:id',
    {
      schema: {
        tags: ['listens'],
        summary: 'Delete a listen (committed when the answer arrives)',
        description:
          'Removes the listen and the further sources merged into it. Nothing remembers the deletion: ' +
          'importing the same play again stores it again.',
        params: IdParams,
        querystring: UserQuery,
        response: { 200: z.object({ deleted: z.number().int() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await deps.auth.writable(request, request.query.user);
      const deleted = await deps.store.listens.delete(user.id, [BigInt(request.params.id)]);
      if (deleted === 0) throw new AppError('NOT_FOUND', `${user.name} has no listen ${request.params.id}.`);
      return { deleted };
    },
  );

  app.post(
    '/listens/delete',
    {
      schema: {
        tags: ['listens'],
        summary: 'Delete many listens at once (one transaction; committed when the answer arrives)',
        description:
          'Removes the listens of the user with these ids and the further sources merged into them. Ids ' +
          'that are not theirs are left alone and listed in `missing`, so a selection made on a stale page ' +
          'deletes what is still there and says what was not.',
        querystring: UserQuery,
        body: z.object({
          ids: z
            .array(z.number().int().min(1))
            .min(1)
            .max(MAX_BULK_DELETE)
            .describe(`1 to ${MAX_BULK_DELETE} listen ids`),
        }),
        response: {
          200: z.object({ deleted: z.number().int(), missing: z.array(z.number().int()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const user = await deps.auth.writable(request, request.query.user);
      const ids = [...new Set(request.body.ids)];
      const found = await deps.store.listens.deleteReturningIds(user.id, ids.map(BigInt));
      const gone = new Set(found.map(Number));
      return { deleted: gone.size, missing: ids.filter((id) => !gone.has(id)) };
    },
  );

  app.patch(
    '/listens/:id',
    {
      schema: {
        tags: ['listens'],
        summary: 'Correct a listen: artist, track, release or start time',
        description:
          'The corrected listen goes through the same normalise → dedup → store path as an import, so a ' +
          'correction that makes it a repeat of a stored listen leaves one listen (`duplicate` or `merged`). ' +
          'MBIDs of changed names are dropped. The answer is the listen that now holds the play: with ' +
          '`updated` it keeps its id; with `duplicate` or `merged` it is the stored listen it repeats (another ' +
          'id), and the corrected id is gone.',
        params: IdParams,
        querystring: UserQuery,
        body: z
          .object({
            artist: z.string().trim().min(1).optional(),
            track: z.string().trim().min(1).optional(),
            release: z.string().trim().min(1).nullable().optional().describe('null: no release'),
            listenedAt: z
              .union([
                z
                  .number()
                  .int()
                  .transform((seconds) => seconds * 1000),
                Instant,
              ])
              .optional()
              .describe('new start: ISO-8601 or epoch seconds'),
          })
          .refine(
            (b) => Object.keys(b).length > 0,
            'give at least one of artist, track, release, listenedAt',
          ),
        response: {
          200: z.object({ outcome: z.enum(['updated', 'duplicate', 'merged']), listen: Listen }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = await deps.auth.writable(request, request.query.user);
      const { listenId, outcome } = await editListen(deps.store.db, {
        userId: user.id,
        listenId: request.params.id,
        changes: request.body,
        now: deps.now(),
      });
      const listen = await deps.reads.listens.find(user.id, listenId);
      if (!listen) throw new AppError('INTERNAL', `listen ${listenId} vanished after the correction`);
      return { outcome, listen };
    },
  );
  done();
};
