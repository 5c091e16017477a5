-- Which recordings a user listened to longest in [from, to): ranked by known listening time
-- (played_ms, else duration_ms), with plays and plays of unknown length. Ties: the lower id first.
WITH per_recording AS (
  SELECT recording_id,
         count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
  GROUP BY recording_id
  ORDER BY known_ms DESC, recording_id
  LIMIT $limit
)
SELECT r.recording_id AS id, rec.title AS name, rec.mbid, ac.name AS artist,
       r.plays, r.known_ms, r.unknown_plays
FROM per_recording r
JOIN recordings rec ON rec.id = r.recording_id
LEFT JOIN artist_credits ac ON ac.id = rec.artist_credit_id
ORDER BY r.known_ms DESC, r.recording_id
