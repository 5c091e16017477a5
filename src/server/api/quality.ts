import { z } from 'zod';
import { FINDINGS, FIX_DESCRIPTIONS, FIX_KINDS } from '../../quality/index.js';
import type { ApiPlugin } from './context.js';
import { errors } from './schemas.js';

const tags = ['quality'];

const Finding = z.object({
  id: z.enum(FINDINGS),
  title: z.string(),
  weight: z.number().describe('points this finding can cost at most (the weights sum to 100)'),
  count: z.number().int().describe('rows at fault, in unit'),
  of: z.number().int().describe('the population the rate is taken over'),
  unit: z.string(),
  rate: z.number().describe('count / of, 0..1'),
  cost: z.number().describe('points it costs: weight × rate'),
  examples: z.array(z.string()),
  fix: z.string().describe('the command that addresses it'),
});

const AuditReport = z
  .object({
    id: z.number().int().nullable().describe('the kept report; null when not kept'),
    createdAt: z.string(),
    score: z.number().describe('0..100'),
    listens: z.number().int(),
    findings: z.array(Finding),
  })
  .meta({ id: 'AuditReport' });

const FixParams = z.object({
  threshold: z.number().gt(0).lte(1).optional().describe('fuzzy threshold for merges, 0..1'),
  user: z.string().optional(),
  artist: z.string().optional(),
  release: z.string().optional(),
  source: z.string().optional(),
  from: z.string().optional().describe('ISO 8601 time: listens that started at or after it'),
  to: z.string().optional().describe('ISO 8601 time: listens that started before it'),
});

const ChangeSet = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    params: z.unknown(),
    status: z.enum(['applied', 'undone']),
    createdAt: z.string(),
    createdBy: z.string(),
    summary: z.string(),
    counts: z.record(z.string(), z.number()),
    undoneAt: z.string().nullable(),
    undoneBy: z.string().nullable(),
  })
  .meta({ id: 'ChangeSet' });

const FixOutcome = z.object({
  kind: z.enum(FIX_KINDS),
  params: FixParams,
  applied: z.boolean(),
  summary: z.string(),
  counts: z.record(z.string(), z.number()),
  rows: z.array(z.object({ before: z.string(), after: z.string() })),
  changeSet: ChangeSet.nullable(),
});

const Phase = z.object({
  name: z.string(),
  status: z.enum(['completed', 'failed', 'skipped']),
  startedAt: z.string(),
  ms: z.number(),
  tries: z.number().int(),
  volumes: z.record(z.string(), z.number()),
  error: z.string().nullable(),
});

