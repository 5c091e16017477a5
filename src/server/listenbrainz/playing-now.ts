// What each user is playing right now, as ListenBrainz keeps it in Redis (reference §1.4): held in
// memory, never stored, gone when its time is up or the server restarts.
import type { ApiTrackMetadata } from './listen-shape.js';

/** How long an entry lives without a duration, in seconds (ListenBrainz's PLAYING_NOW_MAX_DURATION). */
export const PLAYING_NOW_MAX_S = 600;

export interface PlayingNowEntry {
  trackMetadata: ApiTrackMetadata;
  /** The submitting client (`additional_info.submission_client`), when given. */
  client: string | null;
  /** Epoch ms. */
  expires: number;
}

export class PlayingNowBoard {
  private readonly entries = new Map<number, PlayingNowEntry>();

  /**
   * Shows the track for `seconds` (ListenBrainz: `duration`, else `duration_ms` / 1000, else 600).
   * The same artist and track again while it is showing changes nothing, not even its time.
   * Returns false when it was ignored so.
   */
  set(userId: number, entry: Omit<PlayingNowEntry, 'expires'>, nowMs: number, seconds: number): boolean {
    const live = this.get(userId, nowMs);
    if (
      live &&
      live.trackMetadata.artist_name === entry.trackMetadata.artist_name &&
      live.trackMetadata.track_name === entry.trackMetadata.track_name
    ) {
      return false;
    }
    this.entries.set(userId, { ...entry, expires: nowMs + seconds * 1000 });
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
   * is left and 'other-client' returned.
   */
  clear(userId: number, nowMs: number, client?: string): 'cleared' | 'already-cleared' | 'other-client' {
    const live = this.get(userId, nowMs);
    if (!live) return 'already-cleared';
    if (client !== undefined && live.client !== client) return 'other-client';
    this.entries.delete(userId);
    return 'cleared';
  }
}
