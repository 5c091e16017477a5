-- Whether the duplicate decision (decide-duplicates.sql) can find anything stored for a batch of
-- listens given as parameters, before anything is staged: the same test as may-have-duplicates.sql
-- against the stored listens and sources, for the batch's listens of recordings already stored
-- ($users, $recordings, $at_ms: one entry per listen; $lo_ms and $hi_ms: their earliest and latest
-- start widened by the reach). The repeat test inside the batch is answered in JavaScript.
WITH batch AS (
  SELECT unnest($users::INTEGER[]) AS user_id, unnest($recordings::INTEGER[]) AS recording_id,
         unnest($at_ms::BIGINT[]) AS at_ms
)
SELECT EXISTS (
  SELECT 1 FROM listens l JOIN batch b ON l.user_id = b.user_id AND l.recording_id = b.recording_id
  WHERE l.listened_at BETWEEN make_timestamp($lo_ms::BIGINT * 1000) AND make_timestamp($hi_ms::BIGINT * 1000)
    AND abs(epoch_ms(l.listened_at) - b.at_ms) <= ($reach_s::BIGINT + 1) * 1000
) OR EXISTS (
  SELECT 1 FROM listen_sources x JOIN batch b
    ON x.user_id = b.user_id AND x.recording_id = b.recording_id AND epoch_ms(x.listened_at) = b.at_ms
  WHERE x.listened_at BETWEEN make_timestamp($lo_ms::BIGINT * 1000) AND make_timestamp($hi_ms::BIGINT * 1000)
) AS possible;
