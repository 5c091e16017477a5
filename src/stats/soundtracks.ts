import { SOUNDTRACK_GENRES, SOUNDTRACK_TITLE_PATTERN } from '../domain/soundtracks.js';
import type { Database } from '../store/database.js';
import { textList } from '../store/rows.js';
import { num, str } from './mappers.js';
import { loadQuery } from './queries.js';
import { resolveStatsRange } from './stats-service.js';
import type { RangeInfo, StatsOptions } from './types.js';

export interface Soundtracks {
  range: RangeInfo;
  /** Plays of soundtracks in the range, and their share of all plays (0..1). */
  plays: number;
  share: number;
  releases: Array<{
    id: number;
    title: string;
    artist: string;
    plays: number;
    by: 'musicbrainz' | 'genre' | 'title';
  }>;
}

/** The soundtracks a user played in a range (film, TV and game music; domain/soundtracks.ts says how they are known). */
export async function getSoundtracks(
  db: Database,
  options: StatsOptions & { limit?: number },
): Promise<Soundtracks> {
  const { info, fromMs, toMs } = await resolveStatsRange(db, options);
  const rows = await db.all(loadQuery('soundtracks'), {
    user_id: options.userId,
    from_ms: fromMs,
    to_ms: toMs,
    pattern: SOUNDTRACK_TITLE_PATTERN,
    genres: textList(SOUNDTRACK_GENRES),
  });
  const plays = rows.reduce((n, r) => n + num(r.plays, 'plays'), 0);
  const all = rows[0] ? num(rows[0].all_plays, 'all_plays') : 0;
  return {
    range: info,
    plays,
    share: all > 0 ? Math.round((plays / all) * 10_000) / 10_000 : 0,
    releases: rows.slice(0, options.limit ?? 50).map((r) => ({
      id: num(r.release_id, 'release_id'),
      title: str(r.title, 'title'),
      artist: str(r.artist, 'artist'),
      plays: num(r.plays, 'plays'),
      by: str(r.why, 'why') as 'musicbrainz' | 'genre' | 'title',
    })),
  };
}
