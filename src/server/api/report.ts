import { z } from 'zod';
import { writeReportText } from '../../enrich/index.js';
import { getListeningReport, getSoundtracks, REPORT_PERIODS, reportFacts } from '../../stats/index.js';
import type { ApiPlugin } from './context.js';
import { errors, UserQuery } from './schemas.js';

const Entry = z.object({
  name: z.string(),
  plays: z.number().int(),
  previousRank: z.number().int().nullable(),
});
const Range = z.object({
  spec: z.string(),
  tz: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const ListeningReportSchema = z
  .object({
    user: z.string(),
    period: z.enum(REPORT_PERIODS),
    range: Range,
    plays: z.number().int(),
    knownMs: z.number(),
    previous: z.object({ range: Range.nullable(), plays: z.number().int() }).nullable(),
    change: z
      .number()
      .nullable()
      .describe('plays against the period before, as a share (0.25 = a quarter more)'),
    top: z.object({ artists: z.array(Entry), releases: z.array(Entry), recordings: z.array(Entry) }),
    discoveries: z.object({
      count: z.number().int(),
      top: z.array(z.object({ name: z.string(), plays: z.number().int(), firstListen: z.string() })),
    }),
    patterns: z.object({
      sessions: z.number().int(),
      sessionMinutes: z.number().nullable(),
      busiestHour: z.number().int().nullable(),
      busiestWeekday: z.string().nullable(),
    }),
    text: z.object({
      text: z.string(),
      source: z.enum(['llm', 'template']),
      model: z.string().nullable(),
      fallback: z
        .string()
        .nullable()
        .describe('why the template was used although an endpoint is configured'),
    }),
  })
  .meta({ id: 'ListeningReport' });

/** GET /api/stats/report: the listening report of the last week, month or year, with its short text. */
export const reportPlugin: ApiPlugin = (app, deps, done) => {
  app.get(
    '/stats/report',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'A listening report: what changed, the top of the period, discoveries, patterns, and a short text',
        description:
          'The text comes from the OpenAI-compatible chat endpoint of enrich.llmUrl (a haiku for a week, a summary ' +
          'for a month, a paragraph for a year), else from a template; an endpoint that fails or times out ' +
          'falls back to the template (`text.fallback` says why).',
        querystring: UserQuery.extend({
          period: z.enum(REPORT_PERIODS).default('week'),
          tz: z.string().optional().describe("IANA zone for days and hours (default: the user's own)"),
        }),
        response: { 200: ListeningReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await deps.auth.readable(request, request.query.user);
      const report = await getListeningReport(deps.reads.db, {
        userId: user.id,
        period: request.query.period,
        tz: request.query.tz ?? user.timeZone,
        now: deps.now(),
      });
      const text = await writeReportText(deps.enrichment.llm, reportFacts(report));
      return { user: user.name, ...report, text };
    },
  );
  app.get(
    '/stats/soundtracks',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Soundtracks played (film, TV and game music): their plays, share, and how each is known',
        description:
          'A release is a soundtrack when its MusicBrainz release group has the secondary type Soundtrack, when a ' +
          'genre of it is Stage & Screen (Discogs) or soundtrack, or by the title rule ("Original Motion Picture ' +
          'Soundtrack", "OST", "Music from the Series …", "Score"): `by` says which.',
        querystring: UserQuery.extend({
          range: z.string().default('all_time').describe('week | month | year | all_time | FROM..TO'),
          tz: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(50),
        }),
        response: {
          200: z.object({
            user: z.string(),
            range: Range,
            plays: z.number().int(),
            share: z.number().describe('of all plays in the range, 0..1'),
            releases: z.array(
              z.object({
                id: z.number().int(),
                title: z.string(),
                artist: z.string(),
                plays: z.number().int(),
                by: z.enum(['musicbrainz', 'genre', 'title']),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await deps.auth.readable(request, q.user);
      const found = await getSoundtracks(deps.reads.db, {
        userId: user.id,
        range: q.range,
        tz: q.tz ?? user.timeZone,
        now: deps.now(),
        limit: q.limit,
      });
      return { user: user.name, ...found };
    },
  );
  done();
};
