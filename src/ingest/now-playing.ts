// What each user is playing right now, as ListenBrainz keeps it in Redis (reference §1.4): held in
// memory, never stored, gone when its time is up or the server restarts. One board per process
// (built by the composition root): the ListenBrainz API (`playing_now`), the Last.fm API
// (`track.updateNowPlaying`) and the live sources all write it, and every reader (`/1/…/playing-now`,
// `user.getRecentTracks`, the dashboard) reads it, so "now playing" is one thing whoever set it.

/** How long an entry lives without a duration, in seconds (ListenBrainz's PLAYING_NOW_MAX_DURATION). */
export const PLAYING_NOW_MAX_S = 600;

/** The track as every API can say it. */
export interface NowPlayingTrack {
  artist: string;
  track: string;
  release: string | null;
  /** Seconds, when known. */
  durationS: number | null;
}

export interface PlayingNowEntry {
  track: NowPlayingTrack;
  /** The submitting client (`additional_info.submission_client`, a Last.fm client's name), when given. */
  client: string | null;
  /** Which way it came: `listenbrainz`, `lastfm`, or a live source (`live:lastfm`, `live:plex`, …). */
  via: string;
  /**
   * ListenBrainz's `track_metadata` as the client sent it (names trimmed, its MSID added), so the
   * ListenBrainz API answers it unchanged; null when another way set it.
   */
  trackMetadata: Record<string, unknown> | null;
  /** Epoch ms: when it was set. */
  since: number;
  /** Epoch ms. */
  expires: number;
}

export type PlayingNowInput = Omit<PlayingNowEntry, 'expires' | 'since'>;

/** Seconds an entry shows: its duration, else ListenBrainz's 600. */
export function playingNowSeconds(track: NowPlayingTrack): number {
  return track.durationS !== null && track.durationS > 0 ? track.durationS : PLAYING_NOW_MAX_S;
}

export class PlayingNowBoard {
  private readonly entries = new Map<number, PlayingNowEntry>();

  /**
   * Shows the track for `seconds` (ListenBrainz: `duration`, else `duration_ms` / 1000, else 600).
   * The same artist and track again while it is showing changes nothing, not even its time.
   * Returns false when it was ignored so.
   */
  set(
    userId: number,
    entry: PlayingNowInput,
    nowMs: number,
    seconds = playingNowSeconds(entry.track),
  ): boolean {
    const live = this.get(userId, nowMs);
    if (live && live.track.artist === entry.track.artist && live.track.track === entry.track.track) {
      return false;
    }
    this.entries.set(userId, { ...entry, since: nowMs, expires: nowMs + seconds * 1000 });
    return true;
  }

  get(userId: number, nowMs: number): PlayingNowEntry | null {
    const entry = this.entries.get(userId);
    if (!entry) return null;
    if (entry.expires <= nowMs) {
      this.entries.delete(userId);
      return null;
    }
    return entry;
  }

  /**
   * Clears the user's entry. With `client`, only an entry that client sent: another client's entry
   * is left and 'other-client' returned. With `via`, only an entry that came that way (a live
   * source clearing what it set, never what a player sent).
   */
  clear(
    userId: number,
    nowMs: number,
    only: { client?: string; via?: string } = {},
  ): 'cleared' | 'already-cleared' | 'other-client' {
    const live = this.get(userId, nowMs);
    if (!live) return 'already-cleared';
    if (only.client !== undefined && live.client !== only.client) return 'other-client';
    if (only.via !== undefined && live.via !== only.via) return 'other-client';
    this.entries.delete(userId);
    return 'cleared';
  }
}
