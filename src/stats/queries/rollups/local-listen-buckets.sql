-- local-listen-buckets.sql read from the rollups: the same macro (name, parameters, columns) over a
-- user's plays per UTC quarter hour (rollup_quarters_in) instead of the listens, for zones whose grid
-- (time-zone.ts bucketGrid) is made of whole quarter hours: every quarter then lies inside one grid
-- bucket, and each bucket is shifted by its segment's offset as there. fdiv floors: the quarter at
-- the range's start may begin before it.
CREATE OR REPLACE TEMP MACRO local_listen_buckets(
  p_user_id, p_from_ms, p_to_ms, p_width_ms, p_shift_ms, p_segment_starts, p_segment_offsets
) AS TABLE
WITH buckets AS (
  SELECT fdiv(quarter * 900000 + p_shift_ms::BIGINT, p_width_ms::BIGINT)::BIGINT AS bucket,
         sum(plays) AS plays,
         sum(known_ms) AS known_ms,
         sum(unknown_plays) AS unknown_plays
  FROM rollup_quarters_in(p_user_id, p_from_ms, p_to_ms)
  GROUP BY bucket
),
segments AS (
  SELECT unnest(string_split(p_segment_starts, ',')::BIGINT[]) AS start_ms,
         unnest(string_split(p_segment_offsets, ',')::BIGINT[]) AS offset_ms
)
SELECT epoch_ms(b.bucket * p_width_ms::BIGINT - p_shift_ms + s.offset_ms) AS local_start,
       b.plays, b.known_ms, b.unknown_plays
FROM buckets b
ASOF JOIN segments s ON b.bucket * p_width_ms::BIGINT - p_shift_ms >= s.start_ms
