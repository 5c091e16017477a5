import { z } from 'zod';
import { isDumpEntity } from '../../catalog/index.js';
import { AppError } from '../../domain/errors.js';
import { getGenreStats } from '../../stats/genres.js';
import { ENTITY_KINDS } from '../../stats/index.js';
import type { ApiPlugin } from './context.js';
import { errors, Range, UserQuery } from './schemas.js';

const MethodCounts = z.record(z.string(), z.number().int());

export const MatchReport = z
  .object({
    tuples: z.number().int().describe('distinct (artist credit, track, release) looked at'),
    listens: z.number().int(),
    counts: z.object({
      matched: z.number().int(),
      partial: z.number().int().describe('only the artists found'),
      unmatched: z.number().int(),
      linked: z.number().int().describe('linked by hand'),
      unlinked: z.number().int().describe('unlinked by hand'),
    }),
    listensMatched: z.number().int().describe('listens whose track got a recording'),
    byMethod: MethodCounts.describe('hand, submitted, exact, alias, split, fuzzy, none'),
    generation: z.number().int().describe('the catalogue generation matched against'),
    seconds: z.number(),
  })
  .meta({ id: 'MatchReport' });

const CatalogStatus = z
  .object({
    catalogue: z.object({
      artists: z.number().int(),
      releaseGroups: z.number().int(),
      releases: z.number().int(),
      recordings: z.number().int(),
      aliases: z.number().int(),
      isrcs: z.number().int(),
      tags: z.number().int(),
      generation: z.number().int(),
    }),
    imports: z.array(
      z.object({
        id: z.number().int(),
        file: z.string(),
        entity: z.string(),
        dumpTimestamp: z.string().nullable(),
        status: z.enum(['running', 'completed', 'truncated', 'failed', 'interrupted']),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        lines: z.number().int(),
        imported: z.number().int(),
        badLines: z.number().int(),
      }),
    ),
    matches: z.array(
      z.object({
        status: z.enum(['matched', 'partial', 'unmatched', 'linked', 'unlinked', 'pending']),
        method: z.string(),
        tuples: z.number().int(),
        listens: z.number().int(),
      }),
    ),
    listensMatched: z.number().describe('share of listens whose track has a recording, 0..1'),
    listens: z.number().int(),
  })
  .meta({ id: 'CatalogStatus' });

const PartReport = z.object({
  name: z.string(),
  entity: z.string(),
  lines: z.number().int(),
  imported: z.number().int(),
  embedded: z.record(z.string(), z.number().int()),
  badLines: z.number().int(),
  bad: z.array(z.object({ at: z.string(), line: z.number().int(), reason: z.string() })),
});

const CatalogImportJob = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    paths: z.array(z.string()),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: z
      .object({
        part: z.string(),
        entity: z.string(),
        lines: z.number().int(),
        imported: z.number().int(),
        bytesRead: z.number().int(),
        totalBytes: z.number().int(),
      })
      .nullable(),
    report: z
      .object({
        files: z.array(
          z.object({
            file: z.string(),
            status: z.enum(['completed', 'truncated', 'failed']),
            error: z.string().nullable(),
            dumpTimestamp: z.string().nullable(),
            parts: z.array(PartReport),
            skippedMembers: z.array(z.string()),
          }),
        ),
        lines: z.number().int(),
        imported: z.record(z.string(), z.number().int()),
        badLines: z.number().int(),
        complete: z.boolean(),
      })
      .nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'CatalogImportJob' });

