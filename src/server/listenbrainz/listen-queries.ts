import type { Database } from '../../store/database.js';
import { apiListen, type StoredListenColumns } from './listen-shape.js';

export type ApiListen = ReturnType<typeof apiListen>;

interface ListenRowOut {
  at: bigint;
  inserted: bigint;
  artist: string;
  track: string;
  release: string | null;
  duration_ms: number | null;
  recording_mbid: string | null;
  release_mbid: string | null;
  release_group_mbid: string | null;
  artist_mbids: string[] | null;
  isrc: string | null;
  spotify_uri: string | null;
  client: string | null;
  raw: string | null;
}

/** A stored listen with its start and insertion time in whole epoch seconds (rounded down). */
export type StoredListenAt = StoredListenColumns & { listenedAt: number; insertedAt: number };

/** One user's listens between exclusive bounds in epoch seconds (a listen's start rounded down). */
export interface ListenRange {
  userId: number;
  minTs?: number;
  maxTs?: number;
}

const IN_RANGE = `user_id = $user
       AND ($min IS NULL OR listened_at >= make_timestamp(($min::BIGINT + 1) * 1000000))
       AND ($max IS NULL OR listened_at < make_timestamp($max::BIGINT * 1000000))`;

/**
 * Stored listens in the range, newest first, `offset` listens skipped (Last.fm pages by number);
 * `oldestFirst` takes them from the oldest end instead.
 */
export async function listStoredListens(
  db: Database,
  q: ListenRange & { count: number; offset?: number; oldestFirst?: boolean },
): Promise<StoredListenAt[]> {
  const order = q.oldestFirst ? 'ASC' : 'DESC';
  const rows = await db.all<ListenRowOut>(
    `SELECT epoch_ms(listened_at) // 1000 AS at, epoch_ms(inserted_at) // 1000 AS inserted, artist, track,
            release, duration_ms, recording_mbid, release_mbid, release_group_mbid, artist_mbids, isrc,
            spotify_uri, client, raw
     FROM listens
     WHERE ${IN_RANGE}
     ORDER BY listened_at ${order}, id ${order}
     LIMIT $count OFFSET $offset`,
    { user: q.userId, min: q.minTs ?? null, max: q.maxTs ?? null, count: q.count, offset: q.offset ?? 0 },
  );
  return rows.map((r) => ({
    listenedAt: Number(r.at),
    insertedAt: Number(r.inserted),
    artist: r.artist,
    track: r.track,
    release: r.release,
    durationMs: r.duration_ms,
    recordingMbid: r.recording_mbid,
    releaseMbid: r.release_mbid,
    releaseGroupMbid: r.release_group_mbid,
    artistMbids: r.artist_mbids,
    isrc: r.isrc,
    spotifyUri: r.spotify_uri,
    client: r.client,
    raw: r.raw,
  }));
}

/** How many listens the range holds. */
export async function countListens(db: Database, q: ListenRange): Promise<number> {
  const rows = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM listens WHERE ${IN_RANGE}`, {
    user: q.userId,
    min: q.minTs ?? null,
    max: q.maxTs ?? null,
  });
  return Number(rows[0]?.n ?? 0);
}

/**
 * Listens in ListenBrainz's shape, newest first. The API speaks whole epoch seconds: a listen's
 * `listened_at` is its start rounded down, and the bounds are exclusive in those seconds. With only
 * `minTs` the listens right after it are taken (so a client pages forward), then returned newest first.
 */
export async function listListens(
  db: Database,
  q: ListenRange & { userName: string; count: number },
): Promise<ApiListen[]> {
  const ascending = q.minTs !== undefined && q.maxTs === undefined;
  const rows = await listStoredListens(db, { ...q, oldestFirst: ascending });
  if (ascending) rows.reverse();
  return rows.map((r) => apiListen(r, q.userName));
}

/** The user's whole history: how many listens, and the newest and oldest start (epoch s; 0 without listens). */
export async function listenBounds(
  db: Database,
  userId: number,
): Promise<{ count: number; latest: number; oldest: number }> {
  const rows = await db.all<{ n: bigint; latest: bigint | null; oldest: bigint | null }>(
    `SELECT count(*) AS n, epoch_ms(max(listened_at)) // 1000 AS latest, epoch_ms(min(listened_at)) // 1000 AS oldest
     FROM listens WHERE user_id = ?`,
    [userId],
  );
  const r = rows[0]!;
  return { count: Number(r.n), latest: Number(r.latest ?? 0), oldest: Number(r.oldest ?? 0) };
}
