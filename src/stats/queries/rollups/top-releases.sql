-- top-releases-by-plays.sql and top-releases-by-time.sql for a range that holds the user's whole
-- history, from the all-time plays per release (rollup_releases_of: one row per release, so ranking
-- is a top-N sort with no grouping); listens without a release are not there. By plays, or by known
-- time when $by = 'time'; ties: the lower id first.
WITH ranked AS (
  SELECT release_id, plays, known_ms, unknown_plays
  FROM rollup_releases_of($user_id)
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, release_id
  LIMIT $limit
)
SELECT r.release_id AS id, rel.title AS name, rel.mbid, a.name AS artist,
       r.plays, r.known_ms, r.unknown_plays
FROM ranked r
JOIN releases rel ON rel.id = r.release_id
LEFT JOIN artists a ON a.id = rel.artist_id
ORDER BY CASE WHEN $by = 'time' THEN r.known_ms ELSE r.plays END DESC, r.release_id
