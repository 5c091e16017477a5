-- rollup_hours recomputed from the listens, of every user ($user_id NULL) or one.
INSERT INTO rollup_hours
SELECT user_id,
       fdiv(epoch_us(listened_at), 3600000000)::BIGINT AS hour,
       count(*),
       coalesce(sum(coalesce(played_ms, duration_ms)), 0),
       count(*) - count(coalesce(played_ms, duration_ms))
FROM listens
WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER
GROUP BY user_id, hour
ORDER BY user_id, hour
