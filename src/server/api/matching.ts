import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ApiPlugin } from './context.js';
import { errors, UserQuery } from './schemas.js';

/** A stored (artist credit, recording, release) in a URL: `credit-recording-release` (release 0: none). */
const TupleParam = z.object({
  tuple: z
    .string()
    .regex(
      /^\d+-\d+-\d+$/,
      'a track is named creditId-recordingId-releaseId, as GET /api/catalog/unmatched gives it',
    )
    .describe('creditId-recordingId-releaseId, as GET /api/catalog/unmatched gives it'),
});

function tupleOf(text: string): { creditId: number; recordingId: number; releaseId: number } {
  const [creditId, recordingId, releaseId] = text.split('-').map(Number) as [number, number, number];
  return { creditId, recordingId, releaseId };
}

const Status = z.enum(['matched', 'partial', 'unmatched', 'linked', 'unlinked', 'pending']);
const Method = z.enum(['hand', 'submitted', 'exact', 'alias', 'split', 'fuzzy', 'artist', 'none']);

const Suggestion = z.object({
  recordingMbid: z.string(),
  title: z.string(),
  artist: z.string(),
  confidence: z.number(),
});

const Unmatched = z
  .object({
    tuple: z.string().describe('creditId-recordingId-releaseId: the id to link or unlink'),
    artist: z.string(),
    track: z.string(),
    release: z.string().nullable(),
    plays: z.number().int(),
    lastPlayed: z.string(),
    status: Status.describe('pending: not looked at yet; partial: only the artists found; unlinked: by hand'),
    method: Method,
    confidence: z.number(),
    artistMbids: z.array(z.string()),
    recordingMbid: z.string().nullable().describe('the recording matched (only in the list of all tracks)'),
    suggestion: Suggestion.nullable().describe('the best candidate below the threshold'),
  })
  .meta({ id: 'UnmatchedTrack' });

const TupleMatch = z
  .object({
    tuple: z.string(),
    artist: z.string(),
    track: z.string(),
    release: z.string().nullable(),
    status: Status,
    method: Method,
    confidence: z.number(),
    artistMbids: z.array(z.string()),
    recordingMbid: z.string().nullable(),
    releaseMbid: z.string().nullable(),
    releaseGroupMbid: z.string().nullable(),
  })
  .meta({ id: 'TrackMatch' });

const MBID = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'an MBID: 36 characters, lower-case hex and dashes',
  );

/** /api/catalog/unmatched and /api/catalog/matches: the matching view, and linking by hand. */
export const matchingPlugin: ApiPlugin = (app, deps, done) => {
  const { auth, catalog } = deps;

  app.get(
    '/catalog/unmatched',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          "A user's most played tracks without a recording match (none yet, nothing found, artists only, unlinked)",
        querystring: UserQuery.extend({
          search: z.string().min(1).optional().describe('text in the artist or the title (case ignored)'),
          all: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: matched tracks too, to check or unlink them (default: only those without a recording)'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({
            user: z.string(),
            total: z.number().int(),
            next: z.number().int().nullable(),
            entries: z.array(Unmatched),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await auth.readable(request, q.user);
      const page = await catalog.unmatched({
        userId: user.id,
        limit: q.limit,
        offset: q.offset,
        all: q.all === 'true',
        ...(q.search ? { search: q.search } : {}),
      });
      return {
        user: user.name,
        total: page.total,
        next: q.offset + page.entries.length < page.total ? q.offset + page.entries.length : null,
        entries: page.entries.map(({ creditId, recordingId, releaseId, ...e }) => ({
          tuple: `${creditId}-${recordingId}-${releaseId}`,
          ...e,
        })),
      };
    },
  );

  app.get(
    '/catalog/matches/:tuple',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One track and its match: status, method, confidence, MBIDs',
        params: TupleParam,
        response: { 200: TupleMatch, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const caller = await auth.caller(request);
      return shaped(await catalog.tuple({ ...tupleOf(request.params.tuple), userId: caller.user.id }));
    },
  );

  app.post(
    '/catalog/matches/:tuple/link',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          'Link a track to a MusicBrainz recording by hand: it wins over every automatic match, now and later',
        params: TupleParam,
        body: z.object({
          recordingMbid: MBID,
          artistMbids: z
            .array(MBID)
            .optional()
            .describe("in credit order; default: the recording's credit in the catalogue"),
          releaseMbid: MBID.nullable().optional(),
        }),
        response: { 200: TupleMatch, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = await auth.caller(request);
      const b = request.body;
      return shaped(
        await catalog.link({
          ...tupleOf(request.params.tuple),
          userId: caller.user.id,
          admin: caller.user.role === 'admin',
          recordingMbid: b.recordingMbid,
          ...(b.artistMbids ? { artistMbids: b.artistMbids } : {}),
          ...(b.releaseMbid !== undefined ? { releaseMbid: b.releaseMbid } : {}),
        }),
      );
    },
  );

  app.post(
    '/catalog/matches/:tuple/unlink',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          'Unlink a track by hand: it stays unmatched whatever matching finds later (link it again to undo)',
        params: TupleParam,
        response: { 200: TupleMatch, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const caller = await auth.caller(request);
      return shaped(
        await catalog.unlink({
          ...tupleOf(request.params.tuple),
          userId: caller.user.id,
          admin: caller.user.role === 'admin',
        }),
      );
    },
  );

  done();
};

function shaped(m: {
  creditId: number;
  recordingId: number;
  releaseId: number;
  artist: string;
  track: string;
  release: string | null;
  status: z.infer<typeof Status>;
  method: z.infer<typeof Method>;
  confidence: number;
  artistMbids: string[];
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
}): z.infer<typeof TupleMatch> {
  if (!m) throw new AppError('NOT_FOUND', 'No such track.');
  return {
    tuple: `${m.creditId}-${m.recordingId}-${m.releaseId}`,
    artist: m.artist,
    track: m.track,
    release: m.release,
    status: m.status,
    method: m.method,
    confidence: m.confidence,
    artistMbids: m.artistMbids,
    recordingMbid: m.recordingMbid,
    releaseMbid: m.releaseMbid,
    releaseGroupMbid: m.releaseGroupMbid,
  };
}
