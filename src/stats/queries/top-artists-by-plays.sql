-- Which artists a user played most in [from, to): every credited artist of a listen gets the play
-- (a "A feat. B" listen counts for A and for B), with each artist's known listening time
-- (played_ms, else duration_ms) and plays of unknown length. Ties: the lower id first.
-- Plays are counted per artist credit first (10M listens → ~60k credits), so the join to credit
-- members touches each credit once. Times are then summed only over the credits of the top
-- artists: the join hands those credits to the scan as a filter (see top-recordings-by-plays.sql).
WITH per_credit AS (
  SELECT artist_credit_id, count(*) AS plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
  GROUP BY artist_credit_id
),
credited AS (
  -- A credit naming one artist twice still counts once for that artist.
  SELECT DISTINCT credit_id, artist_id
  FROM artist_credit_members
  WHERE credit_id IN (SELECT artist_credit_id FROM per_credit)
),
ranked AS (
  SELECT m.artist_id, sum(c.plays) AS plays
  FROM per_credit c
  JOIN credited m ON m.credit_id = c.artist_credit_id
  GROUP BY m.artist_id
  ORDER BY plays DESC, m.artist_id
  LIMIT $limit
),
top_credits AS (
  SELECT DISTINCT m.credit_id FROM credited m JOIN ranked r ON r.artist_id = m.artist_id
),
timed_credits AS (
  SELECT l.artist_credit_id,
         sum(coalesce(l.played_ms, l.duration_ms)) AS known_ms,
         count(*) - count(coalesce(l.played_ms, l.duration_ms)) AS unknown_plays
  FROM listens l
  JOIN top_credits t ON t.credit_id = l.artist_credit_id
  WHERE l.user_id = $user_id
    AND l.listened_at >= epoch_ms($from_ms) AND l.listened_at < epoch_ms($to_ms)
  GROUP BY l.artist_credit_id
),
timed AS (
  SELECT m.artist_id, coalesce(sum(t.known_ms), 0) AS known_ms, sum(t.unknown_plays) AS unknown_plays
  FROM credited m
  JOIN ranked r ON r.artist_id = m.artist_id
  JOIN timed_credits t ON t.artist_credit_id = m.credit_id
  GROUP BY m.artist_id
)
SELECT r.artist_id AS id, a.name, a.mbid, r.plays, t.known_ms, t.unknown_plays
FROM ranked r
JOIN timed t ON t.artist_id = r.artist_id
JOIN artists a ON a.id = r.artist_id
ORDER BY r.plays DESC, r.artist_id
