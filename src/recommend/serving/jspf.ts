/**
 * A playlist as JSPF, the JSON form of XSPF that ListenBrainz imports and exports
 * (musicbrainz.org/doc/jspf): tracks are identified by their MusicBrainz recording URL when the
 * MBID is known, and keep title, creator, album and duration either way, so players that match
 * by name can still find them.
 */
import type { Playlist } from './radio.js';

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

export function toJspf(playlist: Playlist, user: string): Jspf {
  const seed =
    playlist.seed.kind === 'tag'
      ? `the tag "${playlist.seed.tag}"`
      : `${playlist.seed.kind} #${playlist.seed.id}`;
  return {
    playlist: {
      title: playlist.title,
      creator: 'listenhouse',
      date: playlist.createdAt,
      annotation: `A radio playlist for ${user} from ${seed}, made by listenhouse.`,
      extension: { [PLAYLIST_EXTENSION]: { public: false, creator: 'listenhouse', created_for: user } },
      track: playlist.tracks.map((t) => ({
        title: t.title,
        creator: t.artist,
        ...(t.release ? { album: t.release } : {}),
        ...(t.durationMs !== null ? { duration: t.durationMs } : {}),
        ...(t.recordingMbid ? { identifier: [`https://musicbrainz.org/recording/${t.recordingMbid}`] } : {}),
        annotation: t.reason,
        extension: {
          [TRACK_EXTENSION]: {
            added_by: 'listenhouse',
            added_at: playlist.createdAt,
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
