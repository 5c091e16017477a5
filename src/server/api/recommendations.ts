import { z } from 'zod';
import {
  DEFAULT_SERVER_MODEL,
  ENTITIES,
  MODEL_KINDS,
  radio,
  recommendationPlaylist,
  recommendationServiceFor,
  recommendationsToJspf,
  retrain,
  sharedPool,
  toJspf,
  type RadioSeed,
} from '../../recommend/index.js';
import { AppError } from '../../domain/errors.js';
import { recommendationTables } from '../../store/index.js';
import type { ApiPlugin } from './context.js';
import { errors, UserName, UserQuery } from './schemas.js';

const Entity = z.enum(ENTITIES).default('recording').describe('recordings, artists or releases');

const NamedItem = z
  .object({
    id: z.number().int(),
    name: z.string(),
    artist: z.string().nullable().describe("the artist's name (recordings and releases)"),
    mbid: z.string().nullable(),
  })
  .meta({ id: 'RecommendedItem' });

const LeafPart = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('item'),
    item: NamedItem,
    contribution: z.number(),
    similarity: z.number().nullable().describe('item-kNN: how alike the two items are'),
  }),
  z.object({ kind: z.literal('feature'), feature: z.string(), contribution: z.number() }),
  z.object({ kind: z.literal('popularity'), listeners: z.number().int(), contribution: z.number() }),
  z.object({ kind: z.literal('latent'), contribution: z.number() }),
]);
const Part = z
  .union([
    LeafPart,
    z.object({
      kind: z.literal('model'),
      model: z.enum(MODEL_KINDS),
      weight: z.number(),
      contribution: z.number().describe("this model's share of the hybrid's score"),
      parts: z.array(LeafPart),
    }),
  ])
  .meta({ id: 'ExplanationPart' });

const Recommendation = z
  .object({
    rank: z.number().int(),
    item: NamedItem,
    score: z.number(),
    reason: z.string().describe('"Because you played X and Y", or the shared tags, or popularity'),
    explanation: z
      .object({
        score: z.number().describe('the score the parts add up to'),
        parts: z.array(Part).describe('largest contribution first'),
        rest: z.number().describe('what the parts left out add'),
      })
      .describe(
        'ALS: the exact share of each listened item (Hu et al. 2008 §5); item-kNN: the neighbours; content: the shared tags; hybrid: each model’s share with its own parts',
      ),
  })
  .meta({ id: 'Recommendation' });

const ListAnswer = z.object({
  user: z.string(),
  entity: z.enum(ENTITIES),
  model: z
    .object({ id: z.number().int(), kind: z.string(), trainedAt: z.string() })
    .nullable()
    .describe('the production model; null when none is trained yet (`listenhouse recommend retrain`)'),
  computedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  total: z.number().int().describe('items in the list after feedback and recent plays are left out'),
  items: z.array(Recommendation),
});

