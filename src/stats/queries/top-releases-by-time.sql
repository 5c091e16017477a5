-- Which releases a user listened to longest in [from, to): ranked by known listening time
-- (played_ms, else duration_ms), with plays and plays of unknown length. Listens without a release
-- are left out; ties: the lower id first.
WITH per_release AS (
  SELECT release_id,
         count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
    AND release_id IS NOT NULL
  GROUP BY release_id
  ORDER BY known_ms DESC, release_id
  LIMIT $limit
)
SELECT r.release_id AS id, rel.title AS name, rel.mbid, a.name AS artist,
       r.plays, r.known_ms, r.unknown_plays
FROM per_release r
JOIN releases rel ON rel.id = r.release_id
LEFT JOIN artists a ON a.id = rel.artist_id
ORDER BY r.known_ms DESC, r.release_id
