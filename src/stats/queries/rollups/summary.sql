-- summary.sql for a range that holds the user's whole history, from the rollups (the macros of
-- src/store/sql/rollups/read-macros.sql): plays, known time and plays of unknown length summed per
-- artist credit (every listen has one), first and last listen, distinct credited artists, releases
-- and recordings, and the top 5 artists by plays (every credited artist of a listen counts).
WITH per_credit AS MATERIALIZED (
  SELECT artist_credit_id, plays, known_ms, unknown_plays FROM rollup_credits_of($user_id)
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
SELECT (SELECT coalesce(sum(plays), 0) FROM per_credit) AS plays,
       (SELECT coalesce(sum(known_ms), 0) FROM per_credit) AS known_ms,
       (SELECT coalesce(sum(unknown_plays), 0) FROM per_credit) AS unknown_plays,
       (SELECT make_timestamp(first_start_us) FROM rollup_span($user_id)) AS first_listen,
       (SELECT make_timestamp(last_start_us) FROM rollup_span($user_id)) AS last_listen,
       (SELECT count(*) FROM per_artist) AS artists,
       (SELECT count(DISTINCT release_id) FROM rollup_releases_of($user_id)) AS releases,
       (SELECT count(*) FROM rollup_recordings_of($user_id)) AS recordings,
       (SELECT list(a ORDER BY a.plays DESC, a.id) FROM top_artists a) AS top_artists
