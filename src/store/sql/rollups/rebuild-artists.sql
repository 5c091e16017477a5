-- rollup_artists recomputed from the listens, of every user ($user_id NULL) or one: per credit first
-- (few rows), then to each credited artist once.
INSERT INTO rollup_artists
WITH per_credit AS (
  SELECT user_id, artist_credit_id, count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER
  GROUP BY user_id, artist_credit_id
)
SELECT c.user_id, m.artist_id, sum(c.plays), sum(c.known_ms), sum(c.unknown_plays)
FROM per_credit c
JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members) m ON m.credit_id = c.artist_credit_id
GROUP BY c.user_id, m.artist_id
ORDER BY c.user_id, m.artist_id