const PipelineRun = z
  .object({
    id: z.number().int(),
    trigger: z.string(),
    status: z.enum(['running', 'completed', 'failed', 'interrupted']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    scoreBefore: z.number().nullable(),
    scoreAfter: z.number().nullable(),
    phases: z.array(Phase),
    error: z.string().nullable(),
  })
  .meta({ id: 'PipelineRun' });

const Backup = z.object({
  file: z.string(),
  name: z.string(),
  takenAt: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
  compressed: z.boolean(),
});

const Limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** /api/quality (audit, fixes, change sets), /api/backups and /api/pipeline: docs/operations.md. */
export const qualityPlugin: ApiPlugin = (app, deps, done) => {
  const { auth, quality } = deps;

  app.get(
    '/quality/audit',
    {
      schema: {
        tags,
        summary: 'The last kept audit report (null before the first)',
        response: { 200: z.object({ report: AuditReport.nullable() }), ...errors(401) },
      },
    },
    async (request) => {
      await auth.caller(request);
      return { report: await quality.latest() };
    },
  );

  app.post(
    '/quality/audit',
    {
      schema: {
        tags,
        summary: 'Runs the audit now (save=true keeps it in the score history). An admin.',
        body: z.object({ save: z.boolean().default(true) }).default({ save: true }),
        response: { 200: AuditReport, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      return quality.audit({ save: request.body.save, trigger: 'api' });
    },
  );

  app.get(
    '/quality/audit/history',
    {
      schema: {
        tags,
        summary: 'The kept reports’ scores, oldest first',
        querystring: Limit,
        response: {
          200: z.object({
            history: z.array(
              z.object({
                id: z.number().int(),
                createdAt: z.string(),
                score: z.number(),
                listens: z.number().int(),
                trigger: z.string(),
              }),
            ),
          }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      await auth.caller(request);
      return { history: await quality.history(request.query.limit) };
    },
  );

  app.get(
    '/quality/fixes',
    {
      schema: {
        tags,
        summary: 'The fixes there are, with what each does',
        response: {
          200: z.object({ fixes: z.array(z.object({ kind: z.enum(FIX_KINDS), description: z.string() })) }),
        },
      },
    },
    () => ({ fixes: FIX_KINDS.map((kind) => ({ kind, description: FIX_DESCRIPTIONS[kind] })) }),
  );

  app.post(
    '/quality/fixes',
    {
      schema: {
        tags,
        summary: 'Previews (apply=false) or applies a fix. An admin.',
        description:
          'A preview does the whole fix in a transaction that is rolled back, so its counts and rows are exactly what ' +
          'applying does. Applying does it in one transaction and records a change set, which ' +
          '`POST /api/quality/change-sets/{id}/undo` takes back.',
        body: z.object({
          kind: z.enum(FIX_KINDS),
          apply: z.boolean().default(false),
          params: FixParams.default({}),
          limit: z.number().int().min(1).max(1000).default(20).describe('rows to show'),
        }),
        response: { 200: FixOutcome, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = await auth.admin(request);
      const { kind, apply, params, limit } = request.body;
      return quality.fix({ kind, apply, params: stripUndefined(params), by: caller.user.name, limit });
    },
  );

  app.get(
    '/quality/change-sets',
    {
      schema: {
        tags,
        summary: 'The audit log of fixes: who applied what, when, and how many rows; newest first',
        querystring: Limit,
        response: { 200: z.object({ changeSets: z.array(ChangeSet) }), ...errors(400, 401) },
      },
    },
    async (request) => {
      await auth.caller(request);
      return { changeSets: await quality.changeSets(request.query.limit) };
    },
  );

  app.post(
    '/quality/change-sets/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undoes a change set: what the fix replaced comes back exactly. An admin.',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          200: z.object({
            changeSet: ChangeSet,
            restoredListens: z.number().int(),
            removedListens: z.number().int(),
            removedCatalogueRows: z.number().int(),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const caller = await auth.admin(request);
      return quality.undo(request.params.id, caller.user.name);
    },
  );

  app.get(
    '/backups',
    {
      schema: {
        tags,
        summary: 'The backups kept, newest first. An admin.',
        response: { 200: z.object({ dir: z.string(), backups: z.array(Backup) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      return { dir: deps.backups.dir, backups: await deps.backups.list() };
    },
  );

  app.post(
    '/backups',
    {
      schema: {
        tags,
        summary: 'Takes a backup now: a consistent snapshot while submissions go on, verified. An admin.',
        body: z
          .object({
            reason: z
              .string()
              .regex(/^[a-z0-9-]+$/)
              .default('manual'),
          })
          .default({ reason: 'manual' }),
        response: {
          200: z.object({
            backup: Backup,
            counts: z.object({
              listens: z.number().int(),
              users: z.number().int(),
              artists: z.number().int(),
              recordings: z.number().int(),
              tables: z.number().int(),
            }),
            removed: z.array(z.string()),
            compressed: z.array(z.string()),
            ms: z.number(),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      await auth.admin(request);
      return deps.backups.take(request.body.reason);
    },
  );

  app.post(
    '/pipeline/runs',
    {
      schema: {
        tags,
        summary: 'Runs the pipeline now (skipped when a run is in progress). An admin.',
        body: z.object({ wait: z.boolean().default(true) }).default({ wait: true }),
        response: {
          200: z.object({
            started: z.boolean(),
            run: PipelineRun.nullable(),
            reason: z.string().nullable(),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      await auth.admin(request);
      const outcome = await deps.pipeline.start('api', request.body.wait);
      return outcome.started
        ? { started: true, run: outcome.run, reason: null }
        : { started: false, run: null, reason: outcome.reason };
    },
  );

  app.get(
    '/pipeline/runs',
    {
      schema: {
        tags,
        summary: 'The pipeline’s runs, newest first, with their phases',
        querystring: Limit,
        response: { 200: z.object({ runs: z.array(PipelineRun) }), ...errors(400, 401) },
      },
    },
    async (request) => {
      await auth.caller(request);
      return { runs: await deps.reads.pipelineRuns.list(request.query.limit) };
    },
  );

  app.get(
    '/pipeline/status',
    {
      schema: {
        tags,
        summary: 'Whether a run is in progress, the schedule’s next time and the last run',
        response: {
          200: z.object({
            running: z.boolean(),
            scheduled: z.boolean(),
            next: z.string().nullable(),
            skipped: z.number().int().describe('runs refused because one was in progress (this server)'),
            last: PipelineRun.nullable(),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => {
      await auth.caller(request);
      const [last] = await deps.reads.pipelineRuns.list(1);
      const next = deps.schedule.next();
      return {
        running: deps.pipeline.running,
        scheduled: next !== null,
        next,
        skipped: deps.pipeline.skipped,
        last: last ?? null,
      };
    },
  );

  done();
};

/** zod's optional fields arrive as undefined; the fix parameters are kept without them. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
