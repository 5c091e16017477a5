-- Which releases a user listened to most in [from, to), ranked by plays or by known listening time
-- (played_ms, else duration_ms), with each release's known time and plays of unknown length.
-- Listens without a release are left out.
WITH per_release AS (
  SELECT release_id,
         count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
    AND release_id IS NOT NULL
  GROUP BY release_id
),
ranked AS (
  SELECT * FROM per_release
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, release_id
  LIMIT $limit
)
SELECT r.release_id AS id, rel.title AS name, rel.mbid, a.name AS artist,
       r.plays, r.known_ms, r.unknown_plays
FROM ranked r
JOIN releases rel ON rel.id = r.release_id
LEFT JOIN artists a ON a.id = rel.artist_id
ORDER BY CASE WHEN $by = 'time' THEN r.known_ms ELSE r.plays END DESC, r.release_id
