/**
 * JSPF (xspf.org/jspf, the JSON form of XSPF 1) as ListenBrainz reads and writes it
 * (musicbrainz.org/doc/jspf): the playlist and track members XSPF names and no others, URIs where
 * XSPF wants URIs, durations in whole milliseconds, dates as xsd:dateTime, and the ListenBrainz
 * playlist and track extensions with their own members. Exports are read back through it.
 */
import { z } from 'zod';

const Uri = z.url();
const DateTime = z.iso.datetime({ offset: true });
const MbUrl = (kind: 'recording' | 'artist' | 'release') =>
  z
    .string()
    .regex(new RegExp(`^https://musicbrainz\\.org/${kind}/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$`));

const Link = z.record(Uri, Uri);
const Meta = z.record(Uri, z.string());

const TrackExtension = z
  .object({
    added_by: z.string(),
    added_at: DateTime,
    artist_identifiers: z.array(MbUrl('artist')),
    release_identifier: MbUrl('release').optional(),
    additional_metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const PlaylistExtension = z
  .object({
    public: z.boolean(),
    creator: z.string(),
    created_for: z.string().optional(),
    last_modified_at: DateTime.optional(),
    collaborators: z.array(z.string()).optional(),
    copied_from: Uri.optional(),
    copied_from_deleted: z.boolean().optional(),
    additional_metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const JspfTrackSchema = z
  .object({
    location: z.array(Uri).optional(),
    identifier: z.array(MbUrl('recording')).optional(),
    title: z.string().min(1).optional(),
    creator: z.string().min(1).optional(),
    annotation: z.string().optional(),
    info: Uri.optional(),
    image: Uri.optional(),
    album: z.string().optional(),
    trackNum: z.number().int().nonnegative().optional(),
    duration: z.number().int().nonnegative().optional(),
    link: z.array(Link).optional(),
    meta: z.array(Meta).optional(),
    extension: z.object({ 'https://musicbrainz.org/doc/jspf#track': TrackExtension }).strict().optional(),
  })
  .strict();

export const JspfSchema = z
  .object({
    playlist: z
      .object({
        title: z.string().min(1).optional(),
        creator: z.string().optional(),
        annotation: z.string().optional(),
        info: Uri.optional(),
        location: Uri.optional(),
        identifier: Uri.optional(),
        image: Uri.optional(),
        date: DateTime.optional(),
        license: Uri.optional(),
        attribution: z.array(z.partialRecord(z.enum(['location', 'identifier']), Uri)).optional(),
        link: z.array(Link).optional(),
        meta: z.array(Meta).optional(),
        extension: z
          .object({ 'https://musicbrainz.org/doc/jspf#playlist': PlaylistExtension })
          .strict()
          .optional(),
        track: z.array(JspfTrackSchema),
      })
      .strict(),
  })
  .strict();

export type ValidJspf = z.infer<typeof JspfSchema>;

/** The file's problems, one line each (empty when it is valid JSPF). */
export function jspfProblems(value: unknown): string[] {
  const result = JspfSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
