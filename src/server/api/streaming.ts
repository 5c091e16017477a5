import { z } from 'zod';
import { decideEvents, spansOf } from '../../stream/batch-writer.js';
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

const KafkaName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'letters, digits, . _ - (at most 249)')
  .describe('a Kafka topic or group name');
const Offset = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const StreamBatch = z
  .object({
    group: KafkaName.describe('the consumer group the batch was read by'),
    topic: KafkaName,
    createUsers: z
      .boolean()
      .default(true)
      .describe('create unknown users (default); false: their events are rejected, for the dead letter'),
    partitions: z
      .array(z.object({ partition: z.number().int().min(0), highWatermark: Offset }))
      .max(10_000)
      .describe("each partition's end when the batch was fetched (for the lag)"),
    events: z
      .array(
        z.object({
          partition: z.number().int().min(0),
          offset: Offset,
          value: z
            .string()
            .nullable()
            .describe('the message as UTF-8 text, as read (null: an empty message)'),
        }),
      )
      .min(1)
      .max(100_000)
      .describe("the messages in each partition's offset order"),
  })
  .meta({ id: 'StreamBatch' });

const StreamBatchResult = z
  .object({
    listensStored: z.number().int(),
    duplicates: z
      .number()
      .int()
      .describe('listens already stored (a replay, or the same play from another source)'),
    skipped: z
      .number()
      .int()
      .describe(
        'events below the offsets already stored (written before, by this or another member): left alone',
      ),
    rejects: z.array(z.object({ partition: z.number().int(), offset: Offset, reason: z.string() })),
    partitions: z
      .array(z.object({ partition: z.number().int(), nextOffset: Offset }))
      .describe('the next offset now stored per partition of the batch'),
  })
  .meta({ id: 'StreamBatchResult' });

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

  app.post(
    '/streaming/batches',
    {
      // A micro-batch of 20,000 events is about 8 MB of JSON.
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Store a micro-batch of Kafka events with their offsets, in one transaction (`stream consume --server`)',
        description:
          'The events (docs/streaming.md) go through the one write path; the next offset of each partition is stored ' +
          'in the same transaction as the listens, per group and topic (GET /api/streaming/consumer lists them). ' +
          'Every consumer of a group writing through this server resumes from those offsets. Events below them are ' +
          'skipped (stored before); a batch starting past them is refused with 409, since an event between would be ' +
          'lost. Invalid events are kept with their reason and returned as rejects (for the dead-letter topic).',
        body: StreamBatch,
        response: { 200: StreamBatchResult, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const { group, topic, createUsers, partitions, events } = request.body;
      const messages = events.map((e) => ({
        partition: e.partition,
        offset: BigInt(e.offset),
        value: e.value,
      }));
      const highWatermarks = new Map(partitions.map((p) => [p.partition, BigInt(p.highWatermark)]));
      const written = await deps.streamBatches.write({
        group,
        topic,
        decided: decideEvents(messages, deps.now()),
        spans: spansOf(messages, highWatermarks),
        createUsers,
        startedAt: performance.now(),
        fenced: true,
      });
      return {
        listensStored: written.outcome.inserted,
        duplicates: written.outcome.duplicates + written.outcome.merged,
        skipped: written.skipped,
        rejects: written.rejected.map((d) => ({
          partition: d.message.partition,
          offset: Number(d.message.offset),
          reason: d.reject!,
        })),
        partitions: [...written.stored].map(([partition, next]) => ({ partition, nextOffset: Number(next) })),
      };
    },
  );

  done();
};
