/**
 * Roon zones to plays, by the Last.fm rule (formats.md §6.1): a track counts once it has played for
 * half its length or 4 minutes (and is over 30 s). Fed every zone update (now playing and seek
 * position); it follows how far each zone's track has played — seek moves forward while playing,
 * a jump back or a new track starts over — and hands each play that counts once. Pure: no clock of
 * its own, no I/O.
 */
import { countsAsListen } from '../../domain/scrobble-rule.js';

export interface RoonNowPlaying {
  /** `three_line`: title, artist, album. */
  title: string;
  artist: string;
  album: string | null;
  /** Seconds; absent for a stream. */
  lengthS: number | null;
}

export interface ZoneUpdate {
  zoneId: string;
  zoneName: string;
  state: 'playing' | 'paused' | 'loading' | 'stopped';
  nowPlaying: RoonNowPlaying | null;
  /** Seconds into the track. */
  seekS: number | null;
}

export interface RoonPlay {
  zoneName: string;
  track: RoonNowPlaying;
  /** Epoch ms: when the play started. */
  startedAt: number;
  playedMs: number;
}

interface Following {
  key: string;
  track: RoonNowPlaying;
  startedAt: number;
  /** The furthest seek reached while playing, ms. */
  playedMs: number;
  lastSeekS: number;
  counted: boolean;
}

const keyOf = (t: RoonNowPlaying) => `${t.artist}\u0000${t.title}\u0000${t.album ?? ''}`;

export class ZoneScrobbler {
  private readonly zones = new Map<string, Following>();

  /** The play that now counts, when this update makes one count (once per play). */
  update(update: ZoneUpdate, nowMs: number): RoonPlay | null {
    const track = update.nowPlaying;
    let following = this.zones.get(update.zoneId);
    if (!track) {
      this.zones.delete(update.zoneId);
      return null;
    }
    const seek = update.seekS ?? 0;
    const key = keyOf(track);
    // A new track, or the same one started again from the beginning (a repeat).
    if (!following || following.key !== key || (seek + 2 < following.lastSeekS && seek < 5)) {
      following = {
        key,
        track,
        startedAt: nowMs - seek * 1000,
        playedMs: 0,
        lastSeekS: seek,
        counted: false,
      };
      this.zones.set(update.zoneId, following);
    }
    if (update.state === 'playing') {
      const step = seek - following.lastSeekS;
      // Only time played forward counts (a seek ahead does not, beyond a few seconds between updates).
      if (step > 0 && step <= 10) following.playedMs += step * 1000;
    }
    following.lastSeekS = seek;
    if (following.counted) return null;
    const lengthMs = track.lengthS !== null && track.lengthS > 0 ? track.lengthS * 1000 : null;
    if (!countsAsListen(following.playedMs, lengthMs)) return null;
    following.counted = true;
    return { zoneName: update.zoneName, track, startedAt: following.startedAt, playedMs: following.playedMs };
  }
}
