-- summary.sql for a range that holds the user's whole history, from the rollups (the macros of
-- src/store/sql/rollups/read-macros.sql): plays, known time and plays of unknown length summed over
-- the hours, first and last listen, distinct credited artists, releases and recordings, and the top 5
-- artists by plays (every credited artist of a listen counts).
WITH totals AS (
  SELECT coalesce(sum(plays), 0) AS plays, coalesce(sum(known_ms), 0) AS known_ms,
         coalesce(sum(unknown_plays), 0) AS unknown_plays
  FROM rollup_hours_of($user_id)
),
top_artists AS (
  SELECT list({'id': p.artist_id, 'name': a.name, 'mbid': a.mbid, 'plays': p.plays}
              ORDER BY p.plays DESC, p.artist_id) AS top_artists
  FROM (SELECT * FROM rollup_artists_of($user_id) ORDER BY plays DESC, artist_id LIMIT 5) p
  JOIN artists a ON a.id = p.artist_id
),
counts AS (
  SELECT (SELECT count(*) FROM rollup_artists_of($user_id)) AS artists,
         (SELECT count(*) FROM rollup_releases_of($user_id)) AS releases,
         (SELECT count(*) FROM rollup_recordings_of($user_id)) AS recordings
)
SELECT t.plays, t.known_ms, t.unknown_plays,
       make_timestamp(s.first_start_us) AS first_listen, make_timestamp(s.last_start_us) AS last_listen,
       c.artists, c.releases, c.recordings, a.top_artists
FROM totals t, rollup_span($user_id) s, counts c, top_artists a
