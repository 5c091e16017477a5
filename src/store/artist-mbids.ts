/** MBIDs of the artists behind catalogue entries, for the ListenBrainz top lists' `artist_mbids`. */
import type { Database } from './database.js';
import { idList, num, strsOrNull } from './rows.js';

/**
 * By entry id: the credited artists' MBIDs of each recording (in credit order), or the release
 * artist's of each release. Entries whose artists have no MBID are missing from the map.
 */
export async function findArtistMbids(
  db: Database,
  of: 'recordings' | 'releases',
  ids: readonly number[],
): Promise<Map<number, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all(
    of === 'recordings'
      ? `SELECT rec.id, list(a.mbid ORDER BY m.position) FILTER (WHERE a.mbid IS NOT NULL) AS mbids
         FROM recordings rec
         JOIN artist_credit_members m ON m.credit_id = rec.artist_credit_id
         JOIN artists a ON a.id = m.artist_id
         WHERE list_contains($ids, rec.id) GROUP BY rec.id`
      : `SELECT rel.id, list(a.mbid) FILTER (WHERE a.mbid IS NOT NULL) AS mbids
         FROM releases rel JOIN artists a ON a.id = rel.artist_id
         WHERE list_contains($ids, rel.id) GROUP BY rel.id`,
    { ids: idList(ids) },
  );
  return new Map(rows.map((r) => [num(r.id, 'id'), strsOrNull(r.mbids, 'mbids') ?? []]));
}