const Image = z.object({
  url: z.string().describe('GET it: /api/images/{hash}, cached for a year (the hash is its content)'),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

const EntityCatalogue = z
  .object({
    kind: z.enum(ENTITY_KINDS),
    id: z.number().int(),
    mbid: z.string().nullable().describe('the MusicBrainz entity most of its matched listens point to'),
    releaseGroupMbid: z.string().nullable(),
    artwork: z
      .object({
        full: Image,
        thumb: Image,
        source: z.string().describe('coverartarchive, discogs or spotify'),
      })
      .nullable(),
    genres: z.array(
      z.object({
        genre: z.string().describe('a top-level genre of the canonical tree'),
        subgenre: z.string().nullable(),
        weight: z.number(),
        source: z
          .enum(['musicbrainz', 'discogs', 'keyword'])
          .describe('keyword: guessed, no genre was tagged'),
      }),
    ),
    description: z.object({ text: z.string(), source: z.enum(['llm', 'template']) }).nullable(),
  })
  .meta({ id: 'EntityCatalogue' });

const GenreStats = z
  .object({
    user: z.string(),
    range: Range,
    listens: z.number().int(),
    matched: z.number().int().describe('listens matched to MusicBrainz'),
    withGenre: z.number().int().describe('listens with a genre'),
    genres: z.array(
      z.object({
        genre: z.string(),
        plays: z.number().describe('listens, each shared among its genres by weight'),
        share: z.number(),
        guessedShare: z.number().describe('part of plays from the keyword fallback'),
      }),
    ),
    byHour: z.array(z.object({ genre: z.string(), hours: z.array(z.number()).length(24) })),
  })
  .meta({ id: 'GenreStats' });

/** /api/catalog: the MusicBrainz catalogue, matching now, dump imports; genres and artwork of pages. */
export const catalogPlugin: ApiPlugin = (app, deps, done) => {
  const { auth, catalog, catalogJobs, reads, now } = deps;

  app.get(
    '/catalog/status',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'What the catalogue holds, its imports, and how many listens are matched and how',
        response: { 200: CatalogStatus, ...errors(401) },
      },
    },
    async (request) => {
      await auth.caller(request);
      return catalog.status();
    },
  );

  app.post(
    '/catalog/match',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          'Match every pending (artist, track, release) now (admin; the server also does it in the background)',
        body: z.object({ threshold: z.number().min(0).max(1).optional() }).nullish(),
        response: { 200: MatchReport, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const threshold = request.body?.threshold;
      return catalog.match(threshold === undefined ? {} : { threshold });
    },
  );

  app.post(
    '/catalog/imports',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          "Import MusicBrainz dumps from the server's disk as a job (admin; `listenhouse catalog import` uses it)",
        body: z.object({
          paths: z.array(z.string().min(1)).min(1).describe('absolute paths on the server'),
          entity: z.string().optional().describe('artist, release-group, release or recording'),
        }),
        response: { 202: CatalogImportJob, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await auth.admin(request);
      const { paths, entity } = request.body;
      if (entity !== undefined && !isDumpEntity(entity))
        throw new AppError(
          'INVALID_INPUT',
          `entity takes artist, release-group, release or recording, not '${entity}'.`,
        );
      const spec = entity !== undefined && isDumpEntity(entity) ? { paths, entity } : { paths };
      return reply.code(202).send(catalogJobs.start(spec));
    },
  );

  app.get(
    '/catalog/imports/:id',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'A dump import job: progress, then its report (admin)',
        params: z.object({ id: z.string() }),
        response: { 200: CatalogImportJob, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      await auth.admin(request);
      const job = catalogJobs.get(request.params.id);
      if (!job)
        throw new AppError(
          'NOT_FOUND',
          `No catalogue import job ${request.params.id} (jobs are kept until the server restarts).`,
        );
      return job;
    },
  );

  app.get(
    '/catalog/entity/:kind/:id',
    {
      schema: {
        tags: ['catalogue'],
        summary: "An artist, release or track page's MusicBrainz identity, artwork, genres and description",
        params: z.object({ kind: z.enum(ENTITY_KINDS), id: z.coerce.number().int().min(1) }),
        querystring: UserQuery,
        response: { 200: EntityCatalogue, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await auth.readable(request, request.query.user);
      const { kind, id } = request.params;
      return catalogueOfEntity({ kind, id });
    },
  );

  async function catalogueOfEntity(entity: { kind: (typeof ENTITY_KINDS)[number]; id: number }) {
    const mbids = await reads.catalogue.entityMbids(entity);
    const candidates =
      entity.kind === 'artist'
        ? [{ entity: 'artist', mbid: mbids.artistMbid }]
        : [
            { entity: 'release-group', mbid: mbids.releaseGroupMbid },
            { entity: 'release', mbid: mbids.releaseMbid },
          ];
    const keys = candidates.filter((c): c is { entity: string; mbid: string } => c.mbid !== null);
    const artwork = await reads.enrichment.artwork(keys);
    const pick = (size: 'full' | 'thumb') =>
      keys
        .map((k) => artwork.find((a) => a.entity === k.entity && a.mbid === k.mbid && a.size === size))
        .find((a) => a);
    const full = pick('full');
    const thumb = pick('thumb') ?? full;
    const images =
      full && thumb
        ? await Promise.all([reads.enrichment.image(full.hash), reads.enrichment.image(thumb.hash)])
        : null;
    let genres: Awaited<ReturnType<typeof reads.enrichment.genres>> = [];
    let description: Awaited<ReturnType<typeof reads.enrichment.description>> = null;
    for (const k of keys) {
      if (genres.length === 0) genres = await reads.enrichment.genres(k);
      description ??= await reads.enrichment.description(k);
    }
    const asImage = (hash: string, stored: { width: number | null; height: number | null } | null) => ({
      url: `/api/images/${hash}`,
      width: stored?.width ?? null,
      height: stored?.height ?? null,
    });
    return {
      kind: entity.kind,
      id: entity.id,
      mbid:
        entity.kind === 'artist'
          ? mbids.artistMbid
          : entity.kind === 'release'
            ? (mbids.releaseMbid ?? mbids.releaseGroupMbid)
            : mbids.recordingMbid,
      releaseGroupMbid: mbids.releaseGroupMbid,
      artwork:
        full && thumb && images
          ? {
              full: asImage(full.hash, images[0]),
              thumb: asImage(thumb.hash, images[1]),
              source: full.source,
            }
          : null,
      genres: genres.map((g) => ({
        genre: g.genre,
        subgenre: g.subgenre,
        weight: Math.round(g.weight * 1000) / 1000,
        source: g.source,
      })),
      description: description ? { text: description.text, source: description.source } : null,
    };
  }

  app.get(
    '/stats/genres',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Top genres of the listens in a range, and how they spread over the hours of the day',
        querystring: UserQuery.extend({
          range: z.string().default('all_time').describe('as for every statistic (docs/statistics.md)'),
          tz: z.string().optional().describe("IANA zone for the hours (default: the user's own)"),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: GenreStats, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await auth.readable(request, q.user);
      const stats = await getGenreStats(reads.db, {
        userId: user.id,
        range: q.range,
        tz: q.tz ?? user.timeZone,
        now: now(),
        limit: q.limit,
      });
      return { user: user.name, ...stats };
    },
  );

  done();
};
