-- A user's listens in [from, to) grouped into UTC buckets that each lie inside one local hour of a
-- time zone, each with its local start time: the base of activity, listening clock and streaks.
-- Converting 10M listens one by one with ICU takes seconds; converting ~90k hourly buckets by
-- offset takes milliseconds. src/stats/time-zone.ts picks the grid (bucketGrid: width and phase)
-- from the zone's offset segments (offsetSegments) and explains why the result is exact.
-- Bucket k holds [k·width − shift, (k+1)·width − shift); shift ≡ phase (mod width) and makes every
-- k ≥ 0, because DuckDB's // truncates toward zero. All parameters are in ms; segments arrive as
-- comma-separated lists, starts ascending, the first before any bucket.
CREATE OR REPLACE TEMP MACRO local_listen_buckets(
  p_user_id, p_from_ms, p_to_ms, p_width_ms, p_shift_ms, p_segment_starts, p_segment_offsets
) AS TABLE
WITH buckets AS (
  SELECT (epoch_us(listened_at) + p_shift_ms::BIGINT * 1000) // (p_width_ms::BIGINT * 1000) AS bucket,
         count(*) AS plays,
         sum(coalesce(played_ms, duration_ms)) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = p_user_id
    AND listened_at >= epoch_ms(p_from_ms) AND listened_at < epoch_ms(p_to_ms)
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
