import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiDeps } from './context.js';

/** Statistics change with the data and with the clock: rolling ranges and "today" move on. */
const CLOCK_STEP_MS = 15 * 60_000;

const tags = new WeakMap<FastifyRequest, string>();

/**
 * ETags for the statistics (GET /api/stats/…), so a dashboard revisiting a page does not make the
 * server compute unchanged numbers again: the tag names this server process, the store's change
 * count (it moves with every write; this process holds the file's only write lock), the quarter hour
 * (every zone's midnight falls on one, so rolling ranges and "today" are covered), and the request
 * as asked (URL and credentials). A request whose If-None-Match names the current tag is answered
 * 304 before any query runs.
 */
export function registerStatsCache(api: FastifyInstance, deps: ApiDeps): void {
  const boot = randomUUID().slice(0, 8);
  api.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/stats/')) return;
    const asked = createHash('sha256')
      .update(request.url)
      .update('\0')
      .update(request.headers.authorization ?? '')
      .digest('base64url')
      .slice(0, 16);
    const tag = `"${boot}-${deps.reads.db.changes()}-${Math.floor(deps.now() / CLOCK_STEP_MS)}-${asked}"`;
    tags.set(request, tag);
    if (request.headers['if-none-match'] === tag) {
      await reply.code(304).header('etag', tag).header('cache-control', 'private, no-cache').send();
    }
  });
  api.addHook('onSend', async (request, reply, payload) => {
    const tag = tags.get(request);
    // Only a successful answer is worth revalidating; an error is asked again.
    if (tag && reply.statusCode === 200) {
      void reply.header('etag', tag);
      void reply.header('cache-control', 'private, no-cache');
    }
    return payload;
  });
}
