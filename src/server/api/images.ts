import { createReadStream, existsSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { ENRICH_TASKS } from '../../enrich/index.js';
import type { ApiPlugin } from './context.js';
import { errors } from './schemas.js';

/** A year: an image's URL is its content hash, so what it names never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const Task = z
  .enum(ENRICH_TASKS)
  .describe(
    'covers, genres, descriptions: of the matched albums and artists; collection-covers: of the Discogs collection and wantlist releases',
  );

const TaskProgress = z.object({
  task: Task,
  total: z.number().int().describe('entities the task applies to'),
  found: z.number().int(),
  none: z.number().int().describe('nothing anywhere (asked again after 30 days)'),
  failed: z.number().int().describe('services did not answer (asked again after a day)'),
  remaining: z.number().int(),
});

const EnrichBatch = z
  .object({
    tasks: z.array(
      z.object({
        task: Task,
        done: z.number().int(),
        found: z.number().int(),
        none: z.number().int(),
        failed: z.number().int(),
        bySource: z.record(z.string(), z.number().int()),
        skipped: z
          .string()
          .optional()
          .describe('why the task did nothing (a service it needs is not configured)'),
      }),
    ),
    http: z.object({ sent: z.number().int(), cached: z.number().int(), retried: z.number().int() }),
    progress: z.array(TaskProgress),
    seconds: z.number(),
  })
  .meta({ id: 'EnrichBatch' });

/**
 * /api/images/{hash}: covers and artist images, stored once by content hash. No token needed (an
 * <img> sends none, and a hash names only what it was made from); cached by browsers for a year.
 * /api/enrich: enrichment's progress, and a batch now.
 */
export const imagesPlugin: ApiPlugin = (app, deps, done) => {
  const { reads, enrichment, auth } = deps;

  app.get(
    '/images/:hash',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'An image (cover, thumbnail, artist picture) by its content hash; cached for a year',
        security: [],
        params: z.object({
          hash: z.string().regex(/^[0-9a-f]{64}$/, 'an image hash: 64 lower-case hex characters'),
        }),
        response: { 200: z.any().describe('the image bytes'), 304: z.null(), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const { hash } = request.params;
      const etag = `"${hash}"`;
      if (request.headers['if-none-match'] === etag)
        return reply.code(304).header('etag', etag).header('cache-control', IMMUTABLE).send();
      const image = await reads.enrichment.image(hash);
      const path = image ? enrichment.images.pathOf(image) : null;
      if (!image || !path || !existsSync(path))
        throw new AppError(
          'NOT_FOUND',
          `No image ${hash}: images come from enrichment (\`listenhouse enrich --only covers\`).`,
        );
      return reply
        .header('content-type', image.mime)
        .header('content-length', image.bytes)
        .header('etag', etag)
        .header('cache-control', IMMUTABLE)
        .send(createReadStream(path));
    },
  );

  app.get(
    '/enrich/status',
    {
      schema: {
        tags: ['catalogue'],
        summary: "Enrichment's progress per task, whether a batch is running, and the last batch",
        response: {
          200: z.object({
            running: z.boolean(),
            progress: z.array(TaskProgress),
            last: EnrichBatch.nullable(),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => {
      await auth.caller(request);
      return {
        running: enrichment.service.busy,
        progress: await enrichment.service.progress(),
        last: enrichment.service.last,
      };
    },
  );

  app.post(
    '/enrich/run',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Run a batch of enrichment now (admin; `listenhouse enrich` uses it while a server runs)',
        body: z
          .object({
            only: Task.optional(),
            limit: z.number().int().min(1).max(10_000).optional(),
          })
          .nullish(),
        response: { 200: EnrichBatch, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const only = request.body?.only;
      const limit = request.body?.limit;
      if (only !== undefined && !ENRICH_TASKS.includes(only))
        throw new AppError('INVALID_INPUT', `Unknown task ${only}.`);
      return enrichment.service.runBatch({ ...(only ? { only } : {}), ...(limit ? { limit } : {}) });
    },
  );

  done();
};
