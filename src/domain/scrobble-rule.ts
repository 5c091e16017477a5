/**
 * Last.fm's rule for when a play counts (reference formats.md §1.5, §6.1): the track is longer than
 * 30 s and was played for half its length or 4 minutes, whichever comes first. Without a track
 * length, 4 minutes of play count (a stream), and under 30 s never does.
 */
export const MIN_TRACK_MS = 30_000;
export const ENOUGH_MS = 240_000;

export function countsAsListen(playedMs: number, durationMs: number | null): boolean {
  if (durationMs !== null && durationMs > 0) {
    if (durationMs <= MIN_TRACK_MS) return false;
    return playedMs >= Math.min(durationMs / 2, ENOUGH_MS);
  }
  return playedMs >= ENOUGH_MS;
}
