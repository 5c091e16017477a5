import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { parseColumns } from '../../ingest/columns.js';
import { listFormats } from '../../sources/index.js';
import type { ColumnMapping, FormatName } from '../../sources/types.js';
import type { ImportJobSpec } from '../../jobs/import-jobs.js';
import type { ApiPlugin } from './context.js';
import { errors, ImportJob, UserName, UserQuery } from './schemas.js';

const FORMATS = listFormats().map((f) => f.name) as [FormatName, ...FormatName[]];

const ImportSettings = z.object({
  user: UserName.optional().describe(
    "whose history (default: the token's user; another user needs an admin token)",
  ),
  format: z.enum(FORMATS).optional().describe('skip detection and read every file as this format'),
  columns: z
    .string()
    .optional()
    .describe(
      'generic CSV/TSV: "artist=Artist,track=Title,timestamp=Played At[,release=Album]…" as in the CLI',
    ),
  encoding: z
    .enum(['utf8', 'latin1'])
    .optional()
    .describe(
      'absent: UTF-8, and a file that is Windows-1252 throughout is read as such; utf8: rows that are not ' +
        'UTF-8 are rejected; latin1: read as Windows-1252',
    ),
  dryRun: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .default(false),
});

const Run = z.object({
  id: z.number().int(),
  user: z.string().describe('the owner: the first user its listens went to, else the user it ran as'),
  users: z.array(z.string()).describe('every user its listens went to (a Last.fm 1K file names several)'),
  file: z.string(),
  format: z.string().nullable(),
  status: z.string().describe('running | completed | failed | interrupted | deleted (undone)'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  read: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
});

const Rejected = z.object({
  id: z.number().int(),
  importRunId: z.number().int(),
  file: z.string(),
  line: z.number().int(),
  status: z.string(),
  reason: z.string(),
  message: z.string(),
  raw: z.string().describe('the row exactly as the file had it'),
});

/**
 * The importer is shared with the CLI, so its messages name CLI flags (`--columns`, `--format`,
 * `--encoding latin1`, `listenhouse import --help`). What an upload shows names the multipart field
 * instead. Local imports (the CLI through the server) keep the flags: the CLI shows them.
 */
const UPLOAD_WORDING: [RegExp, string][] = [
  [/^--(columns|format|encoding): /, 'upload field $1: '],
  [/ \(see `listenhouse import --help`\)/g, ' (described under POST /api/imports at /docs)'],
  [/--(columns|format|encoding) (?=[^\s(])/g, 'the upload field $1 set to '],
  [/--(columns|format|encoding)\b/g, 'the upload field $1'],
];

export function uploadWording(message: string): string {
  return UPLOAD_WORDING.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

/** Files per upload request (the size of each is config server.maxUploadBytes). */
export const MAX_UPLOAD_FILES = 20;

/** /api/imports: uploads run as import jobs with progress; past runs and the rows they left out. */
export const importsPlugin: ApiPlugin = (app, deps, done) => {
  const { auth, jobs } = deps;
  const tags = ['imports'];

  function specOf(
    settings: z.infer<typeof ImportSettings>,
    who: { userName: string | undefined; defaultUserName: string; upload: boolean },
  ): Omit<ImportJobSpec, 'paths'> {
    let columns: ColumnMapping | undefined;
    try {
      columns = settings.columns ? parseColumns(settings.columns) : undefined;
    } catch (err) {
      if (!who.upload || !(err instanceof AppError)) throw err;
      throw new AppError(err.code, uploadWording(err.message));
    }
    const format = settings.format ?? (columns ? 'generic-csv' : undefined);
    return {
      ...(who.userName ? { userName: who.userName } : {}),
      defaultUserName: who.defaultUserName,
      dryRun: settings.dryRun,
      ...(settings.encoding ? { encoding: settings.encoding } : {}),
      ...(format ? { format } : {}),
      ...(columns ? { columns } : {}),
      ...(who.upload ? { reword: uploadWording } : {}),
    };
  }

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload export files (multipart/form-data) and import them as a job',
        description:
          'Send the files as file parts (zips are read in place) and, optionally, the fields `user`, `format`, ' +
          '`columns`, `encoding`, `dryRun` before them. The answer (202) is the job: poll `GET /api/imports/jobs/{id}` ' +
          `for progress and the report. At most ${MAX_UPLOAD_FILES} files, each up to ${deps.maxUploadBytes} bytes.`,
        consumes: ['multipart/form-data'],
        response: { 202: ImportJob, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError(
          'INVALID_INPUT',
          'Send the export files as multipart/form-data file parts (curl -F file=@export.zip).',
        );
      const fields: Record<string, string> = {};
      const dir = await mkdtemp(join(tmpdir(), 'listenhouse-upload-'));
      const paths: string[] = [];
      const displayNames = new Map<string, string>();
      let spec: ImportJobSpec | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          const name = basename(part.filename || `file-${paths.length + 1}`).replace(
            /[^\p{L}\p{N}._ -]/gu,
            '_',
          );
          const path = join(dir, `${paths.length + 1}-${name}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated)
            throw new AppError(
              'INVALID_INPUT',
              `${part.filename}: larger than the upload limit of ${deps.maxUploadBytes} bytes (LISTENHOUSE_MAX_UPLOAD_BYTES).`,
            );
          paths.push(path);
          displayNames.set(path, `upload:${part.filename || name}`);
        }
        if (paths.length === 0)
          throw new AppError(
            'INVALID_INPUT',
            'No file in the upload: send each export as a file part (curl -F file=@export.zip).',
          );
        const settings = ImportSettings.safeParse(fields);
        if (!settings.success)
          throw new AppError(
            'INVALID_INPUT',
            settings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        const user = await auth.writable(request, settings.data.user);
        spec = {
          ...specOf(settings.data, { userName: user.name, defaultUserName: user.name, upload: true }),
          paths,
          displayNames,
          cleanup: dir,
        };
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      return reply.code(202).send(jobs.start(spec));
    },
  );

  app.post(
    '/imports/local',
    {
      schema: {
        tags,
        summary: "Import files from the server's own disk (the CLI on the same machine only)",
        description:
          'Needs the local credential the server writes next to the database (what `listenhouse import` uses ' +
          'when a server holds the database); remote tokens upload with `POST /api/imports`.',
        body: ImportSettings.extend({ paths: z.array(z.string().min(1)).min(1) }),
        response: { 202: ImportJob, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const caller = await auth.caller(request);
      if (!caller.local)
        throw new AppError(
          'FORBIDDEN',
          "Importing from the server's disk is for the local CLI; upload the files to POST /api/imports.",
        );
      const body = request.body;
      // As the CLI: without a user, files that name their users (Last.fm 1K) use those.
      return reply.code(202).send(
        jobs.start({
          ...specOf(body, { userName: body.user, defaultUserName: caller.user.name, upload: false }),
          paths: body.paths,
        }),
      );
    },
  );

  app.get(
    '/imports/jobs',
    {
      schema: {
        tags,
        summary: 'Import jobs of this server run (newest first)',
        querystring: UserQuery,
        response: { 200: z.object({ jobs: z.array(ImportJob) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = await auth.writable(request, request.query.user);
      return { jobs: jobs.list(user.name) };
    },
  );

  app.get(
    '/imports/jobs/:id',
    {
      schema: {
        tags,
        summary: 'One import job: status, progress, and the report once finished',
        params: z.object({ id: z.string() }),
        response: { 200: ImportJob, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const caller = await auth.caller(request);
      const job = jobs.get(request.params.id);
      if (!job || (job.user !== caller.user.name && caller.user.role !== 'admin'))
        throw new AppError(
          'NOT_FOUND',
          `No import job ${request.params.id} (jobs are kept while the server runs).`,
        );
      return job;
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Past import runs (files) with their counts, newest first',
        querystring: UserQuery.extend({
          limit: z.coerce.number().int().min(1).max(1000).default(50),
          all: z.enum(['true', 'false']).default('false').describe("admins: every user's runs"),
        }),
        response: { 200: z.object({ user: z.string(), runs: z.array(Run) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.all === 'true') {
        const { user } = await auth.admin(request);
        return { user: user.name, runs: await deps.reads.importRuns.list(q.limit) };
      }
      const user = await auth.writable(request, q.user);
      return { user: user.name, runs: await deps.reads.importRuns.list(q.limit, user.id) };
    },
  );

  app.get(
    '/imports/rejected',
    {
      schema: {
        tags,
        summary: 'Rows imports left out, with the reason and the raw row',
        querystring: UserQuery.extend({
          status: z.enum(['rejected', 'skipped']).optional(),
          reason: z.string().optional(),
          run: z.coerce.number().int().positive().optional().describe('one import run'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.object({ user: z.string(), records: z.array(Rejected) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const user = await auth.writable(request, q.user);
      const records = await deps.reads.importRuns.rejected({
        userId: user.id,
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.reason ? { reason: q.reason } : {}),
        ...(q.run ? { importRunId: q.run } : {}),
      });
      return { user: user.name, records };
    },
  );
  done();
};
