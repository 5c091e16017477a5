import type { Database } from '../../store/database.js';

export interface ApiListen {
  listened_at: number;
  inserted_at: number;
  recording_msid: string | null;
  user_name: string;
  track_metadata: {
    artist_name: string;
    track_name: string;
    release_name?: string;
    additional_info: Record<string, unknown>;
  };
}

interface ListenRowOut {
  at: bigint;
  inserted: bigint;
  artist: string;
  track: string;
  release: string | null;
  duration_ms: number | null;
  recording_mbid: string | null;
  release_mbid: string | null;
  artist_mbids: string[] | null;
  isrc: string | null;
  client: string | null;
  source_record_id: string | null;
}

/**
 * Listens in ListenBrainz's shape, newest first. Bounds are exclusive epoch seconds; with only
 * `minTs` the listens right after it are taken (so a client pages forward), then returned newest first.
 */
export async function listListens(
  db: Database,
  q: { userId: number; userName: string; minTs?: number; maxTs?: number; count: number },
): Promise<ApiListen[]> {
  const ascending = q.minTs !== undefined && q.maxTs === undefined;
  const rows = await db.all<ListenRowOut>(
    `SELECT epoch(listened_at)::BIGINT AS at, epoch(inserted_at)::BIGINT AS inserted, artist, track, release,
            duration_ms, recording_mbid, release_mbid, artist_mbids, isrc, client, source_record_id
     FROM listens
     WHERE user_id = $user
       AND ($min IS NULL OR listened_at > make_timestamp($min::BIGINT * 1000000))
       AND ($max IS NULL OR listened_at < make_timestamp($max::BIGINT * 1000000))
     ORDER BY listened_at ${ascending ? 'ASC' : 'DESC'}, id ${ascending ? 'ASC' : 'DESC'}
     LIMIT $count`,
    { user: q.userId, min: q.minTs ?? null, max: q.maxTs ?? null, count: q.count },
  );
  if (ascending) rows.reverse();
  return rows.map((r) => {
    const info: Record<string, unknown> = {};
    if (r.duration_ms !== null) info.duration_ms = r.duration_ms;
    if (r.recording_mbid) info.recording_mbid = r.recording_mbid;
    if (r.release_mbid) info.release_mbid = r.release_mbid;
    if (r.artist_mbids) info.artist_mbids = r.artist_mbids;
    if (r.isrc) info.isrc = r.isrc;
    if (r.client) info.submission_client = r.client;
    return {
      listened_at: Number(r.at),
      inserted_at: Number(r.inserted),
      recording_msid: r.source_record_id,
      user_name: q.userName,
      track_metadata: {
        artist_name: r.artist,
        track_name: r.track,
        ...(r.release ? { release_name: r.release } : {}),
        additional_info: info,
      },
    };
  });
}

export async function listenBounds(
  db: Database,
  userId: number,
): Promise<{ count: number; latest: number; oldest: number }> {
  const rows = await db.all<{ n: bigint; latest: bigint | null; oldest: bigint | null }>(
    `SELECT count(*) AS n, epoch(max(listened_at))::BIGINT AS latest, epoch(min(listened_at))::BIGINT AS oldest
     FROM listens WHERE user_id = ?`,
    [userId],
  );
  const r = rows[0]!;
  return { count: Number(r.n), latest: Number(r.latest ?? 0), oldest: Number(r.oldest ?? 0) };
}
