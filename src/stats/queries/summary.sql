-- The overview of a user's listening in [from, to): plays, known listening time and plays of
-- unknown length, first and last listen, distinct credited artists, releases and recordings, and
-- the top 5 artists by plays (every credited artist of a listen counts, as in top-artists.sql).
-- Each part is one pass with as few aggregates as it needs: over 10M listens every extra
-- aggregate costs ~30 ms of CPU.
WITH scoped AS NOT MATERIALIZED (
  SELECT * FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
),
totals AS (
  SELECT count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays,
         min(listened_at) AS first_listen,
         max(listened_at) AS last_listen
  FROM scoped
),
per_credit AS MATERIALIZED (
  SELECT artist_credit_id, count(*) AS plays FROM scoped GROUP BY artist_credit_id
),
per_artist AS (
  SELECT m.artist_id, sum(c.plays) AS plays
  FROM per_credit c
  JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members
        WHERE credit_id IN (SELECT artist_credit_id FROM per_credit)) m
    ON m.credit_id = c.artist_credit_id
  GROUP BY m.artist_id
),
top_artists AS (
  SELECT p.artist_id AS id, a.name, a.mbid, p.plays
  FROM (SELECT * FROM per_artist ORDER BY plays DESC, artist_id LIMIT 5) p
  JOIN artists a ON a.id = p.artist_id
)
SELECT t.plays, t.known_ms, t.unknown_plays, t.first_listen, t.last_listen,
       (SELECT count(*) FROM per_artist) AS artists,
       (SELECT count(*) FROM (SELECT release_id FROM scoped WHERE release_id IS NOT NULL GROUP BY release_id)) AS releases,
       (SELECT count(*) FROM (SELECT recording_id FROM scoped GROUP BY recording_id)) AS recordings,
       (SELECT list(a ORDER BY a.plays DESC, a.id) FROM top_artists a) AS top_artists
FROM totals t
