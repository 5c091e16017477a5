-- Two users' plays per artist in [from, to), side by side: every credited artist of a listen counts
-- (as in top-artists-by-plays.sql). One row per artist either user played, with both counts (0 for
-- the one who did not) and each user's total plays of artists, for shares and the cosine similarity.
WITH per_credit AS (
  SELECT user_id, artist_credit_id, count(*) AS plays
  FROM listens
  WHERE user_id IN ($user_id, $other_id)
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
  GROUP BY user_id, artist_credit_id
),
per_artist AS (
  SELECT c.user_id, m.artist_id, sum(c.plays) AS plays
  FROM per_credit c
  JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members
        WHERE credit_id IN (SELECT artist_credit_id FROM per_credit)) m
    ON m.credit_id = c.artist_credit_id
  GROUP BY c.user_id, m.artist_id
)
SELECT p.artist_id AS id, a.name, a.mbid,
       sum(CASE WHEN p.user_id = $user_id THEN p.plays ELSE 0 END) AS plays,
       sum(CASE WHEN p.user_id = $other_id THEN p.plays ELSE 0 END) AS other_plays
FROM per_artist p
JOIN artists a ON a.id = p.artist_id
GROUP BY p.artist_id, a.name, a.mbid
