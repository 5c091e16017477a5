-- The overview of a user's listening in [from, to): plays, known listening time and plays of
-- unknown length, distinct credited artists, releases and recordings, first and last listen, and
-- the top 5 artists by plays (every credited artist of a listen counts, as in top-artists.sql).
WITH per_credit AS (
  SELECT artist_credit_id,
         count(*) AS plays,
         sum(coalesce(played_ms, duration_ms)) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
  GROUP BY artist_credit_id
),
per_artist AS (
  SELECT m.artist_id, sum(c.plays) AS plays,
         coalesce(sum(c.known_ms), 0) AS known_ms, sum(c.unknown_plays) AS unknown_plays
  FROM per_credit c
  JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members
        WHERE credit_id IN (SELECT artist_credit_id FROM per_credit)) m
    ON m.credit_id = c.artist_credit_id
  GROUP BY m.artist_id
),
top_artists AS (
  SELECT p.artist_id AS id, a.name, a.mbid, p.plays, p.known_ms, p.unknown_plays
  FROM (SELECT * FROM per_artist ORDER BY plays DESC, artist_id LIMIT 5) p
  JOIN artists a ON a.id = p.artist_id
),
edges AS (
  SELECT min(listened_at) AS first_listen, max(listened_at) AS last_listen
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
)
SELECT coalesce((SELECT sum(plays) FROM per_credit), 0) AS plays,
       coalesce((SELECT sum(known_ms) FROM per_credit), 0) AS known_ms,
       coalesce((SELECT sum(unknown_plays) FROM per_credit), 0) AS unknown_plays,
       (SELECT count(*) FROM per_artist) AS artists,
       (SELECT count(*) FROM (
          SELECT release_id FROM listens
          WHERE user_id = $user_id AND release_id IS NOT NULL
            AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
          GROUP BY release_id)) AS releases,
       (SELECT count(*) FROM (
          SELECT recording_id FROM listens
          WHERE user_id = $user_id
            AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
          GROUP BY recording_id)) AS recordings,
       e.first_listen,
       e.last_listen,
       (SELECT list(t ORDER BY t.plays DESC, t.id) FROM top_artists t) AS top_artists
FROM edges e
