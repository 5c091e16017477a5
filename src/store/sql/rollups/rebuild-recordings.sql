-- rollup_recordings recomputed from the listens, of every user ($user_id NULL) or one.
INSERT INTO rollup_recordings
SELECT user_id, recording_id, count(*), coalesce(sum(coalesce(played_ms, duration_ms)), 0),
       count(*) - count(coalesce(played_ms, duration_ms))
FROM listens
WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER
GROUP BY user_id, recording_id
ORDER BY user_id, recording_id
