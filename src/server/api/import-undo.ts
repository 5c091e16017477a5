import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ApiPlugin } from './context.js';
import { errors } from './schemas.js';

const Counts = z.object({
  listens: z.number().int().describe('listens of the run deleted'),
  promoted: z
    .number()
    .int()
    .describe('listens of the run another source also reported: kept, as that source’s'),
  sources: z.number().int().describe('second-source records the run added to listens stored before'),
  collectionItems: z.number().int(),
  rejectedRecords: z.number().int().describe('rows the run left out (rejected or skipped)'),
});

/** DELETE /api/imports/{id}: undo an import run (see src/store/import-undo.ts). */
export const importUndoPlugin: ApiPlugin = (app, deps, done) => {
  app.delete(
    '/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'Undo an import run: remove what it stored (dry_run=true: only count it)',
        description:
          'Removes, in one transaction, the listens the run inserted, the second-source records it added, its ' +
          'collection items and the rows it left out. A listen of the run that another source also reported ' +
          'stays, as that source’s (`promoted`). The run is kept, with status `deleted`. The run’s owner or an admin.',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: z.object({
          dry_run: z.enum(['true', 'false']).default('false').describe('true: count, change nothing'),
        }),
        response: {
          200: z.object({
            run: z.object({
              id: z.number().int(),
              user: z.string(),
              file: z.string(),
              format: z.string().nullable(),
              status: z.string(),
            }),
            dryRun: z.boolean(),
            preview: Counts.describe('what the undo removes, counted before it ran'),
            removed: Counts.nullable().describe('what it removed; null for a dry run'),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const caller = await deps.auth.caller(request);
      return deps.store.importRuns.undo({
        runId: request.params.id,
        dryRun: request.query.dry_run === 'true',
        now: deps.now(),
        allowed: (run) => {
          if (run.userId !== caller.user.id && caller.user.role !== 'admin')
            throw new AppError(
              'FORBIDDEN',
              `Import run ${run.id} is ${run.user}'s: only ${run.user} or an admin may undo it.`,
            );
        },
      });
    },
  );
  done();
};
