-- compare-artists.sql for a range that holds both users' whole histories, from their all-time plays
-- per artist credit (rollup_credits_of): one row per artist either user played, with both counts.
WITH per_credit AS (
  SELECT $user_id AS user_id, artist_credit_id, plays FROM rollup_credits_of($user_id)
  UNION ALL
  SELECT $other_id AS user_id, artist_credit_id, plays FROM rollup_credits_of($other_id)
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
