import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { COLLECTION_GROUPS, collectionMarkdown, collectionPdf } from '../../export/collection-document.js';
import { exportTable, TABLE_EXPORTS, TABLE_FORMATS } from '../../export/table-export.js';
import type { ApiPlugin } from './context.js';
import { Instant } from './listens.js';
import { errors, UserName } from './schemas.js';

const TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/json; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
};
const EXTENSIONS: Readonly<Record<string, string>> = {
  csv: 'csv',
  parquet: 'parquet',
  json: 'json',
  markdown: 'md',
  pdf: 'pdf',
};

/** GET /api/export/{what}.{format}: listens, catalogue or collection as CSV, Parquet or JSON; the collection as Markdown or PDF. */
export const exportTablesPlugin: ApiPlugin = (app, deps, done) => {
  app.get(
    '/export/tables/:what',
    {
      schema: {
        tags: ['export'],
        summary:
          'Download listens, the catalogue or the collection as CSV, Parquet or JSON; the collection also as Markdown or PDF',
        description:
          'catalogue: one row per artist credit, track and release the user played, with plays, first and last listen ' +
          'and the MusicBrainz match. collection: the Discogs collection and wantlist; markdown and pdf are a ' +
          "catalogue of the collection grouped by artist or format, the pdf with each release's cover beside it " +
          "(enrichment's collection-covers task fetches them from Discogs) and the headers X-Page-Count and " +
          'X-Cover-Count (releases shown with their cover).',
        params: z.object({ what: z.enum(TABLE_EXPORTS) }),
        querystring: z.object({
          format: z.enum([...TABLE_FORMATS, 'markdown', 'pdf']).default('csv'),
          by: z
            .enum(COLLECTION_GROUPS)
            .default('artist')
            .describe('markdown and pdf: grouped by artist or format'),
          from: Instant.optional(),
          to: Instant.optional(),
          user: UserName.optional(),
        }),
        produces: Object.values(TYPES),
        response: {
          200: z.unknown().describe('the file (Content-Disposition: attachment)'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const what = request.params.what;
      const user = await deps.auth.writable(request, q.user);
      const name = `${user.name}-${what}.${EXTENSIONS[q.format]!}`;
      void reply
        .header('content-type', TYPES[q.format]!)
        .header('content-disposition', `attachment; filename="${name}"`);
      if (q.format === 'markdown' || q.format === 'pdf') {
        if (what !== 'collection')
          throw new AppError(
            'INVALID_INPUT',
            `markdown and pdf are formats of the collection, not of ${what}: use csv, parquet or json.`,
          );
        if (q.format === 'markdown')
          return (await collectionMarkdown(deps.reads.db, { userId: user.id, user: user.name, by: q.by }))
            .text;
      }
      const dir = await mkdtemp(join(tmpdir(), 'listenhouse-export-'));
      const path = join(dir, name);
      let rows: number;
      if (q.format === 'pdf') {
        const pdf = await collectionPdf(deps.reads.db, {
          userId: user.id,
          user: user.name,
          by: q.by,
          path,
          now: deps.now(),
          covers: deps.enrichment.images,
        });
        rows = pdf.items;
        void reply.header('x-page-count', String(pdf.pages)).header('x-cover-count', String(pdf.covers));
      } else
        rows = (
          await exportTable(deps.reads.db, {
            what,
            format: q.format,
            userId: user.id,
            fromMs: q.from ?? null,
            toMs: q.to ?? null,
            path,
          })
        ).rows;
      const stream = createReadStream(path);
      stream.on('close', () => void rm(dir, { recursive: true, force: true }));
      return reply.header('x-row-count', String(rows)).send(stream);
    },
  );
  done();
};
