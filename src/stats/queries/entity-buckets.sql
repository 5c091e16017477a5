-- An entity's plays per UTC quarter hour (every time zone's offset is a whole number of quarter
-- hours): src/stats/entity.ts turns the buckets into local months with the zone's offsets.
SELECT epoch_ms(listened_at) // 900000 AS bucket, count(*) AS plays,
       coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms
FROM entity_listens($user_id, $from_ms, $to_ms, $kind, $id)
GROUP BY bucket
ORDER BY bucket
