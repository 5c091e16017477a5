/**
 * Internet radio as players report it: the station as the artist and "Artist - Title" as the title
 * (Roon, Jellyfin and web players do this for streams). Recognised only for a stream (a play without
 * a track length, or one the player says is live), so a real track titled "A - B" stays as it is.
 */
export interface RadioPlay {
  artist: string;
  track: string;
  station: string;
}

const SPLIT = /^\s*(.+?)\s+[-–—]\s+(.+?)\s*$/;

export function radioPlay(play: {
  artist: string;
  track: string;
  durationMs?: number | null;
  /** The player says it is a live stream; undefined: a stream is a play without a length. */
  isStream?: boolean;
}): RadioPlay | null {
  const stream = play.isStream ?? !(play.durationMs && play.durationMs > 0);
  if (!stream) return null;
  const match = SPLIT.exec(play.track);
  if (!match) return null;
  const [, artist, track] = match as unknown as [string, string, string];
  // "Station - Station" or a title that only repeats the station is no song.
  if (
    artist.toLowerCase() === play.artist.trim().toLowerCase() &&
    track.toLowerCase() === artist.toLowerCase()
  )
    return null;
  return { artist, track, station: play.artist.trim() };
}
