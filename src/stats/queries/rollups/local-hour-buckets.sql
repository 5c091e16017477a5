-- local-listen-buckets.sql read from the rollups' UTC hours, for a range of whole hours in a zone
-- whose bucket grid (time-zone.ts bucketGrid) is made of whole hours (most zones): the same
-- parameters and columns, the hours summed into the grid's buckets (each lies inside one) and each
-- bucket shifted by its zone offset, zone_offset_ms(t): a CASE over the offset segments each
-- statistic defines for its zone and range (stats-service.ts zoneOffsetMacro), cheaper per row than
-- joining every bucket to its segment. Adding a width before // keeps it from truncating toward zero.
CREATE OR REPLACE TEMP MACRO local_hour_buckets(
  p_user_id, p_from_ms, p_to_ms, p_width_ms, p_shift_ms, p_segment_starts, p_segment_offsets
) AS TABLE
WITH units AS NOT MATERIALIZED (
  SELECT hour * 3600000 AS start_ms, plays, known_ms, unknown_plays
  FROM rollup_hours_of(p_user_id)
  WHERE hour >= p_from_ms::BIGINT // 3600000 AND hour < p_to_ms::BIGINT // 3600000
),
buckets AS (
  -- A grid of the unit's own width: each unit is a bucket.
  SELECT start_ms, plays, known_ms, unknown_plays FROM units WHERE p_width_ms::BIGINT = 3600000
  UNION ALL
  SELECT ((start_ms + p_shift_ms::BIGINT + p_width_ms::BIGINT) // p_width_ms::BIGINT - 1) * p_width_ms::BIGINT
           - p_shift_ms::BIGINT AS start_ms,
         sum(plays), sum(known_ms), sum(unknown_plays)
  FROM units
  WHERE p_width_ms::BIGINT <> 3600000
  GROUP BY 1
)
SELECT epoch_ms(start_ms + zone_offset_ms(start_ms)) AS local_start, plays, known_ms, unknown_plays
FROM buckets
