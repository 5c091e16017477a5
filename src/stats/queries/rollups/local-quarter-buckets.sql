-- local-listen-buckets.sql read from the rollups' UTC quarter hours, for zones whose bucket grid
-- (time-zone.ts bucketGrid) is made of whole quarter hours (:30 and :45 offsets) or ranges that do
-- not start and end on whole hours: the same parameters and columns, the quarters in [from, to)
-- (rollup_quarters_in: the edges' partial quarters from the listens) summed into the grid's buckets
-- (each lies inside one), each bucket shifted by zone_offset_ms(t) as in local-hour-buckets.sql. The
-- quarter at the range's start may begin before it: adding a width before // keeps it from
-- truncating toward zero.
CREATE OR REPLACE TEMP MACRO local_quarter_buckets(
  p_user_id, p_from_ms, p_to_ms, p_width_ms, p_shift_ms, p_segment_starts, p_segment_offsets
) AS TABLE
WITH units AS NOT MATERIALIZED (
  SELECT quarter * 900000 AS start_ms, plays, known_ms, unknown_plays
  FROM rollup_quarters_in(p_user_id, p_from_ms, p_to_ms)
),
buckets AS (
  -- A grid of the unit's own width: each unit is a bucket.
  SELECT start_ms, plays, known_ms, unknown_plays FROM units WHERE p_width_ms::BIGINT = 900000
  UNION ALL
  SELECT ((start_ms + p_shift_ms::BIGINT + p_width_ms::BIGINT) // p_width_ms::BIGINT - 1) * p_width_ms::BIGINT
           - p_shift_ms::BIGINT AS start_ms,
         sum(plays), sum(known_ms), sum(unknown_plays)
  FROM units
  WHERE p_width_ms::BIGINT <> 900000
  GROUP BY 1
)
SELECT epoch_ms(start_ms + zone_offset_ms(start_ms)) AS local_start, plays, known_ms, unknown_plays
FROM buckets
