import { z } from 'zod';
import type { ApiPlugin } from './context.js';
import { errors } from './schemas.js';

const tags = ['streaming'];

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
  .describe('YYYY-MM-DD (UTC)');

const GoldMetrics = z
  .object({
    days: z.array(z.string()).describe('every day that has metrics, newest first'),
    from: z.string().nullable().describe('the first day summed (null: no metrics yet)'),
    to: z.string().nullable(),
    topArtists: z.array(z.object({ artist: z.string(), plays: z.number().int() })),
    topTracks: z.array(z.object({ artist: z.string(), track: z.string(), plays: z.number().int() })),
    genreHours: z
      .array(z.object({ hour: z.number().int(), genre: z.string(), plays: z.number().int() }))
      .describe('plays per hour slot (UTC) and genre'),
    breakdowns: z.array(
      z.object({
        dimension: z.enum(['country', 'platform', 'device']),
        value: z.string(),
        plays: z.number().int(),
      }),
    ),
    trackActions: z.array(
      z.object({
        artist: z.string(),
        track: z.string(),
        listens: z.number().int(),
        likes: z.number().int(),
        shares: z.number().int(),
        skips: z.number().int(),
        skipRate: z.number().nullable().describe('skips / (listens + skips), 0..1'),
      }),
    ),
  })
  .meta({ id: 'GoldMetrics' });

const MetricRun = z
  .object({
    id: z.number().int(),
    status: z.enum(['running', 'completed', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    listensIn: z.number().int(),
    eventsIn: z.number().int(),
    rejects: z.number().int(),
    rowsOut: z.number().int(),
    phases: z.array(z.object({ phase: z.string(), ms: z.number() })),
    alert: z.string().nullable().describe('why the run needs a look: it failed, or volumes moved'),
    error: z.string().nullable(),
  })
  .meta({ id: 'MetricRun' });

const ConsumerState = z.object({
  partitions: z.array(
    z.object({
      group: z.string(),
      topic: z.string(),
      partition: z.number().int(),
      nextOffset: z.number().int(),
      lag: z.number().int(),
      events: z.number().int(),
      rejects: z.number().int(),
      updatedAt: z.string(),
    }),
  ),
  batches: z
    .array(
      z.object({
        committedAt: z.string(),
        group: z.string(),
        topic: z.string(),
        events: z.number().int(),
        listens: z.number().int(),
        rejects: z.number().int(),
        lag: z.number().int(),
        millis: z.number().int(),
      }),
    )
    .describe('the last committed micro-batches, oldest first: the lag over time'),
});

/**
 * /api/streaming: the batch metrics (`listenhouse metrics run`), their runs, and the Kafka
 * consumers' positions and batches, for the dashboard's Pipeline page (docs/streaming.md). They
 * sum every user's listens, so they are an admin's.
 */
export const streamingPlugin: ApiPlugin = (app, deps, done) => {
  const { auth } = deps;

  app.get(
    '/streaming/metrics',
    {
      schema: {
        tags,
        summary: 'The batch metrics of a range of days, summed (default: the latest day computed)',
        querystring: z.object({
          from: Day.optional(),
          to: Day.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(10).describe('rows of each ranked list'),
        }),
        response: { 200: GoldMetrics, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const { from, to, limit } = request.query;
      return deps.reads.stream.goldMetrics({ from, to, limit });
    },
  );

  app.get(
    '/streaming/runs',
    {
      schema: {
        tags,
        summary: 'The batch metric runs, newest first: phases, volumes in and out, rejects, alert',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(30) }),
        response: { 200: z.object({ runs: z.array(MetricRun) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      return { runs: await deps.reads.stream.metricRuns(request.query.limit) };
    },
  );

  app.get(
    '/streaming/consumer',
    {
      schema: {
        tags,
        summary: "The Kafka consumers' stored positions and their last micro-batches (lag over time)",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }),
        response: { 200: ConsumerState, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const [partitions, batches] = await Promise.all([
        deps.reads.stream.partitions(),
        deps.reads.stream.batches(request.query.limit),
      ]);
      return {
        partitions: partitions.map((p) => ({ ...p, updatedAt: p.updatedAt.toISOString() })),
        batches,
      };
    },
  );

  done();
};
