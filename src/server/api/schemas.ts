import { z } from 'zod';
import { ERROR_CODES } from '../../domain/errors.js';

/**
 * Every failure under /api: the kind of failure from listenhouse's closed list, the HTTP status
 * again, a message that says what to do, and for a request that failed its schema the field.
 */
export const ErrorBody = z
  .object({
    code: z.enum(ERROR_CODES).describe('what kind of failure: one of a closed list, stable across versions'),
    status: z.number().int().describe('the HTTP status'),
    error: z.string().describe('what went wrong, where, and what to do'),
    field: z
      .string()
      .optional()
      .describe(
        'the first request field that failed validation (e.g. limit, name); where it was is in error',
      ),
  })
  .meta({ id: 'Error' });

export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<number, typeof ErrorBody>;

export const UserName = z
  .string()
  .regex(/^[\p{L}\p{N}._-]{1,64}$/u, 'a user name is 1-64 letters, digits, . _ -');

export const UserQuery = z.object({
  user: UserName.optional().describe(
    "whose data (default: the token's user); others need a public profile or an admin token",
  ),
});

export const User = z
  .object({
    name: z.string(),
    role: z.enum(['admin', 'user']),
    privacy: z.enum(['private', 'public']),
    timeZone: z.string(),
  })
  .meta({ id: 'User' });

export const Listen = z
  .object({
    id: z.number().int(),
    listenedAt: z.string().describe('start of the play, ISO-8601 UTC'),
    artist: z.string().describe('the artist credit as submitted'),
    track: z.string(),
    release: z.string().nullable(),
    artistId: z.number().int().describe('the primary (first credited) artist'),
    recordingId: z.number().int(),
    releaseId: z.number().int().nullable(),
    durationMs: z.number().int().nullable().describe('track length'),
    playedMs: z.number().int().nullable().describe('time actually played, when the source said'),
    recordingMbid: z.string().nullable(),
    releaseMbid: z.string().nullable(),
    artistMbids: z.array(z.string()),
    isrc: z.string().nullable(),
    spotifyUri: z.string().nullable(),
    source: z.string().describe('first source: listenbrainz, spotify, lastfm, …'),
    format: z.string().describe('the importer or API that read it'),
    client: z.string().nullable(),
    platform: z.string().nullable(),
    country: z.string().nullable(),
    importRunId: z.number().int().nullable(),
    insertedAt: z.string(),
    alsoFrom: z
      .array(z.object({ source: z.string(), format: z.string(), listenedAt: z.string() }))
      .describe('other sources that reported the same play (merged into this listen)'),
  })
  .meta({ id: 'Listen' });

const Counts = z.object({
  read: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
});

export const FileReport = z
  .object({
    file: z.string(),
    format: z.string().nullable(),
    formatTitle: z.string().nullable(),
    status: z.enum(['imported', 'unrecognised', 'unreadable', 'partial']),
    entries: z.number().int(),
    read: z.number().int(),
    inserted: z.number().int(),
    duplicates: z.number().int(),
    merged: z.number().int(),
    collectionItems: z.object({ inserted: z.number().int(), duplicates: z.number().int() }).optional(),
    encoding: z
      .enum(['utf8', 'windows-1252'])
      .describe('how the text was read: windows-1252 with encoding=latin1, or when the bytes were'),
    encodingDetected: z.boolean().describe('the bytes chose windows-1252 (no encoding was given)'),
    encodingNote: z
      .string()
      .optional()
      .describe('which entries were read as windows-1252, and from which line'),
    skipped: z.record(z.string(), z.number().int()),
    rejected: z.record(z.string(), z.number().int()),
    cleaned: z
      .record(z.string(), z.number().int())
      .describe(
        'listens stored with something removed that the raw row keeps (control_characters), by reason',
      ),
    examples: z.array(
      z.object({
        status: z.enum(['rejected', 'skipped', 'cleaned']),
        reason: z.string(),
        where: z.string(),
        message: z.string(),
      }),
    ),
    ignoredEntries: z.array(z.object({ entry: z.string(), reason: z.string() })),
    usersCreated: z.array(z.string()),
    importRunId: z.number().int().nullable(),
    seconds: z.number(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'FileReport' });

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    user: z.string(),
    files: z.array(FileReport),
    totals: Counts,
    seconds: z.number(),
  })
  .meta({ id: 'ImportReport' });

export const ImportJob = z
  .object({
    id: z.string(),
    user: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    files: z.array(z.string()),
    dryRun: z.boolean(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: z.object({
      file: z.string().nullable(),
      bytesRead: z.number().int(),
      totalBytes: z.number().int(),
      counts: Counts,
    }),
    report: ImportReport.nullable().describe('the same report as `listenhouse import --json`, once finished'),
    error: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });

export const Range = z.object({
  spec: z.string(),
  tz: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

/** The statistics' shared shapes (src/stats/types.ts), for every route that returns them. */
export const ListeningTime = { knownMs: z.number(), unknownTimePlays: z.number().int() };
export const TopEntry = z.object({
  rank: z.number().int(),
  id: z.number().int(),
  name: z.string(),
  mbid: z.string().nullable(),
  plays: z.number().int(),
  ...ListeningTime,
});
export const TopWithArtist = TopEntry.extend({ artist: z.string() });
export const Session = z.object({
  start: z.string(),
  end: z.string(),
  listens: z.number().int(),
  minutes: z.number(),
});
export const Streak = z.object({ start: z.string(), end: z.string(), days: z.number().int() });
