-- top-recordings-by-plays.sql and top-recordings-by-time.sql for a range that holds the user's whole
-- history, from the all-time plays per recording (rollup_recordings_of): one row per recording, so
-- ranking is a top-N sort with no grouping. By plays, or by known time when $by = 'time'; ties: the
-- lower id first.
WITH ranked AS (
  SELECT recording_id, plays, known_ms, unknown_plays
  FROM rollup_recordings_of($user_id)
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, recording_id
  LIMIT $limit
)
SELECT r.recording_id AS id, rec.title AS name, rec.mbid, ac.name AS artist,
       r.plays, r.known_ms, r.unknown_plays
FROM ranked r
JOIN recordings rec ON rec.id = r.recording_id
LEFT JOIN artist_credits ac ON ac.id = rec.artist_credit_id
ORDER BY CASE WHEN $by = 'time' THEN r.known_ms ELSE r.plays END DESC, r.recording_id
