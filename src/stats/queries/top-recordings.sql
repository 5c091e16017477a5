-- Which recordings a user listened to most in [from, to), ranked by plays or by known listening time
-- (played_ms, else duration_ms), with each recording's known time and plays of unknown length.
WITH per_recording AS (
  SELECT recording_id,
         count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= make_timestamp($from_us) AND listened_at < make_timestamp($to_us)
  GROUP BY recording_id
),
ranked AS (
  SELECT * FROM per_recording
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, recording_id
  LIMIT $limit
)
SELECT r.recording_id AS id, rec.title AS name, rec.mbid, ac.name AS artist,
       r.plays, r.known_ms, r.unknown_plays
FROM ranked r
JOIN recordings rec ON rec.id = r.recording_id
LEFT JOIN artist_credits ac ON ac.id = rec.artist_credit_id
ORDER BY CASE WHEN $by = 'time' THEN r.known_ms ELSE r.plays END DESC, r.recording_id
