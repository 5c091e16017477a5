/**
 * Playlists as JSPF, the JSON form of XSPF that ListenBrainz imports and exports
 * (musicbrainz.org/doc/jspf): a radio, or a user's recommended recordings. Tracks are identified by
 * their MusicBrainz recording URL when the MBID is known, and keep title, creator, album and
 * duration either way, so players that match by name can still find them; each track's annotation
 * says why it is there.
 */
import type { Playlist, PlaylistTrack } from './radio.js';
import type { RecommendationPlaylist } from './recommendation-playlist.js';

export interface JspfTrack {
  title: string;
  creator: string;
  album?: string;
  duration?: number;
  identifier?: string[];
  annotation: string;
  extension: Record<string, Record<string, unknown>>;
}

export interface Jspf {
  playlist: {
    title: string;
    creator: string;
    date: string;
    annotation: string;
    track: JspfTrack[];
    extension: Record<string, Record<string, unknown>>;
  };
}

const TRACK_EXTENSION = 'https://musicbrainz.org/doc/jspf#track';
const PLAYLIST_EXTENSION = 'https://musicbrainz.org/doc/jspf#playlist';

/** A radio playlist (radio.ts) as JSPF. */
export function toJspf(playlist: Playlist, user: string): Jspf {
  const seed =
    playlist.seed.kind === 'tag'
      ? `the tag "${playlist.seed.tag}"`
      : `${playlist.seed.kind} #${playlist.seed.id}`;
  return jspfOf({
    title: playlist.title,
    date: playlist.createdAt,
    annotation: `A radio playlist for ${user} from ${seed}, made by listenhouse.`,
    user,
    tracks: playlist.tracks,
  });
}

/**
 * A user's recommended recordings as JSPF, in the list's order, each track's annotation the
 * recommendation's reason. The playlist's date is when the list was computed, so the same list
 * gives the same file from the CLI and the API.
 */
export function recommendationsToJspf(playlist: RecommendationPlaylist): Jspf {
  const { model, user } = playlist;
  return jspfOf({
    title: playlist.title,
    date: playlist.computedAt,
    annotation:
      `${playlist.tracks.length} recording${playlist.tracks.length === 1 ? '' : 's'} recommended for ${user} by listenhouse ` +
      `(${model.kind} model #${model.id}, trained ${model.trainedAt}; computed ${playlist.computedAt}).`,
    user,
    tracks: playlist.tracks,
    // ListenBrainz marks the playlists its recommenders make with the algorithm behind them.
    additionalMetadata: {
      algorithm_metadata: {
        source_patch: 'listenhouse-recommendations',
        model: model.kind,
        model_version: model.id,
      },
    },
  });
}

function jspfOf(p: {
  title: string;
  date: string;
  annotation: string;
  user: string;
  tracks: readonly PlaylistTrack[];
  additionalMetadata?: Record<string, unknown>;
}): Jspf {
  return {
    playlist: {
      title: p.title,
      creator: 'listenhouse',
      date: p.date,
      annotation: p.annotation,
      extension: {
        [PLAYLIST_EXTENSION]: {
          public: false,
          creator: 'listenhouse',
          created_for: p.user,
          ...(p.additionalMetadata ? { additional_metadata: p.additionalMetadata } : {}),
        },
      },
      track: p.tracks.map((t) => ({
        title: t.title,
        creator: t.artist,
        ...(t.release ? { album: t.release } : {}),
        ...(t.durationMs !== null ? { duration: t.durationMs } : {}),
        ...(t.recordingMbid ? { identifier: [`https://musicbrainz.org/recording/${t.recordingMbid}`] } : {}),
        annotation: t.reason,
        extension: {
          [TRACK_EXTENSION]: {
            added_by: 'listenhouse',
            added_at: p.date,
            artist_identifiers: t.artistMbid ? [`https://musicbrainz.org/artist/${t.artistMbid}`] : [],
            ...(t.releaseMbid
              ? { release_identifier: `https://musicbrainz.org/release/${t.releaseMbid}` }
              : {}),
          },
        },
      })),
    },
  };
}
