-- rollup_quarters recomputed from the listens, of every user ($user_id NULL) or one; as
-- delta-quarters.sql sums a delta.
INSERT INTO rollup_quarters
SELECT user_id,
       fdiv(epoch_us(listened_at), 900000000)::BIGINT AS quarter,
       count(*),
       coalesce(sum(coalesce(played_ms, duration_ms)), 0),
       count(*) - count(coalesce(played_ms, duration_ms)),
       min(epoch_us(listened_at)),
       max(epoch_us(listened_at)),
       max(epoch_us(listened_at) + coalesce(played_ms, duration_ms, 0)::BIGINT * 1000)
FROM listens
WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER
GROUP BY user_id, quarter
ORDER BY user_id, quarter
