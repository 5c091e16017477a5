-- Which releases a user played most in [from, to), with each one's known listening time
-- (played_ms, else duration_ms) and plays of unknown length. Listens without a release are left
-- out; ties: the lower id first. Two passes, as in top-recordings-by-plays.sql.
WITH ranked AS (
  SELECT release_id, count(*) AS plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
    AND release_id IS NOT NULL
  GROUP BY release_id
  ORDER BY plays DESC, release_id
  LIMIT $limit
),
timed AS (
  SELECT l.release_id,
         coalesce(sum(coalesce(l.played_ms, l.duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(l.played_ms, l.duration_ms)) AS unknown_plays
  FROM listens l
  JOIN ranked r ON r.release_id = l.release_id
  WHERE l.user_id = $user_id
    AND l.listened_at >= epoch_ms($from_ms) AND l.listened_at < epoch_ms($to_ms)
  GROUP BY l.release_id
)
SELECT r.release_id AS id, rel.title AS name, rel.mbid, a.name AS artist,
       r.plays, t.known_ms, t.unknown_plays
FROM ranked r
JOIN timed t ON t.release_id = r.release_id
JOIN releases rel ON rel.id = r.release_id
LEFT JOIN artists a ON a.id = rel.artist_id
ORDER BY r.plays DESC, r.release_id
