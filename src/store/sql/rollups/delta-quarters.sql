-- The listens of a delta (rollup_delta) summed per user and UTC quarter hour, as rollup_quarters
-- keeps them (quarter = floor(epoch µs / 900 000 000); fdiv floors where // would truncate).
INSERT INTO rollup_delta_quarters
SELECT user_id,
       fdiv(epoch_us(listened_at), 900000000)::BIGINT AS quarter,
       count(*),
       coalesce(sum(coalesce(played_ms, duration_ms)), 0),
       count(*) - count(coalesce(played_ms, duration_ms)),
       min(epoch_us(listened_at)),
       max(epoch_us(listened_at)),
       max(epoch_us(listened_at) + coalesce(played_ms, duration_ms, 0)::BIGINT * 1000),
       false
FROM rollup_delta
GROUP BY user_id, quarter
