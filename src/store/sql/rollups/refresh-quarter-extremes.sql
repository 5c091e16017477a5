-- The earliest start, latest start and latest end of the marked quarters (mark-quarter-refresh.sql)
-- among the listens that stay: those of the quarter that are not in the delta. $from_us and $to_us
-- bound the marked quarters, so the scan reads only the listens of that stretch of time.
UPDATE rollup_quarters q
SET first_start_us = x.first_start_us, last_start_us = x.last_start_us, last_end_us = x.last_end_us
FROM (
  SELECT l.user_id, fdiv(epoch_us(l.listened_at), 900000000)::BIGINT AS quarter,
         min(epoch_us(l.listened_at)) AS first_start_us,
         max(epoch_us(l.listened_at)) AS last_start_us,
         max(epoch_us(l.listened_at) + coalesce(l.played_ms, l.duration_ms, 0)::BIGINT * 1000) AS last_end_us
  FROM listens l
  JOIN rollup_delta_quarters d
    ON d.refresh AND d.user_id = l.user_id AND d.quarter = fdiv(epoch_us(l.listened_at), 900000000)::BIGINT
  WHERE l.listened_at >= make_timestamp($from_us::BIGINT) AND l.listened_at < make_timestamp($to_us::BIGINT)
    AND l.id NOT IN (SELECT id FROM rollup_delta)
  GROUP BY ALL
) x
WHERE q.user_id = x.user_id AND q.quarter = x.quarter
