import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { tokenOf } from '../token.js';
import type { ApiPlugin } from './context.js';
import { errors } from './schemas.js';

const adminOnly = (what: string) => `${what} (with an admin token only)`;

const Health = z.object({
  status: z.literal('ok'),
  version: z.string().optional().describe(adminOnly('the server version')),
  database: z.string().optional().describe(adminOnly('the DuckDB file this server owns')),
  uptimeSeconds: z.number().optional().describe(adminOnly('seconds since the server started')),
  listens: z.number().int().optional().describe(adminOnly('listens stored, all users')),
  users: z.number().int().optional().describe(adminOnly('users')),
});

/** Compares in constant time (hashes first, so lengths leak nothing either). */
function sameToken(a: string, b: string): boolean {
  const digest = (t: string) => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * /api/health and /api/metrics (Prometheus text format). Without a token health only says the
 * server is up (what a load balancer or `curl` needs); the database path and counts are an admin's.
 */
export const systemPlugin: ApiPlugin = (app, deps, done) => {
  const tags = ['system'];

  /** Metrics: an admin's token, or the metrics token (a Prometheus scrape config holds only that). */
  async function allowMetrics(request: FastifyRequest): Promise<void> {
    const token = tokenOf(request);
    if (token !== null && deps.metricsToken !== null && sameToken(token, deps.metricsToken)) return;
    if (token === null)
      throw new AppError(
        'UNAUTHORIZED',
        'Metrics need a token: send "Authorization: Bearer <token>" with an admin token, or the metrics ' +
          'token the server was started with (LISTENHOUSE_METRICS_TOKEN).',
      );
    await deps.auth.admin(request);
  }

  app.get(
    '/health',
    {
      schema: {
        tags,
        summary: 'Is the server up and its database readable?',
        description:
          'Anyone: `{"status": "ok"}`. With an admin token, also the version, the database file, the uptime ' +
          'and the numbers of listens and users.',
        response: { 200: Health, ...errors(401) },
      },
    },
    async (request) => {
      const caller = await deps.auth.optionalCaller(request);
      // Reading the totals also proves the database answers, for every caller.
      const totals = await deps.reads.listens.totals();
      if (caller?.user.role !== 'admin') return { status: 'ok' as const };
      return {
        status: 'ok' as const,
        version: deps.version,
        database: deps.store.path,
        uptimeSeconds: Math.round((deps.now() - deps.startedAt) / 1000),
        ...totals,
      };
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags,
        summary: 'Counters in the Prometheus text format',
        description:
          'Needs an admin token or the metrics token (`LISTENHOUSE_METRICS_TOKEN`), as `Authorization: Bearer <token>`.',
        produces: ['text/plain'],
        response: { 200: z.string(), ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      await allowMetrics(request);
      const { listens, users } = await deps.reads.listens.totals();
      const memory = process.memoryUsage();
      const metric = (name: string, help: string, type: string, lines: string[]) =>
        `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${lines.join('\n')}\n`;
      const requests = [...deps.metrics.requests.entries()].map(
        ([key, n]) => `listenhouse_http_requests_total{${key}} ${n}`,
      );
      const jobs = deps.jobs.list();
      const connections = await deps.live.list();
      const label = (c: { id: number; kind: string; user: string }) =>
        `{id="${c.id}",kind="${c.kind}",user="${c.user}"}`;
      const seconds = (iso: string | null) => (iso === null ? 0 : Date.parse(iso) / 1000);
      const [lastRun] = await deps.reads.pipelineRuns.list(1);
      const [lastAudit] = (await deps.quality.history(1)).slice(-1);
      const pipeline: string[] = [];
      if (lastAudit)
        pipeline.push(
          metric('listenhouse_quality_score', 'The last kept audit’s quality score, 0–100.', 'gauge', [
            `listenhouse_quality_score ${lastAudit.score}`,
          ]),
        );
      if (lastRun) {
        const seconds = lastRun.finishedAt
          ? (Date.parse(lastRun.finishedAt) - Date.parse(lastRun.startedAt)) / 1000
          : (deps.now() - Date.parse(lastRun.startedAt)) / 1000;
        pipeline.push(
          metric('listenhouse_pipeline_last_run_info', 'The last pipeline run, by status (1).', 'gauge', [
            `listenhouse_pipeline_last_run_info{id="${lastRun.id}",status="${lastRun.status}",trigger="${lastRun.trigger}"} 1`,
          ]),
          metric(
            'listenhouse_pipeline_last_run_started_seconds',
            'When the last run started (Unix time).',
            'gauge',
            [`listenhouse_pipeline_last_run_started_seconds ${Date.parse(lastRun.startedAt) / 1000}`],
          ),
          metric('listenhouse_pipeline_last_run_duration_seconds', 'How long the last run took.', 'gauge', [
            `listenhouse_pipeline_last_run_duration_seconds ${seconds}`,
          ]),
          metric(
            'listenhouse_pipeline_last_run_phase_seconds',
            'How long each phase of the last run took, by phase and status.',
            'gauge',
            lastRun.phases.map(
              (p) =>
                `listenhouse_pipeline_last_run_phase_seconds{phase="${p.name}",status="${p.status}"} ${p.ms / 1000}`,
            ),
          ),
          metric('listenhouse_pipeline_last_run_score', 'The score before and after the last run.', 'gauge', [
            ...(lastRun.scoreBefore !== null
              ? [`listenhouse_pipeline_last_run_score{when="before"} ${lastRun.scoreBefore}`]
              : []),
            ...(lastRun.scoreAfter !== null
              ? [`listenhouse_pipeline_last_run_score{when="after"} ${lastRun.scoreAfter}`]
              : []),
          ]),
        );
      }
      pipeline.push(
        metric(
          'listenhouse_pipeline_skipped_total',
          'Pipeline runs refused because one was in progress.',
          'counter',
          [`listenhouse_pipeline_skipped_total ${deps.pipeline.skipped}`],
        ),
      );
      const partitions = await deps.reads.stream.partitions();
      const labels = (p: (typeof partitions)[number]) =>
        `group="${promLabel(p.group)}",topic="${promLabel(p.topic)}",partition="${p.partition}"`;
      const body = [
        metric('listenhouse_listens', 'Listens stored (all users).', 'gauge', [
          `listenhouse_listens ${listens}`,
        ]),
        metric('listenhouse_users', 'Users.', 'gauge', [`listenhouse_users ${users}`]),
        metric(
          'listenhouse_submit_transactions_total',
          'Transactions the live submissions were committed in (group commit).',
          'counter',
          [`listenhouse_submit_transactions_total ${deps.submitter.transactions}`],
        ),
        metric(
          'listenhouse_import_jobs',
          'Import jobs of this server run, by status.',
          'gauge',
          (['queued', 'running', 'completed', 'failed'] as const).map(
            (s) => `listenhouse_import_jobs{status="${s}"} ${jobs.filter((j) => j.status === s).length}`,
          ),
        ),
        metric(
          'listenhouse_http_requests_total',
          'HTTP requests answered, by API and status class.',
          'counter',
          requests,
        ),
        metric(
          'listenhouse_live_failing',
          'Whether a live-source connection is failing now (1) or not (0).',
          'gauge',
          connections.map((c) => `listenhouse_live_failing${label(c)} ${c.status === 'failing' ? 1 : 0}`),
        ),
        metric(
          'listenhouse_live_failures',
          'Failures in a row of a live-source connection.',
          'gauge',
          connections.map((c) => `listenhouse_live_failures${label(c)} ${c.failures}`),
        ),
        metric(
          'listenhouse_live_last_success_timestamp_seconds',
          'When a live-source connection last polled or pushed successfully (0: never).',
          'gauge',
          connections.map(
            (c) => `listenhouse_live_last_success_timestamp_seconds${label(c)} ${seconds(c.lastSuccess)}`,
          ),
        ),
        metric(
          'listenhouse_live_plays_total',
          'Plays a live-source connection handed to the write path.',
          'counter',
          connections.map((c) => `listenhouse_live_plays_total${label(c)} ${c.plays}`),
        ),
        ...pipeline,
        metric(
          'listenhouse_stream_lag',
          "Events behind each partition's end, as of the Kafka consumer's last batch stored here.",
          'gauge',
          partitions.map((p) => `listenhouse_stream_lag{${labels(p)}} ${p.lag}`),
        ),
        metric(
          'listenhouse_stream_events_total',
          'Kafka events stored here, by consumer group and partition.',
          'counter',
          partitions.map((p) => `listenhouse_stream_events_total{${labels(p)}} ${p.events}`),
        ),
        metric(
          'listenhouse_stream_rejects_total',
          'Invalid Kafka events (sent to the dead letter), by consumer group and partition.',
          'counter',
          partitions.map((p) => `listenhouse_stream_rejects_total{${labels(p)}} ${p.rejects}`),
        ),
        metric('process_resident_memory_bytes', 'Resident memory.', 'gauge', [
          `process_resident_memory_bytes ${memory.rss}`,
        ]),
        metric('process_uptime_seconds', 'Seconds since the server started.', 'gauge', [
          `process_uptime_seconds ${Math.round((deps.now() - deps.startedAt) / 1000)}`,
        ]),
      ].join('');
      return reply.type('text/plain; version=0.0.4').send(body);
    },
  );
  done();
};

/** A Prometheus label value: backslash, quote and line feed escaped. */
function promLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}
