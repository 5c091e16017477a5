import { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { EXPORT_FORMATS, exportFileName, exportListens } from '../../export/export-service.js';
import type { ApiPlugin } from './context.js';
import { Instant } from './listens.js';
import { errors, UserName } from './schemas.js';

const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('jsonl'),
  from: Instant.optional().describe('first instant included: ISO-8601 or epoch seconds'),
  to: Instant.optional().describe('first instant left out (exclusive)'),
  user: UserName.optional().describe("whose listens (default: the token's user; others need an admin token)"),
});

const CONTENT_TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/** /api/export: the token user's own data as a download, streamed from the store. */
export const exportPlugin: ApiPlugin = (app, deps, done) => {
  app.get(
    '/export/listens',
    {
      schema: {
        tags: ['export'],
        summary: 'Download listens as ListenBrainz JSON lines or CSV (oldest first, streamed)',
        description:
          'jsonl: one ListenBrainz listen per line, as ListenBrainz exports them (`listenhouse import` and ' +
          'ListenBrainz-compatible servers read it back). csv: a header row, then listened_at (ISO-8601 UTC), ' +
          'artist, track, release, lengths, MBIDs, source, client, platform… `X-Listen-Count` says how many ' +
          'listens follow.',
        querystring: ExportQuery,
        produces: [CONTENT_TYPES.jsonl, CONTENT_TYPES.csv],
        response: {
          200: z.unknown().describe('the export file (Content-Disposition: attachment)'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const user = await deps.auth.writable(request, q.user);
      if (q.from !== undefined && q.to !== undefined && q.from >= q.to)
        throw new AppError('INVALID_INPUT', `from must be before to (from ${q.from}, to ${q.to}).`);
      const window = {
        userId: user.id,
        ...(q.from !== undefined ? { fromMs: q.from } : {}),
        ...(q.to !== undefined ? { toMs: q.to } : {}),
      };
      const total = await deps.reads.listens.countToExport(window);
      return reply
        .header('content-type', CONTENT_TYPES[q.format])
        .header(
          'content-disposition',
          `attachment; filename="${exportFileName(user.name, q.format, window)}"`,
        )
        .header('x-listen-count', String(total))
        .send(Readable.from(exportListens(deps.reads.db, { ...window, format: q.format })));
    },
  );
  done();
};
