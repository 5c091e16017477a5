import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { registerStatsCache } from './cache.js';
import { catalogPlugin } from './catalog.js';
import { collectionPlugin } from './collection.js';
import { connectionsPlugin } from './connections.js';
import type { ApiDeps } from './context.js';
import { entityPlugin } from './entity.js';
import { exportPlugin } from './export.js';
import { imagesPlugin } from './images.js';
import { importUndoPlugin } from './import-undo.js';
import { importsPlugin, MAX_UPLOAD_FILES } from './imports.js';
import { listensPlugin } from './listens.js';
import { recommendationsPlugin } from './recommendations.js';
import { matchingPlugin } from './matching.js';
import { qualityPlugin } from './quality.js';
import { reportPlugin } from './report.js';
import { exportTablesPlugin } from './export-tables.js';
import { reviewPlugin } from './review.js';
import { shortPlaysPlugin } from './short-plays.js';
import { statsPlugin } from './stats.js';
import { streamingPlugin } from './streaming.js';
import { systemPlugin } from './system.js';
import { usersPlugin } from './users.js';

/**
 * listenhouse's own REST API under /api: JSON in and out, one plugin per resource, zod schemas that
 * validate requests, shape responses and make the OpenAPI document (/openapi.json, /docs).
 */
export function registerApi(app: FastifyInstance, deps: ApiDeps): void {
  void app.register(
    async (api) => {
      api.setValidatorCompiler(validatorCompiler);
      api.setSerializerCompiler(serializerCompiler);
      // Bodies are JSON whatever the Content-Type says (curl -d sends form encoding), except uploads.
      api.removeAllContentTypeParsers();
      api.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
        const text = String(body);
        if (text.trim() === '') return done(null, undefined);
        try {
          done(null, JSON.parse(text));
        } catch (err) {
          done(
            new AppError('INVALID_INPUT', `The request body is not JSON: ${(err as Error).message}`),
            undefined,
          );
        }
      });
      registerStatsCache(api, deps);
      await api.register(multipart, {
        limits: { fileSize: deps.maxUploadBytes, files: MAX_UPLOAD_FILES, fields: 20, fieldSize: 10_000 },
      });
      for (const plugin of [
        systemPlugin,
        listensPlugin,
        statsPlugin,
        reviewPlugin,
        entityPlugin,
        importsPlugin,
        usersPlugin,
        exportPlugin,
        importUndoPlugin,
        collectionPlugin,
        shortPlaysPlugin,
        recommendationsPlugin,
        catalogPlugin,
        matchingPlugin,
        imagesPlugin,
        connectionsPlugin,
        qualityPlugin,
        reportPlugin,
        exportTablesPlugin,
        streamingPlugin,
      ])
        await api.register(plugin, deps);
    },
    { prefix: '/api' },
  );
}
