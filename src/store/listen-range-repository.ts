/**
 * One user's listens between exclusive bounds in whole epoch seconds: what the ListenBrainz and
 * Last.fm APIs page through (they speak seconds; a listen's start is rounded down).
 */
import type { ListenText } from '../domain/msid.js';
import type { Database } from './database.js';
import { RawRecords } from './raw-records.js';
import { num, numOrNull, str, strOrNull, strsOrNull, type Row } from './rows.js';

/** The stored columns a ListenBrainz or Last.fm listen is shaped from. */
export interface StoredListenColumns extends ListenText {
  durationMs: number | null;
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
  artistMbids: string[] | null;
  isrc: string | null;
  spotifyUri: string | null;
  client: string | null;
  /** The record as its source gave it (a bulk import's reference resolved: raw-records.ts). */
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

function toStoredListenAt(r: Row): StoredListenAt {
  return {
    listenedAt: num(r.at, 'at'),
    insertedAt: num(r.inserted, 'inserted'),
    artist: str(r.artist, 'artist'),
    track: str(r.track, 'track'),
    release: strOrNull(r.release, 'release'),
    durationMs: numOrNull(r.duration_ms, 'duration_ms'),
    recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
    artistMbids: strsOrNull(r.artist_mbids, 'artist_mbids'),
    isrc: strOrNull(r.isrc, 'isrc'),
    spotifyUri: strOrNull(r.spotify_uri, 'spotify_uri'),
    client: strOrNull(r.client, 'client'),
    raw: strOrNull(r.raw, 'raw'),
  };
}

/**
 * Stored listens in the range, newest first, `offset` listens skipped (Last.fm pages by number);
 * `oldestFirst` takes them from the oldest end instead.
 */
export async function listStoredListens(
  db: Database,
  q: ListenRange & { count: number; offset?: number; oldestFirst?: boolean },
): Promise<StoredListenAt[]> {
  // The direction is one of two keywords, never a value from the request.
  const order = q.oldestFirst ? 'ASC' : 'DESC';
  const rows = await db.all(
    `SELECT epoch_ms(listened_at) // 1000 AS at, epoch_ms(inserted_at) // 1000 AS inserted, artist, track,
            release, duration_ms, recording_mbid, release_mbid, release_group_mbid, artist_mbids, isrc,
            spotify_uri, client, raw
     FROM listens
     WHERE ${IN_RANGE}
     ORDER BY listened_at ${order}, id ${order}
     LIMIT $count OFFSET $offset`,
    { user: q.userId, min: q.minTs ?? null, max: q.maxTs ?? null, count: q.count, offset: q.offset ?? 0 },
  );
  const raw = new RawRecords(db);
  return Promise.all(
    rows.map(async (r) => ({ ...toStoredListenAt(r), raw: await raw.text(strOrNull(r.raw, 'raw')) })),
  );
}

/** How many listens the range holds. */
export async function countListens(db: Database, q: ListenRange): Promise<number> {
  const rows = await db.all(`SELECT count(*) AS n FROM listens WHERE ${IN_RANGE}`, {
    user: q.userId,
    min: q.minTs ?? null,
    max: q.maxTs ?? null,
  });
  return rows[0] ? num(rows[0].n, 'n') : 0;
}

/** The user's whole history: how many listens, and the newest and oldest start (epoch s; 0 without listens). */
export async function listenBounds(
  db: Database,
  userId: number,
): Promise<{ count: number; latest: number; oldest: number }> {
  const rows = await db.all(
    `SELECT count(*) AS n, epoch_ms(max(listened_at)) // 1000 AS latest, epoch_ms(min(listened_at)) // 1000 AS oldest
     FROM listens WHERE user_id = ?`,
    [userId],
  );
  const r = rows[0];
  if (!r) return { count: 0, latest: 0, oldest: 0 };
  return {
    count: num(r.n, 'n'),
    latest: numOrNull(r.latest, 'latest') ?? 0,
    oldest: numOrNull(r.oldest, 'oldest') ?? 0,
  };
}
