// `/1/cf/recommendation/user/<name>/recording` (reference §1): the user's recommended recordings in
// ListenBrainz's shape. ListenBrainz fills it from a Spark ALS job once a day and sends 204 until
// it has; listenhouse serves the production model's kept list (computing it on the first request),
// and 204 while no model is trained. Recordings without a MusicBrainz id keep their place with
// recording_mbid null and their names, so a client sees the same list as the dashboard.
import type { FastifyInstance } from 'fastify';
import { recommendationServiceFor, sharedPool } from '../../recommend/index.js';
import type { Store } from '../../store/index.js';
import { lbError, type Access } from './access.js';

const MAX_COUNT = 1000;
const DEFAULT_COUNT = 25;

export function registerListenBrainzRecommendationRoutes(
  app: FastifyInstance,
  deps: { store: Store; reads: Store; now: () => number; access: Access },
): void {
  const service = recommendationServiceFor({
    store: deps.store,
    reads: deps.reads,
    pool: sharedPool(),
    now: deps.now,
  });

  app.get<{ Params: { name: string }; Querystring: { count?: string; offset?: string } }>(
    '/1/cf/recommendation/user/:name/recording',
    async (request, reply) => {
      const count = request.query.count === undefined ? DEFAULT_COUNT : Number(request.query.count);
      const offset = request.query.offset === undefined ? 0 : Number(request.query.offset);
      if (!Number.isInteger(count) || count < 1)
        return lbError(reply, 400, `Invalid count: ${request.query.count ?? ''}`);
      if (!Number.isInteger(offset) || offset < 0)
        return lbError(reply, 400, `Invalid offset: ${request.query.offset ?? ''}`);
      const user = await deps.access.readable(request.params.name, request, reply);
      if (!user) return reply;
      const list = await service.list(user, 'recording', { limit: Math.min(count, MAX_COUNT), offset });
      if (!list.model || list.computedAt === null) return reply.code(204).send();
      return {
        payload: {
          mbids: list.items.map((r) => ({
            recording_mbid: r.item.mbid,
            score: r.score,
            recording_name: r.item.name,
            artist_name: r.item.artist,
            reason: r.reason,
          })),
          entity: 'recording',
          user_name: user.name,
          last_updated: Math.floor(Date.parse(list.computedAt) / 1000),
          count: list.items.length,
          total_mbid_count: list.total,
          offset,
          model_id: String(list.model.id),
          model_url: `/api/recommendations/models?entity=recording`,
        },
      };
    },
  );
}
