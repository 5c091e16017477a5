/**
 * Changes to stored listens after the fact: today, deleting them. Shared by the ListenBrainz API
 * (`POST /1/delete-listen`) and, later, listenhouse's own REST API.
 *
 * A deletion removes the listen row and the further sources recorded for it (`listen_sources`),
 * and nothing else: the catalogue (artists, recordings, releases) keeps its entries, and statistics
 * change on their next query because they read the listens table directly. Nothing remembers the
 * deletion, so importing or submitting the same play again stores it again.
 */
import type { Database } from './database.js';

/** A stored listen as an edit needs to see it: its id and the text it was stored with. */
export interface StoredListenText {
  id: bigint;
  /** Start of the play, UTC epoch ms. */
  listenedAtMs: number;
  artist: string;
  track: string;
  release: string | null;
}

/** The user's listens that started in [fromMs, toMs), UTC epoch ms, oldest first. */
export async function findListensStartedIn(
  db: Database,
  query: { userId: number; fromMs: number; toMs: number },
): Promise<StoredListenText[]> {
  const rows = await db.all<{
    id: bigint;
    at_ms: bigint;
    artist: string;
    track: string;
    release: string | null;
  }>(
    `SELECT id, epoch_ms(listened_at) AS at_ms, artist, track, release
     FROM listens
     WHERE user_id = $user
       AND listened_at >= make_timestamp($from::BIGINT * 1000) AND listened_at < make_timestamp($to::BIGINT * 1000)
     ORDER BY listened_at, id`,
    { user: query.userId, from: query.fromMs, to: query.toMs },
  );
  return rows.map((r) => ({
    id: r.id,
    listenedAtMs: Number(r.at_ms),
    artist: r.artist,
    track: r.track,
    release: r.release,
  }));
}

/**
 * Deletes the user's listens with these ids, and their `listen_sources` rows, in one committed
 * transaction on the write connection (inside a caller's transaction it joins that one). Ids that
 * are not this user's are left alone. Returns how many listens were deleted.
 */
export async function deleteListens(db: Database, userId: number, ids: readonly bigint[]): Promise<number> {
  if (ids.length === 0) return 0;
  const list = ids.map((id) => BigInt(id).toString()).join(', ');
  return db.transaction(async () => {
    const deleted = await db.all<{ id: bigint }>(
      `DELETE FROM listens WHERE user_id = ? AND id IN (${list}) RETURNING id`,
      [userId],
    );
    if (deleted.length > 0) {
      await db.run(
        `DELETE FROM listen_sources WHERE user_id = ? AND listen_id IN (${deleted.map((r) => r.id).join(', ')})`,
        [userId],
      );
    }
    return deleted.length;
  });
}
