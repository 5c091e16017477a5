-- top-artists-by-plays.sql and top-artists-by-time.sql for a range that holds the user's whole
-- history, from the all-time plays per artist credit (rollup_credits_of): every credited artist of a
-- listen gets it, a credit naming one artist twice counts once for them. Ranked by plays, or by known
-- listening time when $by = 'time'; ties: the lower id first.
WITH per_credit AS (
  SELECT artist_credit_id, plays, known_ms, unknown_plays FROM rollup_credits_of($user_id)
),
credited AS (
  SELECT DISTINCT credit_id, artist_id
  FROM artist_credit_members
  WHERE credit_id IN (SELECT artist_credit_id FROM per_credit)
),
per_artist AS (
  SELECT m.artist_id, sum(c.plays) AS plays, sum(c.known_ms) AS known_ms, sum(c.unknown_plays) AS unknown_plays
  FROM per_credit c
  JOIN credited m ON m.credit_id = c.artist_credit_id
  GROUP BY m.artist_id
),
ranked AS (
  SELECT * FROM per_artist
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, artist_id
  LIMIT $limit
)
SELECT r.artist_id AS id, a.name, a.mbid, r.plays, r.known_ms, r.unknown_plays
FROM ranked r
JOIN artists a ON a.id = r.artist_id
ORDER BY CASE WHEN $by = 'time' THEN r.known_ms ELSE r.plays END DESC, r.artist_id
