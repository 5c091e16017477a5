/**
 * Short plays, as a stand-in for skips: the store keeps no skip flag (Spotify's `skipped` stays in
 * the raw record, and its plays under 30 s are left out at import), only the time a play lasted
 * where the source said (`played_ms`). A play is short when it lasted under 30 s or under half the
 * track's length. Plays without `played_ms` are neither short nor long: `timed` says how many had it.
 */
import type { Database } from '../store/database.js';
import { num } from './mappers.js';
import { loadQuery } from './queries.js';
import { resolveStatsRange } from './stats-service.js';
import type { RangeInfo, StatsOptions } from './types.js';

/** Under this many ms a play is short whatever the track's length. */
export const SHORT_PLAY_MS = 30_000;

export interface ShortPlays {
  range: RangeInfo;
  /** Every play in the range. */
  plays: number;
  /** Plays whose source reported the time played; only these can be short. */
  timed: number;
  /** Timed plays under 30 s or under half the track's length. */
  short: number;
  /** short / timed, 0-1; null when no play was timed. */
  share: number | null;
}

export async function getShortPlays(db: Database, options: StatsOptions): Promise<ShortPlays> {
  const { info, fromMs, toMs } = await resolveStatsRange(db, options);
  const [row] = await db.all(loadQuery('skips'), {
    user_id: options.userId,
    from_ms: fromMs,
    to_ms: toMs,
    min_ms: SHORT_PLAY_MS,
  });
  const timed = num(row?.timed ?? 0, 'timed');
  const short = num(row?.short ?? 0, 'short');
  return {
    range: info,
    plays: num(row?.plays ?? 0, 'plays'),
    timed,
    short,
    share: timed === 0 ? null : short / timed,
  };
}
