-- Artists a user played for the first time ever in [from, to) ("discovered" then): every credited
-- artist of a listen counts, as in top-artists-by-plays.sql. Each with its first listen and its
-- plays in the range; `discovered` is how many there are in all. Ties: the lower id first.
WITH firsts AS (
  -- The first listen of each artist over the whole history, per credit first (few rows).
  SELECT m.artist_id, min(c.first_at) AS first_at
  FROM (
    SELECT artist_credit_id, min(listened_at) AS first_at
    FROM listens WHERE user_id = $user_id GROUP BY artist_credit_id
  ) c
  JOIN artist_credit_members m ON m.credit_id = c.artist_credit_id
  GROUP BY m.artist_id
),
new_artists AS (
  SELECT artist_id, first_at FROM firsts
  WHERE first_at >= epoch_ms($from_ms) AND first_at < epoch_ms($to_ms)
),
per_credit AS (
  SELECT artist_credit_id, count(*) AS plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
  GROUP BY artist_credit_id
),
plays AS (
  SELECT n.artist_id, n.first_at, sum(c.plays) AS plays
  FROM new_artists n
  JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members) m ON m.artist_id = n.artist_id
  JOIN per_credit c ON c.artist_credit_id = m.credit_id
  GROUP BY n.artist_id, n.first_at
)
SELECT p.artist_id AS id, a.name, a.mbid, p.plays, p.first_at AS first_listen,
       (SELECT count(*) FROM new_artists) AS discovered
FROM plays p
JOIN artists a ON a.id = p.artist_id
ORDER BY p.plays DESC, p.artist_id
LIMIT $limit
