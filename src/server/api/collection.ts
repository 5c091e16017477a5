import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ApiPlugin } from './context.js';
import { errors, UserQuery } from './schemas.js';

const Item = z
  .object({
    id: z.number().int(),
    list: z.enum(['collection', 'wantlist']),
    discogsReleaseId: z.number().int(),
    artist: z.string(),
    title: z.string(),
    label: z.string().nullable(),
    catalogNumber: z.string().nullable(),
    format: z.string().nullable().describe('Discogs format descriptions, e.g. "2xLP, Album, RE"'),
    rating: z.number().int().nullable().describe('1-5, null when unrated'),
    releasedYear: z.number().int().nullable(),
    folder: z.string().nullable(),
    addedAt: z.string().nullable().describe('when it was added on Discogs'),
    mediaCondition: z.string().nullable(),
    sleeveCondition: z.string().nullable(),
    notes: z.string().nullable(),
    listens: z
      .number()
      .int()
      .describe(
        "the user's listens of this release, matched on the normalised artist and title (any edition, any source)",
      ),
    lastListenedAt: z.string().nullable().describe('the latest of them; null when never listened to'),
  })
  .meta({ id: 'CollectionItem' });

const CollectionQuery = UserQuery.extend({
  list: z.enum(['collection', 'wantlist']).optional().describe('one list (default: both)'),
  search: z
    .string()
    .min(1)
    .optional()
    .describe('text in artist, title, label or catalogue number (case ignored)'),
  format: z
    .string()
    .min(1)
    .optional()
    .describe('one format description: LP, CD, Album… ("2xLP" counts as LP)'),
  yearFrom: z.coerce.number().int().optional().describe('released in or after this year'),
  yearTo: z.coerce.number().int().optional().describe('released in or before this year'),
  rating: z.coerce.number().int().min(1).max(5).optional().describe('at least this rating'),
  soundtracks: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: only soundtracks (film, TV and game music, by the title rule or a folder named so)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('items to skip: the `next` of the previous page'),
});

/** /api/collection: the Discogs collection and wantlist items imported, searched and paged. */
export const collectionPlugin: ApiPlugin = (app, deps, done) => {
  app.get(
    '/collection',
    {
      schema: {
        tags: ['collection'],
        summary: 'Discogs collection and wantlist items, by artist and title, searched and filtered',
        querystring: CollectionQuery,
        response: {
          200: z.object({
            user: z.string(),
            total: z.number().int().describe('items matching the filters, in all pages'),
            next: z
              .number()
              .int()
              .nullable()
              .describe('pass as `offset` for the next page; null on the last'),
            items: z.array(Item),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await deps.auth.readable(request, q.user);
      if (q.yearFrom !== undefined && q.yearTo !== undefined && q.yearFrom > q.yearTo)
        throw new AppError('INVALID_INPUT', `yearFrom ${q.yearFrom} is after yearTo ${q.yearTo}.`);
      const page = await deps.reads.collection.list(
        {
          userId: user.id,
          ...(q.list ? { list: q.list } : {}),
          ...(q.search ? { search: q.search } : {}),
          ...(q.format ? { format: q.format } : {}),
          ...(q.yearFrom !== undefined ? { yearFrom: q.yearFrom } : {}),
          ...(q.yearTo !== undefined ? { yearTo: q.yearTo } : {}),
          ...(q.rating !== undefined ? { minRating: q.rating } : {}),
          ...(q.soundtracks === 'true' ? { soundtracks: true } : {}),
        },
        { limit: q.limit, offset: q.offset },
      );
      return { user: user.name, ...page };
    },
  );
  done();
};