const ListQuery = UserQuery.extend({
  entity: Entity,
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

const Feedback = z.object({
  user: UserName.optional().describe("whose (default: the token's user; others: admins)"),
  entity: Entity,
  itemId: z.number().int(),
  feedback: z
    .enum(['not_interested'])
    .nullable()
    .describe('not_interested: never recommend it again; null: take that back'),
});

const PlaylistTrack = z.object({
  recordingId: z.number().int(),
  title: z.string(),
  artist: z.string(),
  release: z.string().nullable(),
  recordingMbid: z.string().nullable(),
  artistMbid: z.string().nullable(),
  releaseMbid: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  reason: z.string(),
});

const RadioQuery = UserQuery.extend({
  artist: z.coerce.number().int().optional().describe('seed: an artist id'),
  recording: z.coerce.number().int().optional().describe('seed: a recording id'),
  tag: z.string().min(1).optional().describe('seed: a tag or genre'),
  count: z.coerce.number().int().min(1).max(100).default(25),
});

const Version = z.object({
  id: z.number().int(),
  entity: z.enum(ENTITIES),
  kind: z.string(),
  status: z.enum(['candidate', 'production', 'retired', 'rejected']),
  trainedAt: z.string(),
  trainSeconds: z.number(),
  params: z.record(z.string(), z.unknown()),
  data: z.object({
    users: z.number().int(),
    items: z.number().int(),
    interactions: z.number().int(),
    listens: z.number().int(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    fingerprint: z.string(),
  }),
  metrics: z.record(z.string(), z.unknown()).nullable(),
  promotedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});

const RetrainRun = z.object({
  id: z.number().int().nullable(),
  entity: z.enum(ENTITIES),
  startedAt: z.string(),
  finishedAt: z.string(),
  decision: z.enum(['promoted', 'kept', 'skipped']),
  reasons: z.array(z.string()),
  drift: z.record(z.string(), z.unknown()).nullable(),
  metric: z.string(),
  candidateVersionId: z.number().int().nullable(),
  productionVersionId: z.number().int().nullable(),
  candidateValue: z.number().nullable(),
  productionValue: z.number().nullable(),
});

/** /api/recommendations: a user's recommendations with their explanations, feedback, similar items, radio. */
export const recommendationsPlugin: ApiPlugin = (app, deps, done) => {
  const { auth, now } = deps;
  const service = recommendationServiceFor({ store: deps.store, reads: deps.reads, pool: sharedPool(), now });
  const tags = ['recommendations'];

  app.get(
    '/recommendations',
    {
      schema: {
        tags,
        summary: "A user's recommended recordings, artists or releases, each with why",
        description:
          'Computed from the production model when it is promoted and kept for 24 hours; items the user marked not interested, and items played since the list was computed, are left out.',
        querystring: ListQuery,
        response: { 200: ListAnswer, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await auth.readable(request, request.query.user);
      const { entity, limit, offset } = request.query;
      return service.list(user, entity, { limit, offset });
    },
  );

  app.get(
    '/recommendations.jspf',
    {
      schema: {
        tags,
        summary:
          "A user's recommended recordings as a JSPF playlist file (ListenBrainz and players import it)",
        description:
          'The recordings of GET /api/recommendations?entity=recording, in its order; each track is identified by its MusicBrainz recording URL when known, and its annotation is the reason it is recommended. The playlist is dated when the list was computed. 404 while no recording model is trained.',
        querystring: UserQuery.extend({
          limit: z.coerce.number().int().min(1).max(100).default(25).describe('tracks'),
        }),
        produces: ['application/json'],
        response: {
          200: z
            .object({ playlist: z.record(z.string(), z.unknown()) })
            .describe('the JSPF file (Content-Disposition: attachment)'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const user = await auth.readable(request, request.query.user);
      const playlist = await recommendationPlaylist({
        service,
        reads: deps.reads.db,
        user,
        limit: request.query.limit,
      });
      const file = `recommendations-${user.name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.jspf`;
      void reply.header('content-disposition', `attachment; filename="${file}"`);
      return recommendationsToJspf(playlist);
    },
  );

  app.post(
    '/recommendations/feedback',
    {
      schema: {
        tags,
        summary: '"Not interested" in an item (or take it back)',
        body: Feedback,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await auth.writable(request, request.body.user);
      const { entity, itemId, feedback } = request.body;
      await service.feedback(user, entity, itemId, feedback);
      return { ok: true as const };
    },
  );

  app.get(
    '/recommendations/similar',
    {
      schema: {
        tags,
        summary: 'Items like one item, by the production model',
        querystring: z.object({
          entity: Entity,
          id: z.coerce.number().int(),
          limit: z.coerce.number().int().min(1).max(100).default(10),
        }),
        response: {
          200: z.object({
            entity: z.enum(ENTITIES),
            id: z.number().int(),
            items: z.array(z.object({ item: NamedItem, similarity: z.number() })),
          }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      await auth.caller(request);
      const { entity, id, limit } = request.query;
      return { entity, id, items: await service.similar(entity, id, limit) };
    },
  );

  function seedOf(q: z.infer<typeof RadioQuery>): RadioSeed {
    const given = [q.artist, q.recording, q.tag].filter((v) => v !== undefined).length;
    if (given !== 1)
      throw new AppError('INVALID_INPUT', 'A radio takes one seed: artist=ID, recording=ID or tag=NAME.');
    if (q.artist !== undefined) return { kind: 'artist', id: q.artist };
    if (q.recording !== undefined) return { kind: 'recording', id: q.recording };
    return { kind: 'tag', tag: q.tag! };
  }

  app.get(
    '/recommendations/radio',
    {
      schema: {
        tags,
        summary: 'A radio playlist from a seed artist, recording or tag',
        querystring: RadioQuery,
        response: {
          200: z.object({
            user: z.string(),
            title: z.string(),
            createdAt: z.string(),
            tracks: z.array(PlaylistTrack),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = await auth.readable(request, request.query.user);
      const playlist = await radio({
        service,
        reads: deps.reads.db,
        user,
        seed: seedOf(request.query),
        count: request.query.count,
        now: now(),
      });
      return {
        user: user.name,
        title: playlist.title,
        createdAt: playlist.createdAt,
        tracks: playlist.tracks,
      };
    },
  );

  app.get(
    '/recommendations/radio.jspf',
    {
      schema: {
        tags,
        summary: 'The same playlist as a JSPF file (ListenBrainz and players import it)',
        querystring: RadioQuery,
        response: {
          200: z.object({ playlist: z.record(z.string(), z.unknown()) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const user = await auth.readable(request, request.query.user);
      const playlist = await radio({
        service,
        reads: deps.reads.db,
        user,
        seed: seedOf(request.query),
        count: request.query.count,
        now: now(),
      });
      const file = `${
        playlist.title
          .replace(/[^\p{L}\p{N} _-]+/gu, '')
          .trim()
          .replace(/\s+/g, '-') || 'radio'
      }.jspf`;
      void reply.header('content-disposition', `attachment; filename="${file}"`);
      return toJspf(playlist, user.name);
    },
  );

  app.get(
    '/recommendations/models',
    {
      schema: {
        tags,
        summary: 'Trained model versions and retraining decisions with their reasons (admins)',
        querystring: z.object({
          entity: z.enum(ENTITIES).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({ versions: z.array(Version), retrains: z.array(RetrainRun) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      await auth.admin(request);
      const tables = recommendationTables(deps.reads.db);
      const filter = {
        limit: request.query.limit,
        ...(request.query.entity ? { entity: request.query.entity } : {}),
      };
      return { versions: await tables.listVersions(filter), retrains: await tables.listRetrains(filter) };
    },
  );

  app.post(
    '/recommendations/retrain',
    {
      schema: {
        tags,
        summary: 'Retrain when drift or age says so (or force), promote only a better model (admins)',
        body: z
          .object({
            entity: z.enum(ENTITIES).optional().describe('default: every entity'),
            force: z.boolean().default(false),
            model: z
              .enum(MODEL_KINDS)
              .optional()
              .describe(`the candidate's kind (default ${DEFAULT_SERVER_MODEL.kind})`),
          })
          .default({ force: false }),
        response: { 200: z.object({ runs: z.array(RetrainRun) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const { entity, force, model } = request.body;
      const runs = [];
      for (const e of entity ? [entity] : ENTITIES) {
        const outcome = await retrain({
          store: deps.store,
          entity: e,
          pool: sharedPool(),
          now: now(),
          force,
          ...(model ? { model: { kind: model, settings: {} } } : {}),
        });
        if (outcome.decision === 'promoted') await service.refresh(e);
        runs.push({ ...outcome, id: outcome.runId });
      }
      return { runs };
    },
  );

  done();
};
