-- Which recordings a user played most in [from, to), with each one's known listening time
-- (played_ms, else duration_ms) and plays of unknown length. Ties: the lower id first.
-- Two passes: count plays per recording (one cheap aggregate over every listen), then sum the times
-- of the top $limit only — the join hands their ids to the scan as a filter, so the second pass
-- reads few rows. Over 10M listens this halves the time of one pass with all three aggregates.
WITH ranked AS (
  SELECT recording_id, count(*) AS plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
  GROUP BY recording_id
  ORDER BY plays DESC, recording_id
  LIMIT $limit
),
timed AS (
  SELECT l.recording_id,
         coalesce(sum(coalesce(l.played_ms, l.duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(l.played_ms, l.duration_ms)) AS unknown_plays
  FROM listens l
  JOIN ranked r ON r.recording_id = l.recording_id
  WHERE l.user_id = $user_id
    AND l.listened_at >= epoch_ms($from_ms) AND l.listened_at < epoch_ms($to_ms)
  GROUP BY l.recording_id
)
SELECT r.recording_id AS id, rec.title AS name, rec.mbid, ac.name AS artist,
       r.plays, t.known_ms, t.unknown_plays
FROM ranked r
JOIN timed t ON t.recording_id = r.recording_id
JOIN recordings rec ON rec.id = r.recording_id
LEFT JOIN artist_credits ac ON ac.id = rec.artist_credit_id
ORDER BY r.plays DESC, r.recording_id
