-- top-artists-by-plays.sql and top-artists-by-time.sql for a range that holds the user's whole
-- history, from the all-time plays per credited artist (rollup_artists_of: every credited artist of a
-- listen has it, a credit naming one artist twice counts once). Ranked by plays, or by known
-- listening time when $by = 'time'; ties: the lower id first.
WITH ranked AS (
  SELECT artist_id, plays, known_ms, unknown_plays
  FROM rollup_artists_of($user_id)
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, artist_id
  LIMIT $limit
)
SELECT r.artist_id AS id, a.name, a.mbid, r.plays, r.known_ms, r.unknown_plays
FROM ranked r
JOIN artists a ON a.id = r.artist_id
ORDER BY CASE WHEN $by = 'time' THEN r.known_ms ELSE r.plays END DESC, r.artist_id
