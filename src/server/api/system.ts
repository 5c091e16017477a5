import { z } from 'zod';
import type { ApiPlugin } from './context.js';

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.string().describe('the DuckDB file this server owns'),
  uptimeSeconds: z.number(),
  listens: z.number().int(),
  users: z.number().int(),
});

/** /api/health and /api/metrics (Prometheus text format). */
export const systemPlugin: ApiPlugin = (app, deps, done) => {
  const tags = ['system'];

  async function totals(): Promise<{ listens: number; users: number }> {
    const [row] = await deps.reads.all<{ listens: bigint; users: bigint }>(
      'SELECT (SELECT count(*) FROM listens) AS listens, (SELECT count(*) FROM users) AS users',
    );
    return { listens: Number(row?.listens ?? 0), users: Number(row?.users ?? 0) };
  }

  app.get(
    '/health',
    { schema: { tags, summary: 'Is the server up and its database readable?', response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
      version: deps.version,
      database: deps.db.path,
      uptimeSeconds: Math.round((deps.now() - deps.startedAt) / 1000),
      ...(await totals()),
    }),
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags,
        summary: 'Counters in the Prometheus text format',
        produces: ['text/plain'],
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      const { listens, users } = await totals();
      const memory = process.memoryUsage();
      const metric = (name: string, help: string, type: string, lines: string[]) =>
        `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${lines.join('\n')}\n`;
      const requests = [...deps.metrics.requests.entries()].map(
        ([key, n]) => `listenhouse_http_requests_total{${key}} ${n}`,
      );
      const jobs = deps.jobs.list();
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
